"""The tanda terima of a walk-in application: the same content as a print page and as a small PDF
(A5), with the office's letterhead and a QR to the public tracking page.

The tracking secret exists only in the officer's session right after registration (or after a new
one was made); without it the receipt shows the number and a QR to the tracking form, never the
secret."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from lontar.core.documents.rendering import (
    html_to_pdf,
    indonesian_date,
    logo_data_uri,
    qr_data_uri,
    render_html,
)
from lontar.public_services.selectors import visits as selectors


def tracking_path(number: str, secret: str = "") -> str:
    """The public tracking page: with the secret (the receipt's QR) or the form that asks for it."""
    try:
        if secret:
            return reverse("public_services:track_link", kwargs={"number": number, "secret": secret})
        return reverse("public_services:track")
    except NoReverseMatch:
        # The tracking pages belong to the citizen part; these are their agreed addresses.
        return f"/lacak/{number}/{secret}/" if secret else "/lacak/"


def receipt_context(application, secret: str = "") -> dict:
    organisation = application.organisation
    site = settings.SITE_URL.rstrip("/")
    link = site + tracking_path(application.number, secret)
    submitted = timezone.localtime(application.submitted_at or application.created_at)
    scanned = selectors.scanned_requirement_ids(application)
    return {
        "application": application,
        "organisation": organisation,
        "secret": secret,
        "track_link": link,
        "track_page": site + tracking_path(application.number),
        "qr_uri": qr_data_uri(link),
        "submitted_text": f"{indonesian_date(submitted.date())}, {submitted:%H.%M}",
        "due_text": indonesian_date(application.due_date) if application.due_date else "-",
        "requirements": [
            (requirement, requirement.pk in scanned)
            for requirement in selectors.checked_requirements(application)
        ],
        "officer_name": application.registered_by.display_name if application.registered_by else "-",
    }


def receipt_pdf(application, secret: str = "") -> bytes:
    context = {**receipt_context(application, secret), "logo_uri": logo_data_uri(application.organisation)}
    return html_to_pdf(render_html("public_services/counter/receipt_pdf.html", context))
