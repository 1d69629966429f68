"""Reads of the staff screens (/survei/kelola/): the offices a user works on, the questionnaire, the
kiosks, one response. Scoped in SQL to the offices where the user holds the action."""

from __future__ import annotations

from django.db.models import Prefetch

from lontar.core.models import Organisation
from lontar.core.permissions import get_visible_or_404, organisation_ids_with
from lontar.public_services.models import Service
from lontar.surveys.models import Answer, Kiosk, Questionnaire, ResponseChannel, SurveyResponse
from lontar.surveys.permissions import CONFIGURE_SURVEY, RUN_KIOSK, VIEW_SURVEY

CHANNEL_CHOICES = ResponseChannel.choices


def offices_with(user, action: str) -> list:
    return list(
        Organisation.objects.filter(pk__in=organisation_ids_with(user, action))
        .order_by("name")
        .only("pk", "name")
    )


def office_from(user, action: str, raw) -> object | None:
    """The office picked by `raw` (an id from ?kantor=) among those where the user holds `action`,
    else the first of them; None when there is none."""
    offices = offices_with(user, action)
    try:
        wanted = int(raw)
    except (TypeError, ValueError):
        wanted = None
    return next((o for o in offices if o.pk == wanted), offices[0] if offices else None)


def services_of(user, action: str = VIEW_SURVEY, organisation=None):
    services = Service.objects.filter(organisation_id__in=organisation_ids_with(user, action), is_active=True)
    if organisation is not None:
        services = services.filter(organisation=organisation)
    return services.select_related("organisation").order_by("organisation__name", "order", "name")


def questionnaire_versions(user, organisation) -> list[Questionnaire]:
    if organisation.pk not in organisation_ids_with(user, VIEW_SURVEY):
        return []
    return list(Questionnaire.objects.filter(organisation=organisation).order_by("-version"))


def active_questionnaire_of(organisation) -> Questionnaire | None:
    return Questionnaire.objects.filter(organisation=organisation, is_active=True).first()


def questions_of(questionnaire: Questionnaire) -> list:
    return list(questionnaire.questions.order_by("order", "element"))


def kiosks(user, organisation=None) -> list[Kiosk]:
    qs = Kiosk.objects.filter(organisation_id__in=organisation_ids_with(user, RUN_KIOSK))
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return list(qs.select_related("organisation", "service", "activated_by", "deactivated_by"))


def kiosk_to_manage(user, pk: int) -> Kiosk:
    return get_visible_or_404(user, Kiosk.objects.all(), RUN_KIOSK, pk=pk)


def response_list(responses):
    return responses.select_related(
        "service", "organisation", "questionnaire", "kiosk", "application"
    ).prefetch_related(Prefetch("answers", queryset=Answer.objects.order_by("element")))


def response_detail(user, pk: int) -> SurveyResponse:
    response = get_visible_or_404(
        user,
        SurveyResponse.objects.select_related(
            "service", "organisation", "questionnaire", "kiosk", "application"
        ),
        VIEW_SURVEY,
        pk=pk,
    )
    return response


def answered_questions(response: SurveyResponse) -> list[dict]:
    """The questions of the version answered, in its order, with the score and its label."""
    scores = {a.element: a.score for a in response.answers.all()}
    rows = []
    for question in response.questionnaire.questions.order_by("order", "element"):
        score = scores.get(question.element)
        rows.append(
            {
                "element": question.element,
                "wording": question.wording,
                "score": score,
                "label": question.labels[score - 1] if score else "",
            }
        )
    return rows


def may_configure(user, organisation) -> bool:
    return organisation is not None and organisation.pk in organisation_ids_with(user, CONFIGURE_SURVEY)
