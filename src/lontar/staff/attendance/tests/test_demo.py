"""The attendance demo for Kecamatan Jatisari: quotas (PATEN 100%), a roster for this week and the next
that meets every quota, and this month's check-ins, all through the services; loading twice adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from lontar.core.demo.loader import load_demo
from lontar.core.models import AuditEvent, Organisation, Unit
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.staff.attendance.demo import load_attendance_demo
from lontar.staff.attendance.models import AttendanceRecord, RosterEntry, UnitQuota, required_in_office

pytestmark = pytest.mark.django_db


def test_jatisari_demo_has_quotas_rosters_and_check_ins_and_loads_once():
    load_demo()
    first = load_attendance_demo()
    counts = (UnitQuota.objects.count(), RosterEntry.objects.count(), AttendanceRecord.objects.count())
    assert not load_attendance_demo()
    assert (
        UnitQuota.objects.count(),
        RosterEntry.objects.count(),
        AttendanceRecord.objects.count(),
    ) == counts
    office = Organisation.objects.get(code="Kec.Jts")
    assert UnitQuota.objects.get(unit__organisation=office, unit__code="PEL").min_office_percent == 100
    assert UnitQuota.objects.get(unit__organisation=office, unit__code="PEM").min_office_percent == 50
    assert first["kuota WFO"] == Unit.objects.filter(organisation=office).count()
    today = organisation_today(office)
    monday = today - dt.timedelta(days=today.weekday())
    calendar = WorkCalendar(office)
    for quota in UnitQuota.objects.filter(unit__organisation=office).select_related("unit"):
        for offset in range(14):
            day = monday + dt.timedelta(days=offset)
            modes = list(RosterEntry.objects.filter(unit=quota.unit, date=day).values_list("mode", flat=True))
            if not calendar.is_working_day(day):
                assert not modes
                continue
            assert modes, (quota.unit.code, day)
            assert modes.count("wfo") >= required_in_office(quota.min_office_percent, len(modes))
    records = AttendanceRecord.objects.filter(organisation=office)
    assert all(record.date < today for record in records)
    if any(calendar.is_working_day(today.replace(day=d)) for d in range(1, today.day)):
        assert first["kehadiran"] == records.count() > 0
    assert AuditEvent.objects.filter(action="attendance.record.check_in").count() == records.count()
