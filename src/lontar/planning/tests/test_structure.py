"""The structure of a year's plan through the services: codes by shape, pagu versions, monthly plans,
indicators, permissions; refusals change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.core.models import AuditEvent
from lontar.planning.models import BudgetKind, BudgetVersion, MonthlyPlan, Program, SubActivity
from lontar.planning.services import realisation as realisation_services
from lontar.planning.services import structure as services
from lontar.planning.tests.factories import Plan, Team, even_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(district):
    return Team(district)


@pytest.fixture
def plan(team):
    return Plan(team)


def test_codes_are_checked_by_shape_and_must_start_with_the_parent_code(plan):
    actor = plan.team.kasubag
    with pytest.raises(ValidationError) as bad_shape:
        services.create_program(actor=actor, plan_year=plan.year, code="7.1.1", name="Program")
    assert "Permendagri 90/2019" in str(bad_shape.value)
    with pytest.raises(ValidationError) as wrong_parent:
        services.create_activity(actor=actor, program=plan.program2, code="7.01.01.2.09", name="Kegiatan")
    assert "7.01.02" in str(wrong_parent.value)
    with pytest.raises(ValidationError):
        services.create_sub_activity(
            actor=actor, activity=plan.activity1, code="7.01.01.2.01.1", name="Sub", pagu=1
        )
    with pytest.raises(ValidationError) as duplicate:
        services.create_program(actor=actor, plan_year=plan.year, code="7.01.01", name="Lagi")
    assert "sudah dipakai" in str(duplicate.value)
    assert Program.objects.filter(plan_year=plan.year).count() == 2


def test_a_sub_activity_starts_with_a_dpa_version_and_revisions_add_versions_with_reasons(plan):
    actor = plan.team.kasubag
    assert list(
        BudgetVersion.objects.filter(sub_activity=plan.sub1).values_list("number", "kind", "amount")
    ) == [(1, BudgetKind.DPA, 12_000_000)]
    with pytest.raises(ValidationError):
        services.revise_budget(
            actor=actor, sub_activity=plan.sub1, amount=13_000_000, kind="pergeseran", reason=" "
        )
    version = services.revise_budget(
        actor=actor,
        sub_activity=plan.sub1,
        amount=13_000_000,
        kind=BudgetKind.SHIFT,
        reason="Pergeseran rapat",
    )
    assert version.number == 2
    plan.sub1.refresh_from_db()
    assert plan.sub1.pagu == 13_000_000
    assert BudgetVersion.objects.filter(sub_activity=plan.sub1).count() == 2
    event = AuditEvent.objects.filter(action="planning.sub_activity.revise_budget").latest("pk")
    assert event.before == {"pagu": 12_000_000} and event.after["pagu"] == 13_000_000
    assert event.after["reason"] == "Pergeseran rapat"


def test_the_pagu_cannot_be_revised_below_what_was_already_spent(plan):
    realisation_services.record_realisation(
        actor=plan.team.pptk, sub_activity=plan.sub1, month=1, amount=5_000_000, physical_progress=10
    )
    with pytest.raises(ValidationError) as refused:
        services.revise_budget(
            actor=plan.team.kasubag,
            sub_activity=plan.sub1,
            amount=4_000_000,
            kind=BudgetKind.AMENDMENT,
            reason="Perubahan",
        )
    assert "5.000.000" in str(refused.value)
    assert SubActivity.objects.get(pk=plan.sub1.pk).pagu == 12_000_000


def test_the_monthly_plan_may_not_exceed_the_pagu_nor_let_the_physical_target_fall(plan):
    actor = plan.team.kasubag
    rows = even_plan(12_000_000)
    rows[12] = (rows[12][0] + 1, rows[12][1])
    with pytest.raises(ValidationError) as over:
        services.set_monthly_plan(actor=actor, sub_activity=plan.sub1, rows=rows)
    assert "melebihi pagu" in str(over.value)
    rows = even_plan(12_000_000)
    rows[5] = (rows[5][0], Decimal("1"))
    with pytest.raises(ValidationError) as falling:
        services.set_monthly_plan(actor=actor, sub_activity=plan.sub1, rows=rows)
    assert "target_5" in falling.value.error_dict
    assert MonthlyPlan.objects.get(sub_activity=plan.sub1, month=12).amount == 1_000_000


def test_indicators_live_on_exactly_one_level(plan):
    actor = plan.team.planner
    program = services.add_indicator(
        actor=actor, owner=plan.program1, name="Nilai SAKIP", unit="nilai", target=70
    )
    activity = services.add_indicator(actor=actor, owner=plan.activity1, name="Cakupan", unit="%", target=100)
    sub = services.add_indicator(actor=actor, owner=plan.sub1, name="Dokumen", unit="dokumen", target=2)
    assert (program.level, activity.level, sub.level) == ("program", "kegiatan", "sub_kegiatan")
    assert program.program == plan.program1 and program.activity is None and program.sub_activity is None
    with pytest.raises(ValidationError):
        services.add_indicator(actor=actor, owner=plan.sub1, name="Tanpa satuan", unit="", target=1)


def test_only_planning_officers_keep_the_structure(team, plan):
    for outsider in (team.head, team.kasi, team.pptk, team.auditor, team.admin):
        with pytest.raises(PermissionDenied):
            services.create_program(actor=outsider, plan_year=plan.year, code="7.01.03", name="Program")
    services.create_program(actor=team.secretary, plan_year=plan.year, code="7.01.03", name="Program")
    services.create_program(actor=team.planner, plan_year=plan.year, code="7.01.04", name="Program")


def test_thresholds_are_decided_by_the_head_and_the_secretary(team, plan):
    with pytest.raises(PermissionDenied):
        services.set_thresholds(actor=team.kasubag, plan_year=plan.year, amber_threshold=5, red_threshold=15)
    with pytest.raises(ValidationError):
        services.set_thresholds(actor=team.head, plan_year=plan.year, amber_threshold=30, red_threshold=15)
    services.set_thresholds(actor=team.head, plan_year=plan.year, amber_threshold=5, red_threshold=15)
    plan.year.refresh_from_db()
    assert (plan.year.amber_threshold, plan.year.red_threshold) == (Decimal(5), Decimal(15))
    event = AuditEvent.objects.filter(action="planning.year.thresholds").latest("pk")
    assert event.before == {"amber_threshold": "10.00", "red_threshold": "25.00"} or event.before


def test_a_foreign_office_cannot_be_written(plan, other_district):
    stranger = Team(other_district)
    with pytest.raises(PermissionDenied):
        services.create_program(actor=stranger.kasubag, plan_year=plan.year, code="7.01.05", name="Program")
    with pytest.raises(PermissionDenied):
        realisation_services.record_realisation(
            actor=stranger.kasubag, sub_activity=plan.sub1, month=1, amount=1, physical_progress=1
        )
