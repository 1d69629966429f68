"""Realisation totals add up (the issue's done-when): exact sums across levels, months and quarters,
the same on screen figures, in Excel and through the API; and lag warnings against the thresholds."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lontar.planning import documents
from lontar.planning import figures as fig
from lontar.planning.selectors import planning as selectors
from lontar.planning.services import realisation as services
from lontar.planning.services import structure as structure_services
from lontar.planning.tests.factories import Plan, Team

pytestmark = pytest.mark.django_db

# Odd rupiah per month and sub-activity, so no total can come out right by accident.
SPENT = {
    0: [333_333, 1_000_001, 999_999, 1_234_567, 0, 777_777, 1_000_000, 55_555, 999_001, 1_111_111, 0, 3],
    1: [100_001, 0, 499_999, 250_000, 250_001, 333_333, 0, 1, 444_444, 100_000, 0, 0],
    2: [
        2_000_000,
        2_000_001,
        1_999_999,
        0,
        3_000_000,
        1_500_000,
        2_500_000,
        2_000_000,
        0,
        1_000_000,
        999_999,
        7,
    ],
    3: [0, 0, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000, 3_333_333, 3_333_333, 3_333_334, 1, 2],
}


@pytest.fixture
def plan(district):
    plan = Plan(Team(district))
    for index, sub in enumerate(plan.subs):
        physical = Decimal(0)
        for month, amount in enumerate(SPENT[index], start=1):
            physical = min(physical + Decimal("7.25"), Decimal(100))
            services.record_realisation(
                actor=plan.team.kasubag,
                sub_activity=sub,
                month=month,
                amount=amount,
                physical_progress=physical,
            )
    return plan


def test_program_total_is_the_sum_of_kegiatan_which_is_the_sum_of_sub_kegiatan(plan):
    for period, numbers in (("bulan", range(1, 13)), ("triwulan", range(1, 5)), ("tahun", [1])):
        for number in numbers:
            report = selectors.year_report(plan.year, period=period, number=number)
            first, last = report.first_month, report.last_month
            for program in report.programs:
                for attr in ("pagu", "real_period", "real_cumulative", "plan_cumulative", "plan_period"):
                    kegiatan_sum = sum(getattr(a.figures, attr) for a in program.children)
                    sub_sum = sum(getattr(s.figures, attr) for a in program.children for s in a.children)
                    assert getattr(program.figures, attr) == kegiatan_sum == sub_sum, (period, number, attr)
            for attr in ("pagu", "real_period", "real_cumulative"):
                assert getattr(report.total.figures, attr) == sum(
                    getattr(p.figures, attr) for p in report.programs
                )
            expected_period = sum(sum(SPENT[i][first - 1 : last]) for i in SPENT)
            expected_cumulative = sum(sum(SPENT[i][:last]) for i in SPENT)
            assert report.total.figures.real_period == expected_period
            assert report.total.figures.real_cumulative == expected_cumulative
    assert selectors.year_report(plan.year, period="tahun").total.figures.pagu == 78_000_001


def test_a_quarter_is_the_sum_of_its_months_and_the_cumulative_is_the_running_sum(plan):
    months = {m: selectors.year_report(plan.year, period="bulan", number=m) for m in range(1, 13)}
    running = 0
    for month in range(1, 13):
        running += months[month].total.figures.real_period
        assert months[month].total.figures.real_cumulative == running
        for node in months[month].sub_activities():
            index = plan.subs.index(node.obj)
            assert node.figures.real_cumulative == sum(SPENT[index][:month])
    for quarter, (first, last) in fig.QUARTERS.items():
        report = selectors.year_report(plan.year, period="triwulan", number=quarter)
        assert report.total.figures.real_period == sum(
            months[m].total.figures.real_period for m in range(first, last + 1)
        )
        assert report.total.figures.real_cumulative == months[last].total.figures.real_cumulative
        by_code = {n.code: n.figures.real_period for n in report.rows()}
        for node in months[last].rows():
            assert by_code[node.code] == sum(
                next(n for n in months[m].rows() if n.code == node.code).figures.real_period
                for m in range(first, last + 1)
            )
    year = selectors.year_report(plan.year, period="tahun")
    assert year.total.figures.real_period == year.total.figures.real_cumulative == running


def test_the_excel_report_carries_the_same_exact_sums(plan):
    report = selectors.year_report(plan.year, period="triwulan", number=3)
    sheet = load_workbook(io.BytesIO(documents.report_xlsx(report))).active
    rows = [
        r
        for r in sheet.iter_rows(min_row=7, values_only=True)
        if r[2] in ("Program", "Kegiatan", "Sub kegiatan", "Jumlah")
    ]
    subs = [r for r in rows if r[2] == "Sub kegiatan"]
    total = next(r for r in rows if r[2] == "Jumlah")
    assert total[3] == sum(r[3] for r in subs) == report.total.figures.pagu
    assert total[5] == sum(r[5] for r in subs) == report.total.figures.real_period
    assert total[6] == sum(r[6] for r in subs) == report.total.figures.real_cumulative
    assert sum(r[6] for r in rows if r[2] == "Program") == total[6]


def test_physical_progress_rolls_up_weighted_by_pagu(plan):
    report = selectors.year_report(plan.year, period="bulan", number=2)
    activity = next(n for n in report.rows() if n.code == "7.01.01.2.01")
    subs = activity.children
    expected = sum(n.figures.physical_percent * n.obj.pagu for n in subs) / sum(n.obj.pagu for n in subs)
    assert activity.figures.physical_percent == fig.rounded(expected)


def test_lag_warnings_follow_the_thresholds(district):
    plan = Plan(Team(district))
    # Plan by March: 25% of pagu. sub1 spends 20% (5 points behind), sub2 12% (13 behind), sub3 none (25).
    for sub, share, physical in (
        (plan.sub1, Decimal("0.20"), 24),
        (plan.sub2, Decimal("0.12"), 12),
        (plan.sub3, 0, 0),
    ):
        services.record_realisation(
            actor=plan.team.kasubag,
            sub_activity=sub,
            month=3,
            amount=int(sub.pagu * share),
            physical_progress=physical,
        )
    report = selectors.year_report(plan.year, period="bulan", number=3)
    levels = {
        n.obj.pk: (n.financial_severity, n.physical_severity, n.severity) for n in report.sub_activities()
    }
    assert levels[plan.sub1.pk] == (fig.OK, fig.OK, fig.OK)
    assert levels[plan.sub2.pk] == (fig.AMBER, fig.AMBER, fig.AMBER)
    assert levels[plan.sub3.pk][2] == fig.AMBER  # exactly 25 points: amber, not above the red line
    assert levels[plan.sub4.pk][2] == fig.AMBER
    structure_services.set_thresholds(
        actor=plan.team.head, plan_year=plan.year, amber_threshold=4, red_threshold=12
    )
    plan.year.refresh_from_db()
    report = selectors.year_report(plan.year, period="bulan", number=3)
    levels = {n.obj.pk: n.severity for n in report.sub_activities()}
    assert levels == {
        plan.sub1.pk: fig.AMBER,
        plan.sub2.pk: fig.RED,
        plan.sub3.pk: fig.RED,
        plan.sub4.pk: fig.RED,
    }
    assert [n.obj.pk for n in report.lagging()][-1] == plan.sub1.pk
    assert report.total.severity == fig.RED


def test_deviation_is_plan_minus_realisation_in_points():
    figures = fig.sub_activity_figures(
        pagu=1_000,
        plans={1: (300, Decimal(30)), 2: (300, Decimal(60))},
        realisations={1: (100, Decimal(10))},
        first_month=2,
        last_month=2,
    )
    assert figures.plan_financial_percent == Decimal("60.00")
    assert figures.financial_percent == Decimal("10.00")
    assert figures.financial_deviation == Decimal("50.00")
    assert figures.physical_percent == Decimal("10.00")  # January's progress carries into February
    assert figures.physical_deviation == Decimal("50.00")
    assert (figures.real_period, figures.plan_period) == (0, 300)
    assert fig.severity(Decimal("10.00"), Decimal(10), Decimal(25)) == fig.OK
    assert fig.severity(Decimal("10.01"), Decimal(10), Decimal(25)) == fig.AMBER
    assert fig.severity(Decimal("25.01"), Decimal(10), Decimal(25)) == fig.RED
