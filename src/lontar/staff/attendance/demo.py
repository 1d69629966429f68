"""Demo data of flexible work for Kecamatan Jatisari, made through the services so every row is audited:
quotas (50% by default, 100% for the PATEN service counter, 75% for the Secretariat), office hours, a
roster for the current and the next week of every unit, and check-ins for the working days of this
month so far.

Past check-ins are loaded with `check_in(..., backdate_for_demo=...)` / `check_out(...)`: that parameter
exists only for this loader (no screen or API passes it). Times are drawn from a seeded random source,
so a run gives the same month every time. Idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.core.models import Organisation, OrganisationKind, Staff, Unit
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.staff.attendance import services
from lontar.staff.attendance.models import AttendanceRecord, RosterEntry, UnitQuota, WorkMode

OFFICE_CODE = "Kec.Jts"
QUOTAS = {"SEK": (75, "Surat Edaran Sekcam: Sekretariat melayani koordinasi harian")}
WFH_NOTES = [
    "Menyusun laporan bulanan dari rumah",
    "Rapat daring dengan kelurahan",
    "Entri data kependudukan",
]


def load_attendance_demo() -> Counter:
    created: Counter = Counter()
    office = Organisation.objects.filter(code=OFFICE_CODE, kind=OrganisationKind.DISTRICT).first()
    users = get_user_model().objects.in_bulk(["sekcam.jatisari"], field_name="username")
    sekcam = users.get("sekcam.jatisari")
    if office is None or sekcam is None:
        return created
    units = list(Unit.objects.filter(organisation=office).order_by("order", "name"))
    for unit in units:
        if UnitQuota.objects.filter(unit=unit).exists():
            continue
        percent, note = QUOTAS.get(unit.code, (None, ""))
        if percent is None:
            percent = services.default_quota_percent(unit)
            note = "Layanan PATEN tetap 100% di kantor" if percent == 100 else "Kuota bawaan 50%"
        services.set_unit_quota(actor=sekcam, unit=unit, percent=percent, note=note)
        created["kuota WFO"] += 1
    today = organisation_today(office)
    monday = today - dt.timedelta(days=today.weekday())
    for unit in units:
        if RosterEntry.objects.filter(unit=unit, date__gte=monday).exists() or not services.unit_people(unit):
            continue
        first = today.replace(day=1)
        start = first - dt.timedelta(days=first.weekday())
        weeks = (monday - start).days // 7 + 2
        result = services.generate_roster(actor=sekcam, unit=unit, start=start, weeks=weeks)
        created["jadwal WFO/WFH"] += result.entries
    made = _check_ins(office, today)
    if made:
        created["kehadiran"] += made
    return created


def _check_ins(office, today: dt.date) -> int:
    zone = ZoneInfo(office.timezone)
    calendar = WorkCalendar(office)
    people = list(
        Staff.objects.filter(organisation=office, is_active=True, user__isnull=False).select_related("user")
    )
    made = 0
    day = today.replace(day=1)
    while day < today:
        if calendar.is_working_day(day):
            for person in people:
                made += _day_of(person, day, zone)
        day += dt.timedelta(days=1)
    return made


def _day_of(person: Staff, day: dt.date, zone) -> int:
    if AttendanceRecord.objects.filter(staff=person, date=day).exists():
        return 0
    rng = random.Random(f"{person.pk}:{day.isoformat()}")
    if rng.random() < 0.04:  # now and then a day without any record
        return 0
    arrive = dt.datetime.combine(day, dt.time(7, 0), tzinfo=zone) + dt.timedelta(minutes=rng.randint(0, 36))
    leave_end = dt.time(16, 30) if day.weekday() == 4 else dt.time(16, 0)
    leave = dt.datetime.combine(day, leave_end, tzinfo=zone) + dt.timedelta(minutes=rng.randint(-8, 60))
    planned = services.rostered_mode(person, day)
    try:
        tap = services.check_in(
            actor=person.user,
            note=rng.choice(WFH_NOTES) if planned == WorkMode.HOME else "",
            backdate_for_demo=arrive,
        )
        if rng.random() > 0.05:  # a forgotten check-out now and then, for the supervisor to correct
            services.check_out(actor=person.user, backdate_for_demo=leave)
    except (ValidationError, PermissionDenied):  # no staff record or no right to check in (the auditor)
        return 0
    return int(tap.changed)
