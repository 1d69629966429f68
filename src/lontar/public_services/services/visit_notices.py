"""The booking confirmation: after a citizen books a counter visit, the queue number, day, session and
the booking's link go to the phone (SMS/WhatsApp gateway) and, when given, the e-mail — so the citizen
still has them when the confirmation page is closed on a poor link.

Sent by a task queued on commit; a failed delivery is logged, never raised (the booking stands), and a
worker retry sends nothing twice (marked in the cache per visit)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lontar.core.background import enqueue_on_commit
from lontar.core.notifications.citizens import send_to_citizen
from lontar.public_services.models import Visit
from lontar.public_services.selectors import visits as selectors

SENT_MARK_SECONDS = 7 * 24 * 3600


def queue_confirmation(visit: Visit) -> None:
    from lontar.public_services.tasks_citizen import send_visit_confirmation

    enqueue_on_commit(send_visit_confirmation, visit.pk)


def compose(visit: Visit) -> tuple[str, str, str]:
    """(e-mail subject, e-mail body, short message) in the deployment's language."""
    counter = selectors.counter_settings(visit.organisation)
    link = settings.SITE_URL.rstrip("/") + reverse("public_services:visit", kwargs={"code": visit.code})
    values = {
        "nomor": selectors.ticket_label(visit, counter.queue_prefix),
        "layanan": visit.service.name,
        "kantor": visit.organisation.name,
        "tanggal": selectors.day_text(visit.day),
        "jam": f"{visit.slot_start:%H.%M}" if visit.slot_start else "",
        "kode": visit.code,
        "tautan": link,
    }
    subject = _("Antrean %(nomor)s, %(tanggal)s — %(kantor)s") % values
    body = (
        _(
            "Pemesanan antrean Anda tercatat.\n\n"
            "Nomor antrean: %(nomor)s\nLayanan: %(layanan)s\nKantor: %(kantor)s\n"
            "Tanggal: %(tanggal)s, sesi %(jam)s\nKode pemesanan: %(kode)s\n\n"
            "Tunjukkan kode atau nomor ini kepada petugas loket. Untuk melihat atau membatalkan pemesanan:\n"
            "%(tautan)s"
        )
        % values
    )
    sms = _("Antrean %(nomor)s %(layanan)s, %(tanggal)s sesi %(jam)s, kode %(kode)s. %(tautan)s") % values
    return subject, body, sms


def deliver_confirmation(visit_id: int) -> list[str]:
    """Send the confirmation once; returns the channels it went out on."""
    if not cache.add(f"ps:antrean-terkirim:{visit_id}", 1, timeout=SENT_MARK_SECONDS):
        return []
    visit = Visit.objects.select_related("service", "organisation").filter(pk=visit_id).first()
    if visit is None:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        subject, body, sms = compose(visit)
    return send_to_citizen(
        email=visit.email,
        phone=visit.phone,
        subject=subject,
        body=body,
        sms=sms,
        about=f"Booking {visit.code}: confirmation",
    )
