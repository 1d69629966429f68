"""Notices to the applicant about their application: received, correction needed, ready, rejected.

Sent to the contacts the applicant gave: e-mail through Django's mail, a phone number through the
SMS/WhatsApp gateway (`lontar.core.notifications.gateways`). They never carry the tracking secret (a
notice can be read on a shared phone or forwarded); they carry the registration number and the link
to the tracking page. SMS texts stay short and hold no officer's message, which the tracking page
shows.

Each notice is queued when the transaction of its status change commits; sending runs in a task and
its failures are logged, never raised, so a gateway outage cannot undo or block a status change.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from lontar.core.background import enqueue_on_commit
from lontar.core.notifications.citizens import send_to_citizen
from lontar.public_services.models import Application, ApplicationMessage, MessageKind

SUBMITTED = "diajukan"
CORRECTION = "perbaikan"
READY = "selesai"
REJECTED = "ditolak"
EVENTS = (SUBMITTED, CORRECTION, READY, REJECTED)
SENT_MARK_SECONDS = 2 * 24 * 3600


def _queue(application: Application, event: str) -> None:
    if not (application.applicant_email or application.applicant_phone):
        return
    stamp = application.status_changed_at.isoformat() if application.status_changed_at else ""
    from lontar.public_services.tasks_citizen import send_applicant_notice

    enqueue_on_commit(send_applicant_notice, application.pk, event, stamp)


def application_submitted(application: Application) -> None:
    _queue(application, SUBMITTED)


def correction_requested(application: Application) -> None:
    _queue(application, CORRECTION)


def result_ready(application: Application) -> None:
    _queue(application, READY)


def application_rejected(application: Application) -> None:
    _queue(application, REJECTED)


def tracking_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("public_services:track")


def survey_url(application: Application) -> str:
    """The satisfaction survey of a completed application (the surveys module's page, by URL name:
    public services never imports surveys). It asks for the secret, as the tracking page does."""
    return settings.SITE_URL.rstrip("/") + reverse(
        "surveys:invitation", kwargs={"number": application.number}
    )


def _date(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def compose(application: Application, event: str) -> tuple[str, str, str]:
    """(subject, e-mail body, SMS text) of one notice, in Bahasa Indonesia."""
    values = {
        "nomor": application.number,
        "layanan": application.service.name,
        "kantor": application.organisation.name,
        "tanggal": _date(application.due_date),
        "tautan": tracking_url(),
    }
    if event == SUBMITTED:
        subject = _("Permohonan %(nomor)s diterima") % values
        sms = (
            _(
                "Permohonan %(layanan)s Anda diterima %(kantor)s dengan nomor %(nomor)s. Perkiraan selesai "
                "%(tanggal)s. Lacak di %(tautan)s dengan nomor dan kode rahasia Anda."
            )
            % values
        )
        body = sms
    elif event == CORRECTION:
        subject = _("Permohonan %(nomor)s perlu perbaikan") % values
        sms = (
            _(
                "Permohonan %(nomor)s perlu perbaikan dari Anda. Baca pesan petugas dan kirim perbaikan di "
                "%(tautan)s. Waktu penyelesaian berhenti sampai perbaikan diterima."
            )
            % values
        )
        last = (
            ApplicationMessage.objects.filter(application=application, kind=MessageKind.TO_APPLICANT)
            .order_by("-created_at", "-id")
            .values_list("body", flat=True)
            .first()
        )
        body = sms + ("\n\n" + _("Pesan petugas:") + "\n" + last if last else "")
    elif event == READY:
        subject = _("Hasil permohonan %(nomor)s sudah selesai") % values
        if application.service.result_downloadable and application.result_document_id:
            sms = (
                _(
                    "Hasil permohonan %(nomor)s sudah selesai dan dapat diunduh di %(tautan)s dengan nomor "
                    "dan kode rahasia Anda."
                )
                % values
            )
        else:
            sms = (
                _(
                    "Hasil permohonan %(nomor)s sudah selesai dan siap diambil di loket %(kantor)s pada jam "
                    "kerja. Bawa KTP asli dan nomor permohonan."
                )
                % values
            )
        survey = _("Bagaimana pelayanan kami? Isi survei kepuasan di %(survei)s") % {
            "survei": survey_url(application)
        }
        body = sms + "\n\n" + survey
        sms = sms + " " + survey
    elif event == REJECTED:
        subject = _("Permohonan %(nomor)s tidak dapat dikabulkan") % values
        sms = _("Permohonan %(nomor)s tidak dapat dikabulkan. Alasannya dapat dibaca di %(tautan)s.") % values
        body = sms
        if application.rejection_reason:
            body += "\n\n" + _("Alasan:") + "\n" + application.rejection_reason
    else:
        raise ValueError(event)
    return subject, body, sms


def deliver(application_id: int, event: str, stamp: str = "") -> list[str]:
    """Send one notice; returns the channels it went out on. Never raises for a delivery failure.

    A second run of the same task (a worker retry) sends nothing again: the notice is marked in the
    cache by application, event and the moment of the status change."""
    mark = f"ps:pemberitahuan:{application_id}:{event}:{stamp}"
    if not cache.add(mark, 1, timeout=SENT_MARK_SECONDS):
        return []
    application = (
        Application.objects.select_related("service", "organisation").filter(pk=application_id).first()
    )
    if application is None:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        subject, body, sms = compose(application, event)
    return send_to_citizen(
        email=application.applicant_email,
        phone=application.applicant_phone,
        subject=subject,
        body=body,
        sms=sms,
        about=f"Notice {event} of application {application_id}",
    )
