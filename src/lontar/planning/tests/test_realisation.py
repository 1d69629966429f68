"""Monthly realisation: the pagu ceiling, cumulative physical progress, evidence, who may enter, month
locks and their audited unlock."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.files.models import StoredFile
from lontar.core.models import AuditEvent
from lontar.core.tests.files_samples import pdf_bytes
from lontar.core.workdays.calendar import organisation_today
from lontar.planning.models import IndicatorAchievement, MonthLock, Realisation
from lontar.planning.services import realisation as services
from lontar.planning.services import structure as structure_services
from lontar.planning.tests.factories import Plan, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(district):
    return Team(district)


@pytest.fixture
def plan(team):
    return Plan(team)


def enter(plan, sub, month, amount, physical, actor=None, **kwargs):
    return services.record_realisation(
        actor=actor or sub.responsible,
        sub_activity=sub,
        month=month,
        amount=amount,
        physical_progress=physical,
        **kwargs,
    )


def test_cumulative_realisation_may_not_exceed_the_pagu(plan):
    enter(plan, plan.sub1, 1, 7_000_000, 50)
    with pytest.raises(ValidationError) as refused:
        enter(plan, plan.sub1, 2, 5_000_001, 60)
    message = str(refused.value)
    assert "melebihi pagu Rp 12.000.000" in message and "Rp 5.000.000" in message
    assert not Realisation.objects.filter(sub_activity=plan.sub1, month=2).exists()
    enter(plan, plan.sub1, 2, 5_000_000, 60)
    # correcting January down frees room; correcting it up is checked against the other months
    with pytest.raises(ValidationError):
        enter(plan, plan.sub1, 1, 7_000_001, 50)


def test_physical_progress_is_cumulative_unless_corrected_with_a_reason(plan):
    enter(plan, plan.sub1, 1, 1_000_000, 30)
    with pytest.raises(ValidationError) as refused:
        enter(plan, plan.sub1, 2, 1_000_000, 20)
    assert "alasan koreksi" in str(refused.value)
    corrected = enter(
        plan, plan.sub1, 2, 1_000_000, 20, correction_reason="Opname ulang: pekerjaan Januari dihitung ganda"
    )
    assert corrected.physical_progress == Decimal(20)
    with pytest.raises(ValidationError):
        enter(plan, plan.sub1, 1, 1_000_000, 35)  # above February's 20 without a reason
    with pytest.raises(ValidationError):
        enter(plan, plan.sub1, 3, 0, 101)


def test_an_entry_records_notes_achievement_and_evidence_and_a_correction_is_audited(plan):
    indicator = structure_services.add_indicator(
        actor=plan.team.kasubag, owner=plan.sub1, name="Dokumen perencanaan", unit="dokumen", target=2
    )
    upload = SimpleUploadedFile("spj-januari.pdf", pdf_bytes(), content_type="application/pdf")
    first = enter(
        plan,
        plan.sub1,
        1,
        1_000_000,
        10,
        notes="Rapat penyusunan Renja",
        achievements={indicator.pk: "0.5"},
        files=[upload],
    )
    assert IndicatorAchievement.objects.get(indicator=indicator, month=1).value == Decimal("0.5")
    assert StoredFile.objects.attached_to(first).count() == 1
    created = AuditEvent.objects.filter(action="planning.realisation.create").latest("pk")
    assert created.after["amount"] == 1_000_000 and created.after["evidence"] == ["spj-januari.pdf"]
    enter(plan, plan.sub1, 1, 1_200_000, 10)
    updated = AuditEvent.objects.filter(action="planning.realisation.update").latest("pk")
    assert updated.before["amount"] == 1_000_000 and updated.after["amount"] == 1_200_000


def test_the_responsible_person_enters_only_their_own_sub_activities(team, plan):
    enter(plan, plan.sub4, 1, 1_000_000, 5, actor=team.kasi)  # the Kasi is PPTK of sub4
    with pytest.raises(PermissionDenied):
        enter(plan, plan.sub1, 1, 1_000_000, 5, actor=team.kasi)
    with pytest.raises(PermissionDenied):
        enter(plan, plan.sub4, 2, 1_000_000, 5, actor=team.pptk)
    for reader in (team.head, team.auditor, team.admin):
        with pytest.raises(PermissionDenied):
            enter(plan, plan.sub1, 1, 1_000_000, 5, actor=reader)
    # planning officers may enter for any sub-activity
    enter(plan, plan.sub4, 2, 1_000_000, 6, actor=team.planner)


def test_a_locked_month_is_read_only_until_unlocked_with_a_reason(team, plan):
    enter(plan, plan.sub1, 3, 1_000_000, 10)
    with pytest.raises(PermissionDenied):
        services.lock_month(actor=team.planner, plan_year=plan.year, month=3)
    with pytest.raises(PermissionDenied):
        services.lock_month(actor=team.kasi, plan_year=plan.year, month=3)
    services.lock_month(actor=team.kasubag, plan_year=plan.year, month=3, note="Sesuai SPJ")
    with pytest.raises(ValidationError) as locked:
        enter(plan, plan.sub1, 3, 2_000_000, 10)
    assert "dikunci" in str(locked.value)
    assert Realisation.objects.get(sub_activity=plan.sub1, month=3).amount == 1_000_000
    with pytest.raises(ValidationError):
        services.unlock_month(actor=team.kasubag, plan_year=plan.year, month=3, reason="  ")
    services.unlock_month(actor=team.secretary, plan_year=plan.year, month=3, reason="Salah input SP2D")
    assert not MonthLock.objects.filter(plan_year=plan.year, month=3).exists()
    event = AuditEvent.objects.filter(action="planning.month.unlock").latest("pk")
    assert event.after == {"month": 3, "locked": False, "reason": "Salah input SP2D"}
    assert event.before["locked"] is True
    enter(plan, plan.sub1, 3, 2_000_000, 10)


def test_a_month_that_has_not_started_cannot_be_entered(team):
    today = organisation_today(team.org)
    plan = Plan(team, year=today.year + 1)
    with pytest.raises(ValidationError) as refused:
        enter(plan, plan.sub1, 1, 1, 1)
    assert "belum berjalan" in str(refused.value)
