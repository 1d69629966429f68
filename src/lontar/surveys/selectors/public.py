"""Reads of the public survey pages: the questionnaire shown, whether an application was answered,
the kiosk of a device."""

from __future__ import annotations

from lontar.public_services.models import DONE_STATUSES, Service
from lontar.surveys.models import Kiosk, Questionnaire, SurveyResponse
from lontar.surveys.services.kiosks import token_hash


def questions_of(questionnaire: Questionnaire) -> list:
    return list(questionnaire.questions.order_by("order", "element"))


def is_answered(application) -> bool:
    return SurveyResponse.objects.filter(application=application).exists()


def is_completed(application) -> bool:
    return application.status in DONE_STATUSES


def kiosk_services(kiosk) -> list:
    """The services a kiosk without a fixed service lets the respondent choose from."""
    if kiosk.service_id:
        return []
    return list(
        Service.objects.filter(organisation=kiosk.organisation, is_active=True).order_by("order", "name")
    )


def kiosk_for_token(token: str) -> Kiosk | None:
    """The active kiosk this device token belongs to, or None."""
    if not token:
        return None
    return (
        Kiosk.objects.select_related("organisation", "service")
        .filter(token_hash=token_hash(token), is_active=True, organisation__is_active=True)
        .first()
    )
