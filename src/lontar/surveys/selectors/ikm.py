"""The IKM report of an office for a period, optionally for one unit or one service (decision 0016).

Everything countable is counted in SQL: the scores per element (`element_totals`: one GROUP BY), the
number of respondents with their profile (one scan of the responses with conditional counts). Python
only turns those integers into exact fractions (`lontar.surveys.ikm`), so a report over 100,000
responses costs a handful of aggregate queries (about 0.6 s on the 2-core development machine, see
`tests/bench_ikm_100k.py`). The per-respondent tabulation
(the Excel sheet "Tabulasi") is streamed separately, two queries, only when a file is downloaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from lontar.core.models import Organisation, Position, Unit
from lontar.core.permissions import organisation_ids_with
from lontar.core.workdays.calendar import organisation_today
from lontar.public_services.models import Service
from lontar.surveys import ikm, periods
from lontar.surveys.models import (
    AGE_BRACKETS,
    ELEMENT_CODES,
    Answer,
    Education,
    Occupation,
    Questionnaire,
    Sex,
    SurveyFollowUp,
    SurveyResponse,
)
from lontar.surveys.permissions import VIEW_SURVEY
from lontar.surveys.selectors.responses import element_totals, responses_in, within_days


@dataclass(frozen=True)
class ProfileRow:
    label: str
    count: int
    share: Decimal | None  # percentage, half-up to two decimals; None without respondents

    @property
    def percent(self) -> str:
        return ikm.format_id(self.share, empty="-")


@dataclass(frozen=True)
class ProfileTable:
    title: str
    rows: tuple[ProfileRow, ...]


@dataclass(frozen=True)
class Signatory:
    prefix: str  # "Plt. ", "Plh. " or ""
    title: str  # "Camat Cempaka"
    name: str
    nip: str


@dataclass(frozen=True)
class IkmReport:
    organisation: Organisation
    period: periods.Period
    unit: Unit | None
    service: Service | None
    result: ikm.IkmResult
    profile: tuple[ProfileTable, ...]
    follow_ups: tuple = ()
    signatory: Signatory | None = None
    printed_on: dt.date | None = None
    element_order: tuple[str, ...] = ELEMENT_CODES
    filters: dict = field(default_factory=dict)

    @property
    def scope_label(self) -> str:
        if self.service is not None:
            return self.service.name
        if self.unit is not None:
            return self.unit.name
        return _("Semua layanan")


def office_convention(organisation) -> tuple[str, tuple[str, ...]]:
    """(weight convention, element order) of the office: its active questionnaire's, else its latest
    version's, else the regulation's defaults (1/9, U1..U9)."""
    questionnaire = (
        Questionnaire.objects.filter(organisation=organisation)
        .order_by("-is_active", "-version")
        .prefetch_related("questions")
        .first()
    )
    if questionnaire is None:
        return ikm.DEFAULT_WEIGHT, ELEMENT_CODES
    order = tuple(
        q.element for q in sorted(questionnaire.questions.all(), key=lambda q: (q.order, q.element))
    )
    if sorted(order) != sorted(ELEMENT_CODES):
        order = ELEMENT_CODES
    return questionnaire.weight_convention, order


def _percent(count: int, total: int) -> Decimal | None:
    return ikm.round_half_up(Fraction(100 * count, total), Decimal("0.01")) if total else None


def _table(title: str, labelled_counts: list[tuple[str, int]], total: int) -> ProfileTable:
    return ProfileTable(
        title, tuple(ProfileRow(label, n, _percent(n, total)) for label, n in labelled_counts)
    )


def count_and_profile(responses) -> tuple[int, tuple[ProfileTable, ...]]:
    """The number of respondents and their profile (age bracket, sex, education, occupation, every
    category shown) in ONE scan of the responses: conditional counts, no GROUP BY per characteristic."""
    counts: dict[str, Count] = {"all": Count("pk")}
    for index, (low, high, _label) in enumerate(AGE_BRACKETS):
        counts[f"age_{index}"] = Count("pk", filter=Q(age__gte=low, age__lte=high))
    for prefix, column, choices in (
        ("sex", "sex", Sex),
        ("edu", "education", Education),
        ("occ", "occupation", Occupation),
    ):
        for choice in choices:
            counts[f"{prefix}_{choice.value}"] = Count("pk", filter=Q(**{column: choice.value}))
    found = responses.order_by().aggregate(**counts)
    respondents = found["all"]
    return respondents, (
        _table(
            _("Umur"),
            [(str(label), found[f"age_{i}"]) for i, (_l, _h, label) in enumerate(AGE_BRACKETS)],
            respondents,
        ),
        _table(_("Jenis kelamin"), [(str(c.label), found[f"sex_{c.value}"]) for c in Sex], respondents),
        _table(_("Pendidikan"), [(str(c.label), found[f"edu_{c.value}"]) for c in Education], respondents),
        _table(_("Pekerjaan"), [(str(c.label), found[f"occ_{c.value}"]) for c in Occupation], respondents),
    )


def follow_ups_for(organisation, period: periods.Period, *, unit=None, service=None):
    """Follow-up actions of the office whose survey period overlaps `period`; for a unit or service
    report, those of that unit/service and those of the whole office."""
    rows = SurveyFollowUp.objects.filter(
        organisation=organisation, period_start__lte=period.end, period_end__gte=period.start
    )
    if service is not None:
        rows = rows.filter(Q(service=service) | Q(service__isnull=True, unit__isnull=True))
    elif unit is not None:
        rows = rows.filter(Q(unit=unit) | Q(service__unit=unit) | Q(service__isnull=True, unit__isnull=True))
    return rows.select_related("unit", "service").order_by("target_date", "id")


def head_signatory(organisation, day: dt.date) -> Signatory | None:
    """Whoever heads the office on `day` (Plh. before Plt. before the definitive holder)."""
    post = (
        Position.objects.filter(organisation=organisation, superior__isnull=True, is_unit_head=True)
        .order_by("order")
        .first()
    )
    if post is None:
        return None
    holder = post.holder_on(day)
    if holder is None:
        return Signatory("", post.title, "", "")
    return Signatory(
        holder.signature_prefix, post.title, holder.staff.name_with_titles, holder.staff.nip_display
    )


def _scoped(user, organisation, *, service=None, unit=None, action=VIEW_SURVEY):
    """The office (must be readable), and the service/unit only when they belong to it."""
    if organisation is None or organisation.pk not in organisation_ids_with(user, action):
        return None
    if service is not None and service.organisation_id != organisation.pk:
        return None
    if unit is not None and unit.organisation_id != organisation.pk:
        return None
    return organisation


def ikm_report(
    user,
    *,
    organisation,
    period: periods.Period,
    unit=None,
    service=None,
    weight_convention: str | None = None,
    with_details: bool = True,
) -> IkmReport | None:
    """The report, or None when the user may not read the office's surveys (or the unit/service is
    another office's). `weight_convention` defaults to the office's setting."""
    if _scoped(user, organisation, service=service, unit=unit) is None:
        return None
    convention, order = office_convention(organisation)
    convention = weight_convention or convention
    responses = responses_in(
        user, organisation=organisation, service=service, unit=unit, start=period.start, end=period.end
    )
    return _report(
        organisation,
        period,
        responses,
        unit=unit,
        service=service,
        convention=convention,
        order=order,
        with_details=with_details,
    )


def _report(organisation, period, responses, *, unit, service, convention, order, with_details) -> IkmReport:
    if with_details:
        respondents, profile = count_and_profile(responses)
    else:
        respondents, profile = responses.order_by().count(), ()
    totals = element_totals(responses) if respondents else {}
    result = ikm.compute_from_totals(
        {code: (t.total, t.answered) for code, t in totals.items()},
        respondents=respondents,
        weight_convention=convention,
        elements=order,
    )
    today = organisation_today(organisation)
    return IkmReport(
        organisation=organisation,
        period=period,
        unit=unit,
        service=service,
        result=result,
        profile=profile,
        follow_ups=tuple(follow_ups_for(organisation, period, unit=unit, service=service))
        if with_details
        else (),
        signatory=head_signatory(organisation, today) if with_details else None,
        printed_on=today,
        element_order=order,
    )


def tabulation(report: IkmReport) -> Iterator[tuple]:
    """One row per respondent, in submission order: (number, submitted date, service, age, sex,
    education, occupation, {element: score}). Two streamed queries, whatever the number of rows."""
    responses = within_days(
        SurveyResponse.objects.filter(organisation=report.organisation),
        report.period.start,
        report.period.end,
    )
    if report.service is not None:
        responses = responses.filter(service=report.service)
    if report.unit is not None:
        responses = responses.filter(unit=report.unit)
    responses = responses.order_by("submitted_at", "id")
    answers = (
        Answer.objects.filter(response__in=responses.values("pk"))
        .order_by("response__submitted_at", "response_id")
        .values_list("response_id", "element", "score")
        .iterator(chunk_size=5000)
    )
    pending = next(answers, None)
    education = dict(Education.choices)
    occupation = dict(Occupation.choices)
    rows = responses.values_list(
        "pk", "submitted_at", "service__name", "age", "sex", "education", "occupation"
    )
    for number, (pk, submitted_at, service_name, age, sex, edu, occ) in enumerate(
        rows.iterator(chunk_size=2000), 1
    ):
        scores = {}
        while pending is not None and pending[0] == pk:
            scores[pending[1]] = pending[2]
            pending = next(answers, None)
        yield (
            number,
            submitted_at,
            service_name or "",
            age,
            sex,
            str(education.get(edu, edu)),
            str(occupation.get(occ, occ)),
            scores,
        )


def current_ikm(organisation) -> ikm.IkmResult:
    """The office's IKM over the last twelve months, all services, with the office's weight
    convention: for the public transparency dashboard (no user: the figure is public)."""
    convention, order = office_convention(organisation)
    period = periods.last_twelve_months(organisation_today(organisation))
    responses = within_days(
        SurveyResponse.objects.filter(organisation=organisation), period.start, period.end
    )
    respondents = responses.order_by().count()
    totals = element_totals(responses) if respondents else {}
    return ikm.compute_from_totals(
        {code: (t.total, t.answered) for code, t in totals.items()},
        respondents=respondents,
        weight_convention=convention,
        elements=order,
    )


def offices_for_reports(user):
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, VIEW_SURVEY)).order_by("name")


def units_of(organisation):
    return Unit.objects.filter(organisation=organisation).order_by("order", "name")


def services_of(organisation):
    return Service.objects.filter(organisation=organisation).order_by("order", "name")


def follow_up_list(user, organisation, *, period=None):
    if organisation is None or organisation.pk not in organisation_ids_with(user, VIEW_SURVEY):
        return SurveyFollowUp.objects.none()
    rows = SurveyFollowUp.objects.filter(organisation=organisation)
    if period is not None:
        rows = rows.filter(period_start__lte=period.end, period_end__gte=period.start)
    return rows.select_related("unit", "service").order_by("-period_start", "target_date", "id")


def follow_up_of(user, pk: int, action: str):
    """One follow-up of an office where the user holds `action`; None otherwise (the view answers 404)."""
    return (
        SurveyFollowUp.objects.filter(pk=pk, organisation_id__in=organisation_ids_with(user, action))
        .select_related("organisation", "unit", "service")
        .first()
    )
