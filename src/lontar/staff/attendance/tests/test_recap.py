"""The monthly recap: working days from the office calendar, present WFO/WFH, late, left early, excused
days (roster exclusions and the pluggable providers for leave and travel), no record; the Excel export
has a summary and one sheet per unit, and is audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from lontar.core.audit import AuditEvent
from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.workdays.models import CalendarDay, DayKind
from lontar.staff.attendance import excused as excused_registry
from lontar.staff.attendance import services
from lontar.staff.attendance.export import export_recap
from lontar.staff.attendance.selectors import monthly_recap
from lontar.staff.attendance.tests.helpers import MONDAY, at, team

# February 2026: 20 weekdays less Imlek (17th) = 19 working days; with a cuti bersama on the 16th, 18.
END_OF_FEBRUARY = dt.date(2026, 3, 2)


def person_line(recap, staff):
    return next(p for unit in recap.units for p in unit.people if p.staff.pk == staff.pk)


@pytest.fixture
def month(district):
    CalendarDay.objects.create(
        date=dt.date(2026, 2, 16), kind=DayKind.CUTI_BERSAMA, description="Cuti bersama"
    )
    sekcam = member(district, Role.SECRETARY)
    unit, users = team(district, 3)
    _other, others = team(district, 2, name="Subbagian Umum")
    with at(MONDAY - dt.timedelta(days=3)):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=1)
        services.mark_excluded(actor=sekcam, staff=users[2].staff, day=MONDAY, reason="Cuti tahunan")
    person = users[1]
    home = MONDAY + dt.timedelta(days=2)
    for day, hour_in, minute_in, hour_out in [
        (MONDAY, 7, 45, 16),
        (home, 7, 10, 15),
        (dt.date(2026, 2, 6), 7, 0, 17),
    ]:
        with at(day, hour_in, minute_in):
            if day == home:
                services.check_in(actor=person, mode="wfh", mode_note="Tugas lapangan", note="Desa Sukaresmi")
            else:
                services.check_in(actor=person, mode="wfo", mode_note="Sesuai arahan")
        with at(day, hour_out):
            services.check_out(actor=person)
    with at(dt.date(2026, 2, 9), 7):
        services.check_in(actor=person)  # never checked out
    return {"sekcam": sekcam, "users": users, "others": others, "person": person, "home": home, "unit": unit}


def test_recap_counts_each_kind_of_day(district, month):
    person = month["person"]
    with at(END_OF_FEBRUARY, 9):
        recap = monthly_recap(month["sekcam"], district, 2026, 2)
    line = person_line(recap, person.staff)
    assert line.working_days == 18
    assert (line.present_office, line.present_home) == (3, 1)
    assert line.late == 1 and line.left_early == 1 and line.no_check_out == 1
    assert line.excused == 0 and line.no_record == 14
    excused_person = person_line(recap, month["users"][2].staff)
    assert excused_person.excused == 1 and excused_person.no_record == 17
    assert {unit.name for unit in recap.units} == {"Seksi Pemerintahan", "Subbagian Umum", "Tanpa unit kerja"}


def test_a_month_in_progress_counts_up_to_today(district, month):
    with at(dt.date(2026, 2, 10), 9):  # Tuesday, before the end of office hours: today not yet counted
        line = person_line(monthly_recap(month["sekcam"], district, 2026, 2), month["person"].staff)
    assert line.working_days == 6  # 2-6 and 9 February
    with at(dt.date(2026, 2, 10), 17):
        line = person_line(monthly_recap(month["sekcam"], district, 2026, 2), month["person"].staff)
    assert line.working_days == 7 and line.no_record == 3  # 3, 5 and 10 February


def test_leave_and_travel_plug_in_as_excused_days(district, month):
    person = month["person"].staff

    def leave(organisation, staff_ids, start, end):
        assert start == dt.date(2026, 2, 1)
        return {person.pk: {dt.date(2026, 2, 10): "Cuti tahunan", dt.date(2026, 2, 11): "Cuti tahunan"}}

    with at(END_OF_FEBRUARY, 9):
        once = person_line(monthly_recap(month["sekcam"], district, 2026, 2, excused=leave), person)
        assert once.excused == 2 and once.no_record == 12
        excused_registry.register_excused_days(leave)
        try:
            registered = person_line(monthly_recap(month["sekcam"], district, 2026, 2), person)
        finally:
            excused_registry._providers.remove(leave)
    assert registered.excused == 2


def test_section_head_sees_own_unit_only(district, month):
    head = month["users"][0]
    with at(END_OF_FEBRUARY, 9):
        recap = monthly_recap(head, district, 2026, 2)
    assert {p.staff.unit_id for unit in recap.units for p in unit.people} == {month["unit"].pk}


def test_export_has_a_summary_and_a_sheet_per_unit_and_is_audited(district, month):
    auditor = member(district, Role.AUDITOR)
    with at(END_OF_FEBRUARY, 9):
        content = export_recap(actor=auditor, organisation=district, year=2026, month=2)
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames[0] == "Ringkasan"
    assert set(book.sheetnames[1:]) >= {"Seksi Pemerintahan", "Subbagian Umum"}
    sheet = book["Seksi Pemerintahan"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert month["person"].staff.full_name in names
    event = AuditEvent.objects.get(action="attendance.recap.export")
    assert event.actor == auditor and event.after["month"] == 2


def test_staff_cannot_export_the_recap(district, month):
    with at(END_OF_FEBRUARY, 9), pytest.raises(PermissionDenied):
        export_recap(actor=month["users"][1], organisation=district, year=2026, month=2)
