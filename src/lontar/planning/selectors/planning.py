"""Every read of the planning module, scoped to what the user may see.

`year_report` loads a year's tree in a handful of queries (programs, kegiatan, sub kegiatan, plans,
realisations, indicators, achievements) and computes every figure through `lontar.planning.figures`,
so screens, the dashboard, the Excel and PDF reports and the API all show the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404

from lontar.core.models import Organisation
from lontar.core.permissions import get_visible_or_404, organisation_ids_with
from lontar.core.workdays.calendar import organisation_today
from lontar.planning import figures as fig
from lontar.planning.models import (
    Activity,
    BudgetVersion,
    Indicator,
    IndicatorAchievement,
    MonthLock,
    MonthlyPlan,
    PlanYear,
    Program,
    Realisation,
    SubActivity,
)
from lontar.planning.permissions import VIEW_PLANNING
from lontar.planning.texts import MONTH_NAMES, QUARTER_NAMES

# --- lookups ---------------------------------------------------------------------------------------


def offices_for(user):
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, VIEW_PLANNING)).order_by("path")


def plan_years(user, organisation=None):
    rows = PlanYear.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_PLANNING))
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    return rows.select_related("organisation").order_by("-year", "organisation__name")


def plan_year_of(user, pk) -> PlanYear:
    return get_visible_or_404(user, PlanYear.objects.select_related("organisation"), VIEW_PLANNING, pk=pk)


def program_of(user, pk) -> Program:
    return get_visible_or_404(
        user, Program.objects.select_related("plan_year__organisation"), VIEW_PLANNING, pk=pk
    )


def activity_of(user, pk) -> Activity:
    return get_visible_or_404(
        user, Activity.objects.select_related("program__plan_year__organisation"), VIEW_PLANNING, pk=pk
    )


def sub_activity_of(user, pk) -> SubActivity:
    return get_visible_or_404(
        user,
        SubActivity.objects.select_related(
            "activity__program__plan_year__organisation", "responsible", "unit"
        ),
        VIEW_PLANNING,
        pk=pk,
    )


def indicator_of(user, pk) -> Indicator:
    return get_visible_or_404(
        user,
        Indicator.objects.select_related(
            "program__plan_year", "activity__program__plan_year", "sub_activity__activity__program__plan_year"
        ),
        VIEW_PLANNING,
        pk=pk,
    )


def plan_year_for(indicator: Indicator) -> PlanYear:
    if indicator.program_id:
        return indicator.program.plan_year
    if indicator.activity_id:
        return indicator.activity.program.plan_year
    return indicator.sub_activity.activity.program.plan_year


def default_plan_year(user, organisation=None) -> PlanYear | None:
    """The year of today in the user's first office, else the latest year the user may read."""
    rows = list(plan_years(user, organisation))
    if not rows:
        return None
    today = organisation_today(rows[0].organisation)
    return next((y for y in rows if y.year == today.year), rows[0])


def reference_month(plan_year: PlanYear) -> int:
    """The month warnings compare against: the last month that has ended (January while January runs),
    December of a past year, January of a future one."""
    today = organisation_today(plan_year.organisation)
    if plan_year.year < today.year:
        return 12
    if plan_year.year > today.year:
        return 1
    return max(today.month - 1, 1)


def locked_months(plan_year: PlanYear) -> set[int]:
    return set(MonthLock.objects.filter(plan_year=plan_year).values_list("month", flat=True))


def month_locks(plan_year: PlanYear) -> dict[int, MonthLock]:
    return {
        lock.month: lock for lock in MonthLock.objects.filter(plan_year=plan_year).select_related("locked_by")
    }


def budget_versions(sub_activity: SubActivity):
    return (
        BudgetVersion.objects.filter(sub_activity=sub_activity)
        .select_related("recorded_by")
        .order_by("number")
    )


def plans_of(sub_activity: SubActivity) -> dict[int, MonthlyPlan]:
    return {p.month: p for p in MonthlyPlan.objects.filter(sub_activity=sub_activity)}


def realisations_of(sub_activity: SubActivity) -> dict[int, Realisation]:
    return {
        r.month: r for r in Realisation.objects.filter(sub_activity=sub_activity).select_related("entered_by")
    }


def evidence_of(realisation: Realisation):
    from lontar.core.files.models import StoredFile

    return StoredFile.objects.attached_to(realisation).order_by("pk")


def indicators_of(owner):
    return list(owner.indicators.all().order_by("pk"))


def achievements_of(indicator_ids) -> dict[tuple[int, int], Decimal]:
    return {
        (a.indicator_id, a.month): a.value
        for a in IndicatorAchievement.objects.filter(indicator_id__in=indicator_ids)
    }


# --- the year's figures ----------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: Indicator
    achievement: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        if self.achievement is None or not self.indicator.target:
            return None
        return fig.percent(self.achievement, self.indicator.target)


@dataclass
class Node:
    level: str  # "program", "kegiatan", "sub_kegiatan", "total"
    obj: object
    figures: fig.Figures
    amber: Decimal
    red: Decimal
    children: list[Node] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)

    @property
    def financial_severity(self) -> str:
        return fig.severity(self.figures.financial_deviation, self.amber, self.red)

    @property
    def physical_severity(self) -> str:
        return fig.severity(self.figures.physical_deviation, self.amber, self.red)

    @property
    def severity(self) -> str:
        return fig.worst(self.financial_severity, self.physical_severity)

    @property
    def code(self) -> str:
        return getattr(self.obj, "code", "")

    @property
    def name(self) -> str:
        return getattr(self.obj, "name", "")


@dataclass
class YearReport:
    plan_year: PlanYear
    period: str  # "bulan", "triwulan", "tahun"
    number: int
    first_month: int
    last_month: int
    total: Node
    programs: list[Node]

    @property
    def period_label(self) -> str:
        if self.period == "bulan":
            return f"{MONTH_NAMES[self.number]} {self.plan_year.year}"
        if self.period == "triwulan":
            return f"{QUARTER_NAMES[self.number]} {self.plan_year.year}"
        return f"Tahun Anggaran {self.plan_year.year}"

    def rows(self):
        """(level, node) in report order: program, its kegiatan, each kegiatan's sub kegiatan."""
        for program in self.programs:
            yield program
            for activity in program.children:
                yield activity
                yield from activity.children

    def sub_activities(self) -> list[Node]:
        return [
            sub for program in self.programs for activity in program.children for sub in activity.children
        ]

    def lagging(self) -> list[Node]:
        rows = [n for n in self.sub_activities() if n.severity != fig.OK]
        return sorted(
            rows,
            key=lambda n: (
                -fig.SEVERITY_ORDER[n.severity],
                -max(n.figures.financial_deviation, n.figures.physical_deviation),
            ),
        )


def year_report(plan_year: PlanYear, *, period: str = "bulan", number: int | None = None) -> YearReport:
    """The year's tree with figures for a month, a quarter (triwulan) or the whole year."""
    if number is None:
        number = reference_month(plan_year) if period == "bulan" else 1
    first_month, last_month = fig.months_of(period, number)
    programs = list(Program.objects.filter(plan_year=plan_year).order_by("code"))
    activities = list(Activity.objects.filter(program__plan_year=plan_year).order_by("code"))
    subs = list(
        SubActivity.objects.filter(activity__program__plan_year=plan_year)
        .select_related("responsible", "unit")
        .order_by("code")
    )
    plans: dict[int, dict[int, tuple[int, Decimal]]] = defaultdict(dict)
    for sub_id, month, amount, target in MonthlyPlan.objects.filter(
        sub_activity__activity__program__plan_year=plan_year
    ).values_list("sub_activity_id", "month", "amount", "physical_target"):
        plans[sub_id][month] = (amount, target)
    reals: dict[int, dict[int, tuple[int, Decimal]]] = defaultdict(dict)
    for sub_id, month, amount, physical in Realisation.objects.filter(
        sub_activity__activity__program__plan_year=plan_year
    ).values_list("sub_activity_id", "month", "amount", "physical_progress"):
        reals[sub_id][month] = (amount, physical)
    indicators = list(
        Indicator.objects.filter(
            organisation_id=plan_year.organisation_id,
        )
        .filter(models_q_for_year(plan_year))
        .order_by("pk")
    )
    latest: dict[int, Decimal] = {}
    for indicator_id, _month, value in (
        IndicatorAchievement.objects.filter(indicator__in=indicators, month__lte=last_month)
        .order_by("month")
        .values_list("indicator_id", "month", "value")
    ):
        latest[indicator_id] = value
    by_owner: dict[tuple[str, int], list[IndicatorRow]] = defaultdict(list)
    for indicator in indicators:
        owner = indicator.program_id or indicator.activity_id or indicator.sub_activity_id
        by_owner[(indicator.level, owner)].append(IndicatorRow(indicator, latest.get(indicator.pk)))

    amber, red = plan_year.amber_threshold, plan_year.red_threshold
    sub_nodes: dict[int, list[Node]] = defaultdict(list)
    for sub in subs:
        node = Node(
            "sub_kegiatan",
            sub,
            fig.sub_activity_figures(
                pagu=sub.pagu,
                plans=plans.get(sub.pk, {}),
                realisations=reals.get(sub.pk, {}),
                first_month=first_month,
                last_month=last_month,
            ),
            amber,
            red,
            indicators=by_owner.get(("sub_kegiatan", sub.pk), []),
        )
        sub_nodes[sub.activity_id].append(node)
    activity_nodes: dict[int, list[Node]] = defaultdict(list)
    for activity in activities:
        node = Node(
            "kegiatan",
            activity,
            fig.Figures(),
            amber,
            red,
            children=sub_nodes.get(activity.pk, []),
            indicators=by_owner.get(("kegiatan", activity.pk), []),
        )
        for child in node.children:
            node.figures.add(child.figures)
        activity_nodes[activity.program_id].append(node)
    program_nodes = []
    total = Node("total", plan_year, fig.Figures(), amber, red)
    for program in programs:
        node = Node(
            "program",
            program,
            fig.Figures(),
            amber,
            red,
            children=activity_nodes.get(program.pk, []),
            indicators=by_owner.get(("program", program.pk), []),
        )
        for child in node.children:
            node.figures.add(child.figures)
        total.figures.add(node.figures)
        program_nodes.append(node)
    total.children = program_nodes
    return YearReport(plan_year, period, number, first_month, last_month, total, program_nodes)


def models_q_for_year(plan_year: PlanYear):
    from django.db.models import Q

    return (
        Q(program__plan_year=plan_year)
        | Q(activity__program__plan_year=plan_year)
        | Q(sub_activity__activity__program__plan_year=plan_year)
    )


@dataclass
class SeriesPoint:
    month: int
    plan_percent: Decimal
    real_percent: Decimal | None  # None for months not yet reached
    plan_physical: Decimal
    real_physical: Decimal | None


def monthly_series(plan_year: PlanYear, sub_activity: SubActivity | None = None) -> list[SeriesPoint]:
    """Cumulative plan vs realisation (financial and physical %) at the end of each month of the year,
    for the whole year or one sub-activity. Realisation stops at the current month."""
    subs = SubActivity.objects.filter(activity__program__plan_year=plan_year)
    if sub_activity is not None:
        subs = subs.filter(pk=sub_activity.pk)
    subs = list(subs.values_list("pk", "pagu"))
    ids = [pk for pk, _pagu in subs]
    plans: dict[int, dict] = defaultdict(dict)
    for sub_id, month, amount, target in MonthlyPlan.objects.filter(sub_activity_id__in=ids).values_list(
        "sub_activity_id", "month", "amount", "physical_target"
    ):
        plans[sub_id][month] = (amount, target)
    reals: dict[int, dict] = defaultdict(dict)
    for sub_id, month, amount, physical in Realisation.objects.filter(sub_activity_id__in=ids).values_list(
        "sub_activity_id", "month", "amount", "physical_progress"
    ):
        reals[sub_id][month] = (amount, physical)
    today = organisation_today(plan_year.organisation)
    reached = 12 if plan_year.year < today.year else (0 if plan_year.year > today.year else today.month)
    points = []
    for month in range(1, 13):
        total = fig.Figures()
        for pk, pagu in subs:
            total.add(
                fig.sub_activity_figures(
                    pagu=pagu,
                    plans=plans.get(pk, {}),
                    realisations=reals.get(pk, {}),
                    first_month=month,
                    last_month=month,
                )
            )
        points.append(
            SeriesPoint(
                month,
                total.plan_financial_percent,
                total.financial_percent if month <= reached else None,
                total.plan_physical_percent,
                total.physical_percent if month <= reached else None,
            )
        )
    return points


def my_sub_activities(user, plan_year: PlanYear | None = None):
    rows = SubActivity.objects.filter(
        responsible=user, organisation_id__in=organisation_ids_with(user, VIEW_PLANNING)
    ).select_related("activity__program__plan_year__organisation")
    if plan_year is not None:
        rows = rows.filter(activity__program__plan_year=plan_year)
    return rows.order_by("-activity__program__plan_year__year", "code")


def current_years(user) -> list[PlanYear]:
    """Each readable office's plan of the current year."""
    rows = []
    for plan_year in plan_years(user):
        if plan_year.year == organisation_today(plan_year.organisation).year:
            rows.append(plan_year)
    return rows


def require_month(value) -> int:
    try:
        month = int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if not 1 <= month <= 12:
        raise Http404
    return month


def filled_months(plan_year: PlanYear, user) -> dict[int, set[int]]:
    """Months with a realisation, per sub-activity `user` is responsible for."""
    filled: dict[int, set[int]] = defaultdict(set)
    for sub_id, month in Realisation.objects.filter(
        sub_activity__activity__program__plan_year=plan_year, sub_activity__responsible=user
    ).values_list("sub_activity_id", "month"):
        filled[sub_id].add(month)
    return filled


def people_and_units(organisation):
    """Who may be a sub-activity's PPTK (active members of the office) and its units."""
    from django.contrib.auth import get_user_model

    from lontar.core.models import Unit

    people = (
        get_user_model()
        .objects.filter(memberships__organisation=organisation, memberships__is_active=True, is_active=True)
        .distinct()
        .order_by("username")
    )
    return people, Unit.objects.filter(organisation=organisation).order_by("order", "name")
