"""Roster generation and edits through the services: quotas hold on every working day of real office
calendars, holidays get no cells, regeneration keeps past days and asks before overwriting edits, and no
sequence of edits can drop a day below the quota."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from lontar.core.audit import AuditEvent
from lontar.core.models import OrganisationKind, Role, UnitKind
from lontar.core.tests.factories import OrganisationFactory, member
from lontar.core.workdays.models import CalendarDay, DayKind
from lontar.staff.attendance import services
from lontar.staff.attendance.models import RosterEntry, RosterExclusion, WorkMode, required_in_office
from lontar.staff.attendance.tests.helpers import MONDAY, at, team

BEFORE = MONDAY - dt.timedelta(days=3)  # Friday 30 January 2026: the whole period is still to come


def office_counts(unit, day):
    modes = list(RosterEntry.objects.filter(unit=unit, date=day).values_list("mode", flat=True))
    return modes.count(WorkMode.OFFICE), len(modes)


def assert_quota_holds(unit, percent):
    days = RosterEntry.objects.filter(unit=unit).values_list("date", flat=True).distinct()
    for day in days:
        office, people = office_counts(unit, day)
        assert office >= required_in_office(percent, people), day


@pytest.fixture
def office(district):
    return district


@pytest.fixture
def sekcam(office):
    return member(office, Role.SECRETARY)


def test_generation_fills_working_days_only_and_meets_the_default_quota(office, sekcam):
    unit, _users = team(office, 5)
    CalendarDay.objects.create(
        date=dt.date(2026, 2, 16), kind=DayKind.CUTI_BERSAMA, description="Cuti bersama Imlek"
    )
    CalendarDay.objects.create(
        date=dt.date(2026, 2, 18),
        kind=DayKind.OFFICE_CLOSURE,
        description="Kantor tutup",
        organisation=office,
    )
    with at(BEFORE):
        result = services.generate_roster(actor=sekcam, unit=unit, start=dt.date(2026, 2, 16), weeks=1)
    days = sorted(RosterEntry.objects.filter(unit=unit).values_list("date", flat=True).distinct())
    # 16 cuti bersama, 17 Imlek (national), 18 office closure, 21-22 weekend.
    assert days == [dt.date(2026, 2, 19), dt.date(2026, 2, 20)]
    assert result.quota_percent == 50 and result.entries == 10
    for day in days:
        assert office_counts(unit, day) == (3, 5)  # ceil(50% of 5)
    event = AuditEvent.objects.get(action="attendance.roster.generate")
    assert event.after["planned_days"] == 2


def test_service_counter_stays_fully_in_office_by_default(office, sekcam):
    unit, _users = team(office, 3, kind=UnitKind.SERVICE, name="Seksi Pelayanan")
    with at(BEFORE):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=2)
    assert set(RosterEntry.objects.filter(unit=unit).values_list("mode", flat=True)) == {WorkMode.OFFICE}


def test_fair_rotation_over_the_period(office, sekcam):
    unit, _users = team(office, 4)
    with at(BEFORE):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=2)
    counts = {}
    for staff_id, mode in RosterEntry.objects.filter(unit=unit).values_list("staff_id", "mode"):
        counts[staff_id] = counts.get(staff_id, 0) + (mode == WorkMode.OFFICE)
    assert sorted(counts.values()) == [5, 5, 5, 5]  # 10 days x 2 in office / 4 people


def test_quota_setting_is_audited_and_used_by_the_next_generation(office, sekcam):
    unit, _users = team(office, 4)
    services.set_unit_quota(actor=sekcam, unit=unit, percent=75, note="SE Camat")
    event = AuditEvent.objects.get(action="attendance.quota.update")
    assert event.before == {"min_office_percent": 50, "note": ""}
    assert event.after == {"min_office_percent": 75, "note": "SE Camat"}
    with at(BEFORE):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=1)
    assert office_counts(unit, MONDAY) == (3, 4)


@pytest.mark.parametrize("percent", [-1, 101])
def test_quota_outside_0_100_is_refused(office, sekcam, percent):
    unit, _users = team(office, 2)
    with pytest.raises(ValidationError):
        services.set_unit_quota(actor=sekcam, unit=unit, percent=percent)


def test_only_the_sekcam_and_the_administrator_set_quotas(office):
    unit, users = team(office, 3)
    for user in (users[0], users[1], member(office, Role.HEAD), member(office, Role.AUDITOR)):
        with pytest.raises(PermissionDenied):
            services.set_unit_quota(actor=user, unit=unit, percent=10)
    services.set_unit_quota(actor=member(office, Role.ORG_ADMIN), unit=unit, percent=10)


def test_section_head_rosters_own_unit_only_and_staff_not_at_all(office):
    unit, users = team(office, 3)
    other, _ = team(office, 2, name="Seksi Lain")
    with at(BEFORE):
        services.generate_roster(actor=users[0], unit=unit, start=MONDAY, weeks=1)
        with pytest.raises(PermissionDenied):
            services.generate_roster(actor=users[0], unit=other, start=MONDAY, weeks=1)
        with pytest.raises(PermissionDenied):
            services.generate_roster(actor=users[1], unit=unit, start=MONDAY, weeks=1)
        outsider = member(OrganisationFactory(kind=OrganisationKind.DISTRICT), Role.SECRETARY)
        with pytest.raises(PermissionDenied):
            services.generate_roster(actor=outsider, unit=unit, start=MONDAY, weeks=1)


def test_period_must_start_on_monday_and_be_whole_weeks(office, sekcam):
    unit, _ = team(office, 2)
    with pytest.raises(ValidationError, match="Senin"):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY + dt.timedelta(days=1), weeks=1)
    with pytest.raises(ValidationError):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=0)


def test_edit_that_would_break_the_quota_is_refused_with_a_clear_message(office, sekcam):
    unit, _users = team(office, 4)
    with at(BEFORE):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=1)
        in_office = list(RosterEntry.objects.filter(unit=unit, date=MONDAY, mode=WorkMode.OFFICE))
        at_home = list(RosterEntry.objects.filter(unit=unit, date=MONDAY, mode=WorkMode.HOME))
        with pytest.raises(ValidationError) as refused:
            services.set_roster_cell(actor=sekcam, entry=in_office[0], mode=WorkMode.HOME)
        assert "minimal 2 dari 4 pegawai" in refused.value.messages[0]
        assert "menyisakan 1" in refused.value.messages[0]
        # Swap: first someone else to the office, then the move home is allowed.
        services.set_roster_cell(actor=sekcam, entry=at_home[0], mode=WorkMode.OFFICE, note="Rapat")
        services.set_roster_cell(actor=sekcam, entry=in_office[0], mode=WorkMode.HOME)
    assert office_counts(unit, MONDAY) == (2, 4)
    edit = AuditEvent.objects.filter(action="attendance.roster.edit").first()
    assert edit.before["mode"] in ("wfo", "wfh") and edit.after["edited"] is True


def test_past_days_cannot_be_edited(office, sekcam):
    unit, _ = team(office, 4)
    with at(BEFORE):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=1)
    entry = RosterEntry.objects.filter(unit=unit, date=MONDAY, mode=WorkMode.HOME).first()
    with at(MONDAY + dt.timedelta(days=1)), pytest.raises(ValidationError, match="sudah lewat"):
        services.set_roster_cell(actor=sekcam, entry=entry, mode=WorkMode.OFFICE)


def test_regeneration_asks_before_overwriting_edits_and_never_changes_started_days(office, sekcam):
    unit, _ = team(office, 4)
    with at(BEFORE):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=2)
        friday = MONDAY + dt.timedelta(days=4)
        home = RosterEntry.objects.filter(unit=unit, date=friday, mode=WorkMode.HOME).first()
        services.set_roster_cell(actor=sekcam, entry=home, mode=WorkMode.OFFICE)
    wednesday = MONDAY + dt.timedelta(days=2)
    started = {
        (e.staff_id, e.date, e.mode) for e in RosterEntry.objects.filter(unit=unit, date__lte=wednesday)
    }
    services.set_unit_quota(actor=sekcam, unit=unit, percent=100)
    with at(wednesday, 10):
        with pytest.raises(services.RegenerationNeedsConfirmation) as asked:
            services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=2)
        assert asked.value.edited_days == [friday]
        result = services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=2, confirm=True)
    assert result.kept_days == [MONDAY, MONDAY + dt.timedelta(days=1), wednesday]
    assert result.overwritten_edits == [friday]
    assert {
        (e.staff_id, e.date, e.mode) for e in RosterEntry.objects.filter(unit=unit, date__lte=wednesday)
    } == started
    assert set(RosterEntry.objects.filter(unit=unit, date__gt=wednesday).values_list("mode", flat=True)) == {
        "wfo"
    }


def test_exclusion_removes_the_cell_and_moves_a_colleague_to_the_office_when_needed(office, sekcam):
    unit, _users = team(office, 4)
    with at(BEFORE):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=1)
        leaving = RosterEntry.objects.filter(unit=unit, date=MONDAY, mode=WorkMode.OFFICE).first()
        result = services.mark_excluded(actor=sekcam, staff=leaving.staff, day=MONDAY, reason="Cuti tahunan")
    assert not RosterEntry.objects.filter(staff=leaving.staff, date=MONDAY).exists()
    assert office_counts(unit, MONDAY) == (2, 3)  # ceil(50% of 3) = 2: one colleague moved to WFO
    assert len(result.promoted) == 1
    event = AuditEvent.objects.get(action="attendance.exclusion.create")
    assert event.after["removed_cell"] == "wfo" and event.after["moved_to_office"] == [result.promoted[0].pk]
    with at(BEFORE), pytest.raises(ValidationError, match="sudah ditandai"):
        services.mark_excluded(actor=sekcam, staff=leaving.staff, day=MONDAY, reason="Cuti")
    with at(BEFORE):
        services.unmark_excluded(actor=sekcam, exclusion=RosterExclusion.objects.get())
    assert RosterEntry.objects.filter(staff=leaving.staff, date=MONDAY).exists()
    assert_quota_holds(unit, 50)


def test_generation_leaves_excluded_people_out(office, sekcam):
    unit, users = team(office, 3)
    with at(BEFORE):
        services.mark_excluded(actor=sekcam, staff=users[1].staff, day=MONDAY, reason="Dinas luar")
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=1)
    assert not RosterEntry.objects.filter(staff=users[1].staff, date=MONDAY).exists()
    assert office_counts(unit, MONDAY) == (1, 2)


@pytest.mark.django_db(transaction=False)
class TestEditsNeverBreakTheQuota(HypothesisTestCase):
    """For many unit sizes, quotas and sequences of edits by a supervisor: after every accepted or refused
    edit, every day of the roster still meets the quota."""

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        size=st.integers(1, 9),
        percent=st.integers(0, 100),
        edits=st.lists(
            st.tuples(st.integers(0, 8), st.integers(0, 4), st.sampled_from(["wfo", "wfh"])), max_size=25
        ),
    )
    def test_random_edits(self, size, percent, edits):
        office = OrganisationFactory(kind=OrganisationKind.DISTRICT)
        sekcam = member(office, Role.SECRETARY)
        unit, _users = team(office, size)
        services.set_unit_quota(actor=sekcam, unit=unit, percent=percent)
        with at(BEFORE):
            services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=1)
            assert_quota_holds(unit, percent)
            entries = list(RosterEntry.objects.filter(unit=unit).order_by("date", "staff_id"))
            for person, weekday, mode in edits:
                day = MONDAY + dt.timedelta(days=weekday)
                candidates = [e for e in entries if e.date == day]
                entry = candidates[person % len(candidates)]
                with contextlib.suppress(ValidationError):
                    services.set_roster_cell(actor=sekcam, entry=entry, mode=mode)
                assert_quota_holds(unit, percent)
