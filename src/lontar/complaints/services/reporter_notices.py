"""Notices to the reporter: the office responded, or rejected the report.

Sent to the contact the reporter gave (never for an anonymous report, which has none): e-mail through
Django's mail, a phone number through the SMS/WhatsApp gateway. A notice never carries the tracking
secret (it can be read on a shared phone) nor the response itself (the tracking page shows it); it
carries the number and the address of the tracking page. Queued when the transaction commits; sending
runs in a task whose failures are logged, never raised, so a gateway outage cannot undo a response.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lontar.complaints.models import Complaint
from lontar.core.background import enqueue_on_commit
from lontar.core.notifications.citizens import send_to_citizen

RESPONDED = "ditanggapi"
REJECTED = "ditolak"
SENT_MARK_SECONDS = 2 * 24 * 3600


def queue(complaint: Complaint, event: str, stamp: str) -> None:
    """Send `event`'s notice after the commit, when the reporter left a contact."""
    if complaint.is_anonymous or not (complaint.reporter_email or complaint.reporter_phone):
        return
    from lontar.complaints.tasks import send_reporter_notice

    enqueue_on_commit(send_reporter_notice, complaint.pk, event, stamp)


def compose(complaint: Complaint, event: str) -> tuple[str, str]:
    """(subject, text) of one notice, in Bahasa Indonesia."""
    values = {
        "nomor": complaint.number,
        "kantor": complaint.organisation.name,
        "tautan": settings.SITE_URL.rstrip("/") + reverse("complaints:track"),
    }
    if event == RESPONDED:
        subject = _("Pengaduan %(nomor)s sudah ditanggapi") % values
        text = (
            _(
                "%(kantor)s menanggapi pengaduan %(nomor)s. Baca tanggapannya di %(tautan)s dengan nomor "
                "dan kode rahasia Anda."
            )
            % values
        )
    elif event == REJECTED:
        subject = _("Pengaduan %(nomor)s tidak dapat ditindaklanjuti") % values
        text = (
            _("Pengaduan %(nomor)s tidak dapat ditindaklanjuti. Alasannya dapat dibaca di %(tautan)s.")
            % values
        )
    else:
        raise ValueError(event)
    return subject, text


def deliver(complaint_id: int, event: str, stamp: str = "") -> list[str]:
    """Send one notice; returns the channels it went out on. A retried task sends nothing again."""
    if not cache.add(f"adu:pemberitahuan:{complaint_id}:{event}:{stamp}", 1, timeout=SENT_MARK_SECONDS):
        return []
    complaint = Complaint.objects.select_related("organisation").filter(pk=complaint_id).first()
    if complaint is None or complaint.is_anonymous:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        subject, text = compose(complaint, event)
    return send_to_citizen(
        email=complaint.reporter_email,
        phone=complaint.reporter_phone,
        subject=subject,
        body=text,
        sms=text,
        about=f"Notice {event} of complaint {complaint_id}",
    )
