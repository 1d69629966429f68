"""Reads of leave, always scoped to what the user may see.

`absences_between(organisation, start, end)` is the one question other modules (attendance, duty
travel, disposition targets) ask: who of the office is away on leave on which days.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Q, When
from django.utils.translation import gettext

from lontar.core.models import Organisation, Position, Staff, Unit, UnitKind
from lontar.core.orgadmin.selectors import direct_superior_position
from lontar.core.permissions import get_visible_or_404, organisation_ids_with
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.core.workflow.services import history as workflow_history
from lontar.staff.leave import ledger
from lontar.staff.leave.models import (
    ACTIVE_STATUSES,
    PENDING_STATUSES,
    LeaveAttachment,
    LeaveRequest,
    LeaveStatus,
    LeaveType,
    OpeningBalance,
)
from lontar.staff.leave.permissions import (
    MANAGE_BALANCES,
    MANAGE_SETTINGS,
    REQUEST_LEAVE,
    VIEW_ALL_LEAVE,
    VIEW_LEAVE,
    official_positions,
)

LIST_LIMIT = 200
# The detail page checks crowding over the first three months of a leave at most (a CLTN runs years).
CROWDING_HORIZON = datetime.timedelta(days=92)


def _base():
    return LeaveRequest.objects.select_related(
        "staff", "staff__unit", "organisation", "superior", "superior_position", "official_position", "letter"
    )


def staff_of(user) -> Staff | None:
    staff = getattr(user, "staff", None)
    return staff if staff is not None and staff.is_active else None


def may_request(user) -> bool:
    staff = staff_of(user)
    return staff is not None and staff.organisation_id in organisation_ids_with(user, REQUEST_LEAVE)


def top_position(organisation) -> Position | None:
    """The office's top position (the Camat's): no superior, the leadership unit's head first."""
    return (
        Position.objects.filter(organisation=organisation, superior__isnull=True)
        .annotate(lead=Case(When(unit__kind=UnitKind.LEADERSHIP, then=0), default=1))
        .order_by("lead", "-is_unit_head", "order", "pk")
        .first()
    )


def superior_position_of(staff, day) -> Position | None:
    return direct_superior_position(staff, day)


# --- own requests and balance ----------------------------------------------------------------------


def my_requests(user):
    staff = staff_of(user)
    if staff is None:
        return LeaveRequest.objects.none()
    return _base().filter(staff=staff).order_by("-start_date", "-id")


def my_ledger(user, *, through_year: int | None = None):
    staff = staff_of(user)
    if staff is None:
        return None
    return ledger.ledger_for(staff, through_year=through_year)


def request_for(user, pk) -> LeaveRequest:
    return get_visible_or_404(user, _base(), VIEW_LEAVE, pk=pk)


def attachments_of(request: LeaveRequest):
    return LeaveAttachment.objects.filter(request=request).select_related("stored_file")


def history(request: LeaveRequest):
    return workflow_history(request)


# --- inboxes ---------------------------------------------------------------------------------------


def to_consider(user):
    """Submitted requests whose superior is this user (or whose superior's position they act in)."""
    staff = staff_of(user)
    if staff is None:
        return LeaveRequest.objects.none()
    offices = organisation_ids_with(user, VIEW_LEAVE)
    positions = official_positions(user, offices)
    return (
        _base()
        .filter(organisation_id__in=offices, status=LeaveStatus.SUBMITTED)
        .filter(Q(superior=staff) | Q(superior_position_id__in=positions))
        .exclude(staff=staff)
        .order_by("start_date", "id")
    )


def to_decide(user):
    """Requests awaiting the decision of the official whose position this user acts in today."""
    staff = staff_of(user)
    if staff is None:
        return LeaveRequest.objects.none()
    offices = organisation_ids_with(user, VIEW_LEAVE)
    positions = official_positions(user, offices)
    return (
        _base()
        .filter(
            organisation_id__in=offices,
            status=LeaveStatus.AWAITING_DECISION,
            official_position_id__in=positions,
        )
        .exclude(staff=staff)
        .order_by("start_date", "id")
    )


def pending_counts(user) -> dict[str, int]:
    return {"consider": to_consider(user).count(), "decide": to_decide(user).count()}


# --- the office's list -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeFilters:
    status: str = ""
    leave_type: str = ""
    unit: int | None = None
    year: int | None = None
    query: str = ""


def office_requests(user, filters: OfficeFilters | None = None):
    filters = filters or OfficeFilters()
    offices = organisation_ids_with(user, VIEW_ALL_LEAVE)
    rows = _base().filter(organisation_id__in=offices)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.leave_type:
        rows = rows.filter(leave_type=filters.leave_type)
    if filters.unit:
        rows = rows.filter(staff__unit_id=filters.unit)
    if filters.year:
        rows = rows.filter(start_date__year=filters.year)
    if filters.query:
        rows = rows.filter(
            Q(staff__full_name__icontains=filters.query) | Q(staff__nip__startswith=filters.query)
        )
    return rows.order_by("-start_date", "-id")


def office_choices(user):
    offices = organisation_ids_with(user, VIEW_ALL_LEAVE)
    return {
        "units": Unit.objects.filter(organisation_id__in=offices).order_by("organisation", "order", "name")
    }


def may_see_office(user) -> bool:
    return bool(organisation_ids_with(user, VIEW_ALL_LEAVE))


# --- opening balances and statements ---------------------------------------------------------------


def balance_offices(user) -> list[int]:
    return organisation_ids_with(user, MANAGE_BALANCES)


def staff_for_balances(user):
    offices = organisation_ids_with(user, VIEW_ALL_LEAVE)
    return (
        Staff.objects.filter(organisation_id__in=offices, is_active=True)
        .select_related("unit")
        .order_by("organisation", "full_name")
    )


def staff_member_for(user, pk) -> Staff:
    staff = get_visible_or_404(user, Staff.objects.all(), None, pk=pk)
    if staff.organisation_id not in organisation_ids_with(user, VIEW_ALL_LEAVE):
        raise PermissionDenied(VIEW_ALL_LEAVE)
    return staff


def openings_of(user):
    offices = organisation_ids_with(user, VIEW_ALL_LEAVE)
    return OpeningBalance.objects.filter(organisation_id__in=offices).select_related("staff", "recorded_by")


def statement_of(staff, *, through_year: int | None = None):
    return ledger.ledger_for(staff, through_year=through_year)


def settings_for(user, organisation_id=None):
    offices = organisation_ids_with(user, MANAGE_SETTINGS)
    if not offices:
        raise PermissionDenied(MANAGE_SETTINGS)
    organisation = Organisation.objects.get(pk=organisation_id if organisation_id in offices else offices[0])
    return ledger.settings_of(organisation)


def settings_offices(user):
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, MANAGE_SETTINGS)).order_by("path")


# --- absences and the team calendar ----------------------------------------------------------------


@dataclass(frozen=True)
class Absence:
    staff_id: int
    staff_name: str
    unit_id: int | None
    leave_type: str
    status: str
    start: datetime.date
    end: datetime.date
    request_id: int

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def is_travel(self) -> bool:
        return self.leave_type == TRAVEL

    @property
    def label(self) -> str:
        """What the calendar cell says on hover: "Cuti tahunan · Disetujui", or "Dinas luar"."""
        if self.is_travel:
            return gettext("Dinas luar")
        kind = dict(LeaveType.choices).get(self.leave_type, self.leave_type)
        status = dict(LeaveStatus.choices).get(self.status, self.status)
        return f"{kind} · {status}"


# Duty travel shares the calendar and the crowding warning: a traveller is away from the unit too.
TRAVEL = "dinas_luar"


def absences_between(organisation, start: datetime.date, end: datetime.date, *, include_pending=True):
    """Who of `organisation` is away on leave between `start` and `end` (both included): approved
    requests, and pending ones unless `include_pending` is False. Unscoped: callers check access."""
    statuses = ACTIVE_STATUSES if include_pending else (LeaveStatus.APPROVED,)
    rows = (
        LeaveRequest.objects.filter(
            organisation=organisation, status__in=statuses, start_date__lte=end, end_date__gte=start
        )
        .select_related("staff")
        .order_by("start_date", "staff__full_name")
    )
    return [
        Absence(
            r.staff_id,
            r.staff.full_name,
            r.staff.unit_id,
            r.leave_type,
            r.status,
            r.start_date,
            r.end_date,
            r.pk,
        )
        for r in rows
    ]


def away_between(organisation, start: datetime.date, end: datetime.date) -> list[Absence]:
    """Leave (approved and pending) and committed duty travel of `organisation` between `start` and
    `end`: everyone a unit will miss. Travel rows carry `leave_type == TRAVEL` and no request id."""
    from lontar.staff.travel.selectors import travellers_between

    away = absences_between(organisation, start, end)
    trips = travellers_between(organisation, start, end)
    units = dict(Staff.objects.filter(pk__in={t.staff_id for t in trips}).values_list("pk", "unit_id"))
    away += [
        Absence(t.staff_id, t.name, units.get(t.staff_id), TRAVEL, t.status, t.start, t.end, 0) for t in trips
    ]
    return away


def excused_leave_days(organisation, staff_ids: list[int], start: datetime.date, end: datetime.date) -> dict:
    """Days of approved leave, for the attendance recap (`attendance.excused`):
    `{staff_id: {date: "Cuti tahunan"}}`. Pending requests excuse nothing."""
    found: dict[int, dict[datetime.date, str]] = defaultdict(dict)
    labels = dict(LeaveType.choices)
    for absence in absences_between(organisation, start, end, include_pending=False):
        if absence.staff_id not in staff_ids:
            continue
        label = str(labels.get(absence.leave_type, absence.leave_type))
        day = max(absence.start, start)
        while day <= min(absence.end, end):
            found[absence.staff_id].setdefault(day, label)
            day += datetime.timedelta(days=1)
    return dict(found)


@dataclass
class UnitWarning:
    day: datetime.date
    unit_name: str
    away: int
    size: int


def unit_sizes(organisation) -> dict[int, int]:
    sizes: dict[int, int] = defaultdict(int)
    for unit_id in Staff.objects.filter(organisation=organisation, is_active=True).values_list(
        "unit_id", flat=True
    ):
        if unit_id:
            sizes[unit_id] += 1
    return sizes


def crowding(organisation, start, end, *, extra: LeaveRequest | None = None) -> list[UnitWarning]:
    """Working days on which more than the office's share of one unit would be away (approved and
    pending leave and committed duty travel; `extra` counted too if it is not among them yet)."""
    limit = ledger.settings_of(organisation).away_warning_percent
    calendar = WorkCalendar(organisation)
    absences = away_between(organisation, start, end)
    if extra is not None and all(a.request_id != extra.pk for a in absences):
        absences.append(
            Absence(
                extra.staff_id, "", extra.staff.unit_id, extra.leave_type, extra.status,
                extra.start_date, extra.end_date, extra.pk or 0,
            )
        )  # fmt: skip
    sizes = unit_sizes(organisation)
    names = dict(Unit.objects.filter(organisation=organisation).values_list("pk", "name"))
    warnings = []
    day = start
    while day <= end:
        if calendar.is_working_day(day):
            away: dict[int, set[int]] = defaultdict(set)
            for a in absences:
                if a.unit_id and a.start <= day <= a.end:
                    away[a.unit_id].add(a.staff_id)
            for unit_id, people in away.items():
                size = sizes.get(unit_id, 0)
                if size and len(people) * 100 > size * limit:
                    warnings.append(UnitWarning(day, names.get(unit_id, ""), len(people), size))
        day += datetime.timedelta(days=1)
    return warnings


@dataclass
class CalendarRow:
    name: str
    cells: list[dict] = field(default_factory=list)


@dataclass
class UnitBlock:
    unit_name: str
    size: int
    rows: list[CalendarRow]
    crowded_days: set[datetime.date]


@dataclass
class MonthGrid:
    organisation: Organisation
    year: int
    month: int
    days: list[dict]
    units: list[UnitBlock]
    warnings: list[UnitWarning]


def calendar_offices(user) -> list[int]:
    return organisation_ids_with(user, VIEW_LEAVE)


def calendar_office_list(user):
    return Organisation.objects.filter(pk__in=calendar_offices(user)).order_by("path")


def calendar_units(user):
    """Units whose calendar the user may open: every unit of the offices they see whole, else their own."""
    wide = organisation_ids_with(user, VIEW_ALL_LEAVE)
    own = staff_of(user)
    return Unit.objects.filter(
        Q(organisation_id__in=wide) | Q(pk=own.unit_id if own and own.unit_id else None)
    ).order_by("organisation", "order", "name")


def team_calendar(user, *, organisation_id=None, year=None, month=None, unit_id=None) -> MonthGrid:
    """The month grid of one office: per unit, who is away on each day (approved or pending), the cuti
    bersama and other days off marked, and the days on which too much of a unit would be away.

    Office-wide viewers see every unit; anyone else sees their own unit."""
    offices = calendar_offices(user)
    if not offices:
        raise PermissionDenied(VIEW_LEAVE)
    own = staff_of(user)
    office_id = (
        organisation_id
        if organisation_id in offices
        else (own.organisation_id if own and own.organisation_id in offices else offices[0])
    )
    organisation = Organisation.objects.get(pk=office_id)
    today = organisation_today(organisation)
    year = year or today.year
    month = month or today.month
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, month_calendar.monthrange(year, month)[1])
    calendar = WorkCalendar(organisation)
    days = []
    day = first
    while day <= last:
        off = calendar.day_off(day)
        days.append(
            {
                "date": day,
                "working": calendar.is_working_day(day),
                "weekend": day.weekday() >= 5,
                "collective": off is not None and off.kind == "cuti_bersama",
                "label": off.description if off else "",
            }
        )
        day += datetime.timedelta(days=1)
    wide = organisation.pk in organisation_ids_with(user, VIEW_ALL_LEAVE)
    units = Unit.objects.filter(organisation=organisation).order_by("order", "name")
    if not wide:
        units = units.filter(pk=own.unit_id) if own and own.unit_id else units.none()
    if unit_id:
        units = units.filter(pk=unit_id)
    absences = away_between(organisation, first, last)
    warnings = crowding(organisation, first, last)
    sizes = unit_sizes(organisation)
    blocks = []
    for unit in units:
        people = Staff.objects.filter(organisation=organisation, unit=unit, is_active=True).order_by(
            "full_name"
        )
        rows = []
        for person in people:
            mine = [a for a in absences if a.staff_id == person.pk]
            cells = []
            for info in days:
                found = next((a for a in mine if a.start <= info["date"] <= a.end), None)
                cells.append({"absence": found, **info})
            rows.append(CalendarRow(person.full_name, cells))
        crowded = {w.day for w in warnings if w.unit_name == unit.name}
        blocks.append(UnitBlock(unit.name, sizes.get(unit.pk, 0), rows, crowded))
    visible_units = {b.unit_name for b in blocks}
    return MonthGrid(
        organisation, year, month, days, blocks, [w for w in warnings if w.unit_name in visible_units]
    )


def type_choices():
    return [(value, label) for value, label in LeaveType.choices if value != LeaveType.COLLECTIVE]
