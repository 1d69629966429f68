"""Test helpers of the survey: a completed application, a full set of answers, one saved response."""

from __future__ import annotations

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.public_services.services import applications as app_services
from lontar.public_services.services import results
from lontar.public_services.tests.factories import make_service, submitted_application
from lontar.surveys.models import ELEMENT_CODES, ResponseChannel
from lontar.surveys.services.questionnaires import active_questionnaire
from lontar.surveys.services.responses import submit_response


def completed_application(service, *, officer=None, **applicant):
    """An application moved to "selesai" through the real services. Returns (application, secret)."""
    officer = officer or member(service.organisation, Role.FRONT_DESK)
    application, secret = submitted_application(service, **applicant)
    app_services.start_verification(application=application, actor=officer, reason="Uji survei")
    app_services.step(application=application, name="accept", actor=officer)
    results.complete_without_document(application=application, actor=officer)
    application.refresh_from_db()
    return application, secret


def signed_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user, backend="lontar.core.auth_backends.UsernameOrNipBackend")
    return client


def scores(value: int = 4, **overrides) -> dict[str, int]:
    return {code: overrides.get(code, value) for code in ELEMENT_CODES}


def profile(**overrides) -> dict:
    return {"age": 34, "sex": "P", "education": "sma", "occupation": "wirausaha", **overrides}


def make_response(organisation, *, score_values=None, channel=ResponseChannel.COUNTER, actor=None, **kwargs):
    questionnaire = kwargs.pop("questionnaire", None) or active_questionnaire(organisation)
    if channel == ResponseChannel.COUNTER and actor is None:
        actor = member(organisation, Role.FRONT_DESK)
    return submit_response(
        questionnaire=questionnaire,
        channel=channel,
        scores=score_values or scores(),
        actor=actor,
        **{**profile(), **kwargs},
    )


def form_data(values=None, **overrides) -> dict:
    """The POST of a filled survey form."""
    values = values or scores(3)
    data = {code: str(score) for code, score in values.items()}
    data.update(
        {"umur": "34", "jenis_kelamin": "P", "pendidikan": "sma", "pekerjaan": "wirausaha", "saran": ""}
    )
    data.update(overrides)
    return data


__all__ = ["completed_application", "form_data", "make_response", "make_service", "profile", "scores"]
