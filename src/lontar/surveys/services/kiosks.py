"""Counter kiosks: activation by the front desk, deactivation, and the defences of a kiosk response.

A kiosk is a tablet at a counter on which visitors answer the survey without signing in. What keeps it
from being stuffed (each has a test):
* the device holds a long random token (only its hash is stored) in a signed, HttpOnly cookie; a
  response without the cookie of an active kiosk is refused (deactivating ends the device's rights);
* every form carries a single-use nonce issued by the server (stored hashed, expiring);
* a form sent sooner than `SURVEY_KIOSK_MIN_FILL_SECONDS` after it was issued is refused;
* a kiosk takes at most one response per `SURVEY_KIOSK_MIN_INTERVAL_SECONDS` and
  `SURVEY_KIOSK_MAX_PER_HOUR` responses per hour (counted in the database under a row lock on the
  kiosk, so concurrent submits cannot both pass).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.permissions import require
from lontar.surveys.models import Kiosk, KioskNonce, ResponseChannel, SurveyResponse
from lontar.surveys.permissions import RUN_KIOSK
from lontar.surveys.services.questionnaires import active_questionnaire
from lontar.surveys.services.responses import submit_response


def min_fill_seconds() -> int:
    return getattr(settings, "SURVEY_KIOSK_MIN_FILL_SECONDS", 8)


def min_interval_seconds() -> int:
    return getattr(settings, "SURVEY_KIOSK_MIN_INTERVAL_SECONDS", 20)


def max_per_hour() -> int:
    return getattr(settings, "SURVEY_KIOSK_MAX_PER_HOUR", 60)


def nonce_lifetime() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "SURVEY_KIOSK_NONCE_MINUTES", 30))


def token_hash(token: str) -> str:
    return hashlib.sha256(f"lontar-kios:{token}".encode()).hexdigest()


class KioskRefused(ValidationError):
    """A kiosk response refused by a defence; `fresh_form` says the form needs a new nonce."""

    def __init__(self, message: str, *, code: str, fresh_form: bool = False):
        super().__init__(message, code=code)
        self.fresh_form = fresh_form


def _snapshot(kiosk: Kiosk) -> dict:
    return {
        "nama": kiosk.name,
        "layanan": kiosk.service_id,
        "aktif": kiosk.is_active,
    }


def activate_kiosk(*, actor, organisation, name: str, service=None) -> tuple[Kiosk, str]:
    """A new kiosk for this device; returns it and the device token (shown to nobody: it goes into
    the device's cookie)."""
    require(actor, RUN_KIOSK, organisation=organisation)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"nama": _("Beri nama kios, misalnya Tablet loket 1.")})
    if service is not None and service.organisation_id != organisation.pk:
        raise ValidationError({"layanan": _("Layanan bukan milik kantor ini.")})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        kiosk = Kiosk.objects.create(
            organisation=organisation,
            name=name[:100],
            service=service,
            token_hash=token_hash(token),
            activated_by=actor,
        )
        audit.record(actor=actor, action="surveys.kiosk.activate", obj=kiosk, after=_snapshot(kiosk))
    return kiosk, token


def deactivate_kiosk(*, actor, kiosk: Kiosk) -> Kiosk:
    require(actor, RUN_KIOSK, kiosk)
    with transaction.atomic():
        kiosk = Kiosk.objects.select_for_update().get(pk=kiosk.pk)
        if not kiosk.is_active:
            return kiosk
        before = _snapshot(kiosk)
        kiosk.is_active = False
        kiosk.deactivated_at = timezone.now()
        kiosk.deactivated_by = actor
        kiosk.save(update_fields=["is_active", "deactivated_at", "deactivated_by"])
        kiosk.nonces.filter(used_at__isnull=True).delete()
        audit.record(
            actor=actor, action="surveys.kiosk.deactivate", obj=kiosk, before=before, after=_snapshot(kiosk)
        )
    return kiosk


def issue_nonce(kiosk: Kiosk) -> str:
    """A single-use token for one kiosk form; expired ones of the kiosk are swept on the way."""
    now = timezone.now()
    nonce = secrets.token_urlsafe(24)
    KioskNonce.objects.filter(kiosk=kiosk, expires_at__lt=now).delete()
    KioskNonce.objects.create(
        kiosk=kiosk, nonce_hash=token_hash(nonce), issued_at=now, expires_at=now + nonce_lifetime()
    )
    return nonce


def submit_kiosk_response(*, kiosk: Kiosk, nonce: str, answers: dict):
    """Check the kiosk's defences, then save through `submit_response`. `answers`: the keyword
    arguments of submit_response for the respondent (scores, age, sex, education, occupation,
    suggestion, visit_reference). Raises KioskRefused or ValidationError; nothing is saved then."""
    now = timezone.now()
    with transaction.atomic():
        kiosk = (
            Kiosk.objects.select_for_update(of=("self",))
            .select_related("organisation", "service")
            .get(pk=kiosk.pk)
        )
        if not kiosk.is_active:
            raise KioskRefused(_("Kios ini sudah dinonaktifkan."), code="inactive")
        issued = (
            KioskNonce.objects.select_for_update()
            .filter(kiosk=kiosk, nonce_hash=token_hash(nonce or "-"))
            .first()
        )
        if issued is None or issued.used_at is not None or issued.expires_at <= now:
            raise KioskRefused(
                _("Formulir ini sudah terkirim atau kedaluwarsa. Periksa jawaban Anda lalu kirim lagi."),
                code="nonce",
                fresh_form=True,
            )
        if (now - issued.issued_at).total_seconds() < min_fill_seconds():
            raise KioskRefused(
                _("Formulir terkirim terlalu cepat. Baca kembali pertanyaannya, lalu kirim lagi."),
                code="too_fast",
            )
        recent = SurveyResponse.objects.filter(kiosk=kiosk)
        if recent.filter(submitted_at__gt=now - dt.timedelta(seconds=min_interval_seconds())).exists():
            raise KioskRefused(
                _("Isian sebelumnya baru saja diterima. Tunggu sebentar, lalu kirim lagi."), code="rate"
            )
        if recent.filter(submitted_at__gt=now - dt.timedelta(hours=1)).count() >= max_per_hour():
            raise KioskRefused(
                _("Kios ini sudah menerima terlalu banyak isian dalam satu jam terakhir. Coba lagi nanti."),
                code="rate_hour",
            )
        response = submit_response(
            questionnaire=active_questionnaire(kiosk.organisation),
            channel=ResponseChannel.KIOSK,
            service=kiosk.service,
            kiosk=kiosk,
            actor_label=_("Responden kios: %(kios)s") % {"kios": kiosk.name},
            submitted_at=now,
            **answers,
        )
        issued.used_at = now
        issued.save(update_fields=["used_at"])
    return response
