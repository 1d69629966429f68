"""Saving a filled questionnaire (SKM response), whatever the channel.

`submit_response` is the only writer of responses: one transaction, the nine answers with it, audited
(a citizen without an account is named by `actor_label`, as public services does). One application has
at most one response: checked first for a friendly message, and guarded by the unique constraint
against two submits racing (both give the same `AlreadyAnswered`).

The suggestion is stored with the response; turning it into feedback for the complaints module is
wired by the lead when `lontar.complaints` lands (see decision 0014)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.public_services.models import DONE_STATUSES, Application
from lontar.surveys.models import (
    ELEMENT_CODES,
    MAX_AGE,
    MIN_AGE,
    Answer,
    Education,
    Kiosk,
    Occupation,
    Questionnaire,
    ResponseChannel,
    Sex,
    SurveyResponse,
)

SUGGESTION_MAX = 2000
# The channels, for callers that may not import models (views).
INVITATION = ResponseChannel.INVITATION
KIOSK = ResponseChannel.KIOSK
COUNTER = ResponseChannel.COUNTER


class AlreadyAnswered(ValidationError):
    def __init__(self):
        super().__init__(_("Survei untuk permohonan ini sudah diisi. Terima kasih."), code="already_answered")


def has_response(application: Application) -> bool:
    return SurveyResponse.objects.filter(application=application).exists()


def _clean(
    *,
    questionnaire,
    channel,
    scores,
    age,
    sex,
    education,
    occupation,
    suggestion,
    service,
    application,
    kiosk,
) -> dict:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    org_id = questionnaire.organisation_id
    if channel not in ResponseChannel.values:
        add("__all__", _("Kanal survei tidak dikenal."))
    for code in ELEMENT_CODES:
        value = scores.get(code)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 4:
            add(code, _("Pilih salah satu jawaban."))
    if set(scores) - set(ELEMENT_CODES):
        add("__all__", _("Jawaban memuat unsur yang tidak dikenal."))
    if not isinstance(age, int) or isinstance(age, bool) or not MIN_AGE <= age <= MAX_AGE:
        add("umur", _("Umur harus antara %(min)s dan %(max)s tahun.") % {"min": MIN_AGE, "max": MAX_AGE})
    if sex not in Sex.values:
        add("jenis_kelamin", _("Pilih jenis kelamin."))
    if education not in Education.values:
        add("pendidikan", _("Pilih pendidikan terakhir."))
    if occupation not in Occupation.values:
        add("pekerjaan", _("Pilih pekerjaan."))
    if len(suggestion) > SUGGESTION_MAX:
        add("saran", _("Saran paling banyak %(n)s karakter.") % {"n": SUGGESTION_MAX})
    if service is not None and service.organisation_id != org_id:
        add("__all__", _("Layanan bukan milik kantor ini."))
    if application is not None:
        if application.organisation_id != org_id:
            add("__all__", _("Permohonan bukan milik kantor ini."))
        elif application.status not in DONE_STATUSES:
            add("__all__", _("Survei dapat diisi setelah permohonan selesai."))
        if channel != ResponseChannel.INVITATION and channel != ResponseChannel.COUNTER:
            add("__all__", _("Permohonan hanya dapat dikaitkan lewat undangan atau loket."))
    if channel == ResponseChannel.INVITATION and application is None:
        add("__all__", _("Undangan survei selalu untuk satu permohonan."))
    if channel == ResponseChannel.KIOSK and (kiosk is None or kiosk.organisation_id != org_id):
        add("__all__", _("Kios survei tidak dikenal."))
    if errors:
        raise ValidationError(errors)
    return errors


def submit_response(
    *,
    questionnaire: Questionnaire,
    channel: str,
    scores: dict[str, int],
    age: int,
    sex: str,
    education: str,
    occupation: str,
    suggestion: str = "",
    service=None,
    application: Application | None = None,
    kiosk: Kiosk | None = None,
    visit_reference: str = "",
    actor=None,
    actor_label: str = "",
    submitted_at: dt.datetime | None = None,
) -> SurveyResponse:
    """Save one response and its nine answers. Raises ValidationError (field keys: U1…U9, umur,
    jenis_kelamin, pendidikan, pekerjaan, saran) or AlreadyAnswered; nothing is saved then."""
    suggestion = (suggestion or "").strip()
    if application is not None and service is None:
        service = application.service
    _clean(
        questionnaire=questionnaire,
        channel=channel,
        scores=scores,
        age=age,
        sex=sex,
        education=education,
        occupation=occupation,
        suggestion=suggestion,
        service=service,
        application=application,
        kiosk=kiosk,
    )
    if application is not None and has_response(application):
        raise AlreadyAnswered
    signed_in = getattr(actor, "is_authenticated", False)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                organisation_id=questionnaire.organisation_id,
                questionnaire=questionnaire,
                service=service,
                unit_id=service.unit_id if service is not None else None,
                channel=channel,
                application=application,
                kiosk=kiosk,
                visit_reference=(visit_reference or "").strip()[:30],
                recorded_by=actor if signed_in else None,
                age=age,
                sex=sex,
                education=education,
                occupation=occupation,
                suggestion=suggestion,
                submitted_at=submitted_at or timezone.now(),
            )
            Answer.objects.bulk_create(
                Answer(response=response, element=code, score=scores[code]) for code in ELEMENT_CODES
            )
            audit.record(
                actor=actor if signed_in else None,
                actor_label="" if signed_in else (actor_label or _("Responden survei")),
                action="surveys.response.submit",
                obj=response,
                after={
                    "kanal": channel,
                    "kuesioner": questionnaire.pk,
                    "versi": questionnaire.version,
                    "layanan": service.pk if service is not None else None,
                    "permohonan": application.number if application is not None else None,
                    "kios": kiosk.pk if kiosk is not None else None,
                    "nilai": {code: scores[code] for code in ELEMENT_CODES},
                    "ada_saran": bool(suggestion),
                },
            )
    except IntegrityError:
        if application is not None and has_response(application):
            raise AlreadyAnswered from None
        raise
    return response
