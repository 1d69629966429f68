"""Check-in and check-out: one record per person per day, idempotent taps, late/early flags from the
office's hours in its own time zone, the rostered mode, and the supervisor's audited correction."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from lontar.core.audit import AuditEvent
from lontar.core.models import Role
from lontar.core.tests.factories import OrganisationFactory, member
from lontar.staff.attendance import services
from lontar.staff.attendance.models import AttendanceRecord, WorkMode
from lontar.staff.attendance.tests.helpers import MONDAY, at, team

FRIDAY = MONDAY + dt.timedelta(days=4)


def test_check_in_records_once_and_a_second_tap_changes_nothing(district):
    _unit, users = team(district, 2)
    with at(MONDAY, 7, 20):
        first = services.check_in(actor=users[1], note="Kantor")
    with at(MONDAY, 7, 25):
        second = services.check_in(actor=users[1], note="lagi")
    assert first.changed and not second.changed
    assert second.record.pk == first.record.pk
    record = AttendanceRecord.objects.get()
    assert record.check_in_note == "Kantor" and not record.is_late
    assert AuditEvent.objects.filter(action="attendance.record.check_in").count() == 1


def test_the_database_allows_one_record_per_person_and_day(district):
    _unit, users = team(district, 1)
    with at(MONDAY, 7):
        record = services.check_in(actor=users[0]).record
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceRecord.objects.create(
            organisation=district,
            staff=record.staff,
            date=record.date,
            mode="wfo",
            check_in_at=record.check_in_at,
        )


def test_late_after_the_start_and_early_before_the_end_with_friday_later(district):
    _unit, users = team(district, 1)
    with at(MONDAY, 7, 31):
        assert services.check_in(actor=users[0]).record.is_late
    with at(MONDAY, 15, 59):
        assert services.check_out(actor=users[0]).record.left_early
    with at(FRIDAY, 7, 30):
        assert not services.check_in(actor=users[0]).record.is_late
    with at(FRIDAY, 16, 15):
        assert services.check_out(actor=users[0]).record.left_early  # Friday ends at 16:30
    with at(FRIDAY, 16, 40):
        assert not services.check_out(actor=users[0]).changed


def test_office_hours_are_configurable_and_audited(district):
    admin = member(district, Role.ORG_ADMIN)
    _unit, users = team(district, 1)
    services.set_office_hours(
        actor=admin, organisation=district, start=dt.time(8), end=dt.time(15), friday_end=dt.time(11, 30)
    )
    event = AuditEvent.objects.get(action="attendance.hours.update")
    assert event.after == {"start": "08:00:00", "end": "15:00:00", "friday_end": "11:30:00"}
    with at(MONDAY, 7, 50):
        assert not services.check_in(actor=users[0]).record.is_late
    with at(MONDAY, 15, 5):
        assert not services.check_out(actor=users[0]).record.left_early
    with pytest.raises(ValidationError):
        services.set_office_hours(
            actor=admin, organisation=district, start=dt.time(8), end=dt.time(7), friday_end=dt.time(9)
        )
    with pytest.raises(PermissionDenied):
        services.set_office_hours(
            actor=users[0], organisation=district, start=dt.time(8), end=dt.time(15), friday_end=dt.time(15)
        )


def test_server_time_in_the_office_zone_decides_the_day_and_the_flags(city):
    wit = OrganisationFactory(timezone="Asia/Jayapura", parent=city)
    _unit, users = team(wit, 1)
    # 05:45 WIB is 07:45 WIT: late in Jayapura, and still the same date.
    with at(MONDAY, 5, 45):
        record = services.check_in(actor=users[0]).record
    assert record.date == MONDAY and record.is_late
    # 23:30 WIB on Monday is 01:30 WIT on Tuesday: a new day there.
    with at(MONDAY, 23, 30):
        assert services.check_in(actor=users[0]).changed
    assert AttendanceRecord.objects.filter(date=MONDAY + dt.timedelta(days=1)).exists()


def test_mode_comes_from_the_roster_and_another_mode_needs_a_note(district):
    sekcam = member(district, Role.SECRETARY)
    unit, users = team(district, 2)
    with at(MONDAY - dt.timedelta(days=3)):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=1)
    person = users[1]
    planned = services.rostered_mode(person.staff, MONDAY)
    other = WorkMode.HOME if planned == WorkMode.OFFICE else WorkMode.OFFICE
    with at(MONDAY, 7):
        with pytest.raises(ValidationError) as refused:
            services.check_in(actor=person, mode=other)
        assert "mode_note" in refused.value.message_dict
        assert not AttendanceRecord.objects.exists()
        record = services.check_in(actor=person, mode=other, mode_note="Anak sakit").record
    assert record.mode == other and record.mode_note == "Anak sakit"
    with at(MONDAY, 7):
        assert services.check_in(actor=users[0]).record.mode == services.rostered_mode(users[0].staff, MONDAY)


def test_check_out_needs_a_check_in_first(district):
    _unit, users = team(district, 1)
    with at(MONDAY, 16), pytest.raises(ValidationError, match="belum tercatat masuk"):
        services.check_out(actor=users[0])


def test_an_account_without_staff_record_or_the_auditor_cannot_check_in(district):
    auditor = member(district, Role.AUDITOR)
    with at(MONDAY, 7), pytest.raises(PermissionDenied):
        services.check_in(actor=auditor)
    from lontar.core.tests.factories import UserFactory

    with at(MONDAY, 7), pytest.raises(ValidationError, match="tidak terhubung"):
        services.check_in(actor=UserFactory())


def test_supervisor_corrects_a_forgotten_check_out_with_a_reason_audited(district):
    _unit, users = team(district, 3)
    with at(MONDAY, 7):
        record = services.check_in(actor=users[1]).record
    with at(MONDAY + dt.timedelta(days=1), 9):
        with pytest.raises(ValidationError):
            services.correct_check_out(actor=users[0], record=record, time=dt.time(16, 5), note="")
        with pytest.raises(ValidationError, match="sesudah jam masuk"):
            services.correct_check_out(actor=users[0], record=record, time=dt.time(6, 0), note="Lupa")
        with pytest.raises(PermissionDenied):
            services.correct_check_out(actor=users[2], record=record, time=dt.time(16, 5), note="Lupa")
        corrected = services.correct_check_out(
            actor=users[0], record=record, time=dt.time(16, 5), note="Lupa menekan Pulang"
        )
    assert corrected.check_out_at == dt.datetime(2026, 2, 2, 16, 5, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert corrected.corrected_by == users[0] and not corrected.left_early
    event = AuditEvent.objects.get(action="attendance.record.correct")
    assert event.before["check_out_at"] is None and event.after["correction_note"] == "Lupa menekan Pulang"


def test_a_section_head_cannot_correct_another_unit_nor_their_own_record(district):
    _unit, users = team(district, 2)
    _other, others = team(district, 2, name="Seksi Lain")
    with at(MONDAY, 7):
        theirs = services.check_in(actor=others[1]).record
        own = services.check_in(actor=users[0]).record
    with at(MONDAY, 20):
        with pytest.raises(PermissionDenied):
            services.correct_check_out(actor=users[0], record=theirs, time=dt.time(16), note="x")
        with pytest.raises(PermissionDenied):
            services.correct_check_out(actor=users[0], record=own, time=dt.time(16), note="x")
        services.correct_check_out(
            actor=member(district, Role.SECRETARY), record=theirs, time=dt.time(16), note="x"
        )
