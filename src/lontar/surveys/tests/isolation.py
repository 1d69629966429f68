"""Isolation routes of the survey: the staff screens aimed at office A's response, questionnaire and
kiosk, and the public pages aimed at office A's completed application with a WRONG secret (the
invitation) or without a kiosk cookie (the kiosk), which must show nothing of office A."""

from __future__ import annotations

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.surveys.services.kiosks import activate_kiosk
from lontar.surveys.services.questionnaires import active_questionnaire, save_questionnaire, standard_settings
from lontar.surveys.tests.factories import completed_application, make_response, make_service


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    front_desk = office.add(
        "survey_front_desk", member(org, Role.FRONT_DESK, full_name=office.marker("survey_front_desk_name"))
    )
    questionnaire = active_questionnaire(org)
    questions = standard_settings()
    questions[0] = questions[0].__class__(
        questions[0].element, questions[0].order, office.marker("survey_question"), questions[0].labels
    )
    questionnaire = save_questionnaire(
        actor=office.admin_user,
        questionnaire=questionnaire,
        title=office.marker("survey_title"),
        introduction="",
        weight_convention="1/9",
        questions=questions,
    )
    service = office.add(
        "survey_service", make_service(org, code="survei-uji", name="Layanan survei uji", uploads=())
    )
    application, _secret = completed_application(
        service, officer=front_desk, name=office.marker("survey_applicant_name")
    )
    office.add("survey_application", application)
    office.add(
        "survey_response",
        make_response(
            org,
            service=service,
            application=application,
            channel="loket",
            actor=front_desk,
            suggestion=office.marker("survey_suggestion"),
        ),
    )
    kiosk, _token = activate_kiosk(
        actor=front_desk, organisation=org, name=office.marker("survey_kiosk_name"), service=service
    )
    office.add("survey_kiosk", kiosk)


PUBLIC_INVITATION = (
    "a citizen answers the survey of their application by number and secret; without them it shows only "
    "the secret form"
)
PUBLIC_KIOSK = (
    "a counter tablet activated as a kiosk; without its cookie it shows only that it is not a kiosk"
)

ROUTES: dict[str, Route] = {
    "surveys:invitation": Route(
        kwargs=lambda office: {"number": office.survey_application.number},
        post_data=lambda office: {"rahasia": "SALAH234"},
        public=PUBLIC_INVITATION,
    ),
    "surveys:kiosk": Route(public=PUBLIC_KIOSK, post_data=lambda office: {"nonce": "x", "U1": "1"}),
    "surveys:kiosk_thanks": Route(public=PUBLIC_KIOSK),
    "surveys:responses": Route(),
    "surveys:response": Route(kwargs=lambda office: {"pk": office.survey_response.pk}),
    "surveys:questionnaire": Route(
        post_data=lambda office: {"judul": "Diubah orang lain", "bobot": "0.11"},
    ),
    "surveys:record": Route(
        post_data=lambda office: {
            **{f"U{n}": "1" for n in range(1, 10)},
            "umur": "30",
            "jenis_kelamin": "L",
            "pendidikan": "sma",
            "pekerjaan": "lainnya",
            "kantor": office.org.pk,
            "layanan": office.survey_service.pk,
        }
    ),
    "surveys:kiosks": Route(post_data=lambda office: {"nama": "Kios orang lain", "kantor": office.org.pk}),
    "surveys:kiosk_deactivate": Route(kwargs=lambda office: {"pk": office.survey_kiosk.pk}),
}


# --- the IKM reports keep their routes in isolation_ikm.py ----------------------------------------
from lontar.surveys.tests import isolation_ikm  # noqa: E402

_populate_survey = populate_office_a


def populate_office_a(office: OfficeA) -> None:
    _populate_survey(office)
    isolation_ikm.populate_office_a(office)


ROUTES.update(isolation_ikm.ROUTES)
