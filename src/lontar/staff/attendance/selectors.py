"""Every read of flexible work and attendance, scoped to the reader in SQL: staff see their own,
section heads their unit, the Camat, Sekcam, administrator and auditor the whole office."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core.models import Organisation, Staff, Unit
from lontar.core.permissions import organisation_ids_with
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.staff.attendance.excused import ExcusedProvider, excused_days
from lontar.staff.attendance.models import (
    AttendanceRecord,
    OfficeHours,
    RosterEntry,
    RosterExclusion,
    UnitQuota,
    WorkMode,
    default_quota_percent,
    required_in_office,
)
from lontar.staff.attendance.permissions import (
    CORRECT_ATTENDANCE,
    MANAGE_QUOTA,
    MANAGE_ROSTER,
    RECORD_OWN,
    VIEW_RECAP,
    VIEW_ROSTER,
    may_act_on_unit,
    unit_scope,
)


def own_staff(user) -> Staff | None:
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return staff if staff is not None and staff.is_active else None


def office_hours(organisation) -> OfficeHours:
    return OfficeHours.objects.filter(organisation=organisation).first() or OfficeHours(
        organisation=organisation
    )


def effective_quota(unit) -> int:
    row = UnitQuota.objects.filter(unit=unit).values_list("min_office_percent", flat=True).first()
    return default_quota_percent(unit) if row is None else row


def _unit_filter(user, action: str) -> Q | None:
    wide, narrow = unit_scope(user, action)
    if not wide and not narrow:
        return None
    return Q(organisation_id__in=wide) | Q(pk__in=narrow)


def units_for(user, action: str = VIEW_ROSTER):
    condition = _unit_filter(user, action)
    if condition is None:
        return Unit.objects.none()
    return (
        Unit.objects.filter(condition)
        .select_related("organisation")
        .order_by("organisation__name", "order", "name")
    )


def staff_for(user, action: str):
    """The people whose attendance `user` may read (or act on) under `action`."""
    wide, narrow = unit_scope(user, action)
    return Staff.objects.filter(Q(organisation_id__in=wide) | Q(unit_id__in=narrow))


def entry_for(user, pk) -> RosterEntry | None:
    entry = RosterEntry.objects.select_related("unit__organisation", "staff").filter(pk=pk).first()
    if entry is None or not may_act_on_unit(user, VIEW_ROSTER, entry.unit):
        return None
    return entry


def record_for(user, pk, action: str = CORRECT_ATTENDANCE) -> AttendanceRecord | None:
    return (
        AttendanceRecord.objects.filter(pk=pk, staff__in=staff_for(user, action))
        .select_related("staff__unit", "organisation")
        .first()
    )


def exclusion_for(user, pk) -> RosterExclusion | None:
    return (
        RosterExclusion.objects.filter(pk=pk, staff__in=staff_for(user, MANAGE_ROSTER))
        .select_related("staff__unit__organisation")
        .first()
    )


# --- my attendance ----------------------------------------------------------------------------------


@dataclass
class DayLine:
    date: dt.date
    working: bool
    day_off: str = ""
    planned: str | None = None
    record: AttendanceRecord | None = None
    excused: str = ""


@dataclass
class MyPage:
    staff: Staff
    today: dt.date
    is_working_day: bool
    planned: str | None
    record: AttendanceRecord | None
    hours: OfficeHours
    month: list[DayLine]
    totals: PersonRecap | None


def my_attendance(user, year: int | None = None, month: int | None = None) -> MyPage | None:
    staff = own_staff(user)
    if staff is None:
        return None
    organisation = staff.organisation
    today = organisation_today(organisation)
    year, month = year or today.year, month or today.month
    first = dt.date(year, month, 1)
    last = dt.date(year, month, month_calendar.monthrange(year, month)[1])
    calendar = WorkCalendar(organisation)
    planned = dict(
        RosterEntry.objects.filter(staff=staff, date__range=(first, last)).values_list("date", "mode")
    )
    records = {r.date: r for r in AttendanceRecord.objects.filter(staff=staff, date__range=(first, last))}
    excused = excused_days(organisation, [staff.pk], first, last).get(staff.pk, {})
    lines = []
    day = first
    while day <= last:
        off = calendar.day_off(day)
        lines.append(
            DayLine(
                date=day,
                working=calendar.is_working_day(day),
                day_off=off.description if off else "",
                planned=planned.get(day),
                record=records.get(day),
                excused=excused.get(day, ""),
            )
        )
        day += dt.timedelta(days=1)
    recap = monthly_recap_for_staff(organisation, [staff], year, month, calendar=calendar)
    return MyPage(
        staff=staff,
        today=today,
        is_working_day=calendar.is_working_day(today),
        planned=planned.get(today) if (first <= today <= last) else rostered(staff, today),
        record=records.get(today) if (first <= today <= last) else today_record(staff, today),
        hours=office_hours(organisation),
        month=lines,
        totals=recap[0] if recap else None,
    )


def rostered(staff, day):
    return RosterEntry.objects.filter(staff=staff, date=day).values_list("mode", flat=True).first()


def today_record(staff, day):
    return AttendanceRecord.objects.filter(staff=staff, date=day).first()


def my_records(user):
    staff = own_staff(user)
    if staff is None:
        return AttendanceRecord.objects.none()
    return AttendanceRecord.objects.filter(staff=staff).order_by("-date")


def not_checked_in_today(user) -> bool:
    """For the dashboard: a working day in the person's office and no "Masuk" yet."""
    staff = own_staff(user)
    if staff is None or not organisation_ids_with(user, RECORD_OWN):
        return False
    today = organisation_today(staff.organisation)
    if not WorkCalendar(staff.organisation).is_working_day(today):
        return False
    if RosterExclusion.objects.filter(staff=staff, date=today).exists():
        return False
    return not AttendanceRecord.objects.filter(staff=staff, date=today).exists()


# --- roster grid ------------------------------------------------------------------------------------


@dataclass
class GridDay:
    date: dt.date
    working: bool
    day_off: str = ""
    office: int = 0
    people: int = 0
    required: int = 0
    past: bool = False

    @property
    def below_quota(self) -> bool:
        return self.people > 0 and self.office < self.required


@dataclass
class GridRow:
    staff: Staff
    cells: list  # per day: RosterEntry, an exclusion reason (str), or None


@dataclass
class RosterWeek:
    unit: Unit
    monday: dt.date
    quota_percent: int
    days: list[GridDay]
    rows: list[GridRow]
    may_edit: bool
    has_entries: bool
    exclusions: list[RosterExclusion] = field(default_factory=list)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def roster_week(user, unit: Unit, monday: dt.date) -> RosterWeek:
    organisation = unit.organisation
    calendar = WorkCalendar(organisation)
    today = organisation_today(organisation)
    percent = effective_quota(unit)
    dates = [monday + dt.timedelta(days=i) for i in range(5)]
    entries = list(
        RosterEntry.objects.filter(unit=unit, date__range=(dates[0], dates[-1])).select_related("staff")
    )
    people = {s.pk: s for s in Staff.objects.filter(unit=unit, is_active=True).order_by("full_name")}
    for entry in entries:
        people.setdefault(entry.staff_id, entry.staff)
    exclusions = list(
        RosterExclusion.objects.filter(
            staff_id__in=list(people), date__range=(dates[0], dates[-1])
        ).select_related("staff")
    )
    by_cell = {(e.staff_id, e.date): e for e in entries}
    excluded = {(x.staff_id, x.date): x.reason for x in exclusions}
    days = []
    for day in dates:
        off = calendar.day_off(day)
        on_day = [e for e in entries if e.date == day]
        office = sum(e.mode == WorkMode.OFFICE for e in on_day)
        days.append(
            GridDay(
                date=day,
                working=calendar.is_working_day(day),
                day_off=off.description if off else "",
                office=office,
                people=len(on_day),
                required=required_in_office(percent, len(on_day)),
                past=day < today,
            )
        )
    rows = [
        GridRow(staff, [by_cell.get((pk, day)) or excluded.get((pk, day)) for day in dates])
        for pk, staff in sorted(people.items(), key=lambda item: item[1].full_name)
    ]
    return RosterWeek(
        unit=unit,
        monday=monday,
        quota_percent=percent,
        days=days,
        rows=rows,
        may_edit=may_act_on_unit(user, MANAGE_ROSTER, unit),
        has_entries=bool(entries),
        exclusions=exclusions,
    )


def roster_entries(user, *, start: dt.date | None = None, end: dt.date | None = None, unit_id=None):
    condition = _unit_filter(user, VIEW_ROSTER)
    if condition is None:
        return RosterEntry.objects.none()
    units = Unit.objects.filter(condition)
    qs = RosterEntry.objects.filter(unit__in=units).select_related("staff", "unit")
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by("date", "unit_id", "staff_id", "id")


# --- settings ---------------------------------------------------------------------------------------


@dataclass
class QuotaLine:
    unit: Unit
    percent: int
    is_default: bool
    note: str
    people: int


def quota_unit(user, pk) -> Unit | None:
    return (
        Unit.objects.filter(pk=pk, organisation_id__in=organisation_ids_with(user, MANAGE_QUOTA))
        .select_related("organisation")
        .first()
    )


def quota_lines(user, organisation) -> list[QuotaLine]:
    """The units of one office with their quota (the default while none is saved)."""
    if organisation.pk not in organisation_ids_with(user, MANAGE_QUOTA):
        return []
    units = list(
        Unit.objects.filter(organisation=organisation)
        .select_related("organisation")
        .order_by("order", "name")
    )
    rows = {q.unit_id: q for q in UnitQuota.objects.filter(unit__in=units)}
    counts: dict[int, int] = {}
    for unit_id in Staff.objects.filter(unit__in=units, is_active=True).values_list("unit_id", flat=True):
        counts[unit_id] = counts.get(unit_id, 0) + 1
    return [
        QuotaLine(
            unit=unit,
            percent=rows[unit.pk].min_office_percent if unit.pk in rows else default_quota_percent(unit),
            is_default=unit.pk not in rows,
            note=rows[unit.pk].note if unit.pk in rows else "",
            people=counts.get(unit.pk, 0),
        )
        for unit in units
    ]


def offices_for(user, action: str):
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, action)).order_by("path")


# --- the monthly recap ------------------------------------------------------------------------------


@dataclass
class PersonRecap:
    staff: Staff
    unit_name: str
    working_days: int = 0
    present_office: int = 0
    present_home: int = 0
    late: int = 0
    left_early: int = 0
    no_check_out: int = 0
    excused: int = 0
    no_record: int = 0

    @property
    def present(self) -> int:
        return self.present_office + self.present_home


@dataclass
class UnitRecap:
    name: str
    people: list[PersonRecap]

    def total(self, attribute: str) -> int:
        return sum(getattr(person, attribute) for person in self.people)

    @property
    def totals(self) -> dict[str, int]:
        return {key: self.total(key) for key in RECAP_COLUMNS}


RECAP_COLUMNS = (
    "working_days",
    "present_office",
    "present_home",
    "late",
    "left_early",
    "no_check_out",
    "excused",
    "no_record",
)


@dataclass
class Recap:
    organisation: Organisation
    year: int
    month: int
    counted_until: dt.date | None
    units: list[UnitRecap]

    @property
    def totals(self) -> dict[str, int]:
        return {key: sum(unit.total(key) for unit in self.units) for key in RECAP_COLUMNS}


def monthly_recap_for_staff(
    organisation,
    people: list[Staff],
    year: int,
    month: int,
    *,
    calendar: WorkCalendar | None = None,
    excused: ExcusedProvider | None = None,
) -> list[PersonRecap]:
    """The month's counts of each person. Days after today (in the office's zone) are not counted yet:
    a month in progress is counted up to today."""
    calendar = calendar or WorkCalendar(organisation)
    first = dt.date(year, month, 1)
    last = min(
        dt.date(year, month, month_calendar.monthrange(year, month)[1]), organisation_today(organisation)
    )
    if last < first or not people:
        return [PersonRecap(staff=p, unit_name=p.unit.name if p.unit_id else "") for p in people]
    working = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    working = {day for day in working if calendar.is_working_day(day)}
    ids = [p.pk for p in people]
    today = organisation_today(organisation)
    records: dict[int, dict[dt.date, AttendanceRecord]] = {}
    for record in AttendanceRecord.objects.filter(staff_id__in=ids, date__range=(first, last)):
        records.setdefault(record.staff_id, {})[record.date] = record
    excuses = excused_days(organisation, ids, first, last, extra=[excused] if excused else [])
    result = []
    for person in people:
        line = PersonRecap(staff=person, unit_name=person.unit.name if person.unit_id else "")
        own = records.get(person.pk, {})
        for day in sorted(working):
            line.working_days += 1
            record = own.get(day)
            if record is not None:
                if record.mode == WorkMode.OFFICE:
                    line.present_office += 1
                else:
                    line.present_home += 1
                line.late += record.is_late
                line.left_early += record.left_early
                line.no_check_out += record.check_out_at is None and day < today
            elif day in excuses.get(person.pk, {}):
                line.excused += 1
            elif day < today or _past_office_hours(organisation):
                line.no_record += 1
            else:
                line.working_days -= 1  # today, still open: not counted yet
        result.append(line)
    return result


def _past_office_hours(organisation) -> bool:
    hours = office_hours(organisation)
    now = timezone.localtime(timezone.now(), ZoneInfo(organisation.timezone))
    return now.time() >= hours.end_on(now.date())


def monthly_recap(
    user, organisation, year: int, month: int, *, unit_id=None, excused: ExcusedProvider | None = None
) -> Recap:
    """The recap of one office's month, per unit, limited to the people `user` may see."""
    people = list(
        staff_for(user, VIEW_RECAP)
        .filter(organisation=organisation, is_active=True)
        .select_related("unit")
        .order_by("unit__order", "unit__name", "full_name")
    )
    if unit_id:
        people = [p for p in people if p.unit_id == int(unit_id)]
    lines = monthly_recap_for_staff(organisation, people, year, month, excused=excused)
    units: dict[str, UnitRecap] = {}
    for line in lines:
        name = line.unit_name or _("Tanpa unit kerja")
        units.setdefault(name, UnitRecap(name, [])).people.append(line)
    today = organisation_today(organisation)
    last = dt.date(year, month, month_calendar.monthrange(year, month)[1])
    return Recap(
        organisation=organisation,
        year=year,
        month=month,
        counted_until=min(last, today) if dt.date(year, month, 1) <= today else None,
        units=list(units.values()),
    )


def correction_candidates(user, organisation, limit: int = 50):
    """Past days' records without a check-out, of the people the user may correct."""
    today = organisation_today(organisation)
    return (
        AttendanceRecord.objects.filter(
            staff__in=staff_for(user, CORRECT_ATTENDANCE),
            organisation=organisation,
            check_out_at__isnull=True,
        )
        .filter(date__lt=today)
        .select_related("staff")
        .order_by("-date")[:limit]
    )


def unit_today(user, unit: Unit) -> list[tuple[Staff, AttendanceRecord | None]]:
    """Who of the unit has checked in today: the supervisor's view beside the roster."""
    today = organisation_today(unit.organisation)
    people = list(Staff.objects.filter(unit=unit, is_active=True).order_by("full_name"))
    records = {r.staff_id: r for r in AttendanceRecord.objects.filter(staff__in=people, date=today)}
    return [(person, records.get(person.pk)) for person in people]


def unit_people_for(user, unit: Unit) -> list[Staff]:
    if not may_act_on_unit(user, MANAGE_ROSTER, unit):
        return []
    return list(Staff.objects.filter(unit=unit, is_active=True).order_by("full_name"))
