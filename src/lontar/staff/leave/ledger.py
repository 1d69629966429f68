"""The annual-leave ledger: yearly buckets of 12 working days, carried over, deducted and lapsed by the
rules of PP 11/2017 art. 310-313 (decision 0020).

* Each year of eligibility opens a bucket of 12 working days (0 before the first full year of service
  and in a year in which cuti besar is taken).
* What a bucket has left at the end of its year carries into the next year, capped at 6 days, and into
  the year after at most those 6 again; then it lapses. So at most 18 days are available after one
  unused year and 24 after two.
* Leave taken and cuti bersama days consume the oldest bucket first. Cuti bersama never drives the
  balance below zero: only what is left after the leave taken is deducted.
* Days the official deferred (ditangguhkan) in a year carry into the next year in full, beyond the
  6-day cap, as long as the next year's total stays within 24.
* Years before the office started keeping leave in Lontar come in as an opening balance (the days left
  of N-1 and N-2 at the start of a year, from the paper card), which replaces the computed carry.

`compute` is pure (a list of yearly inputs in, a list of yearly statements out), so the rules are
tested on exact numbers; `statement_for` gathers the inputs of one staff member from the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Sum

from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.core.workdays.models import DayKind
from lontar.staff import facts
from lontar.staff.leave.models import LeaveRequest, LeaveSettings, LeaveStatus, LeaveType, OpeningBalance
from lontar.staff.leave.rules import ANNUAL_DAYS, CARRY_CAP, MAX_AVAILABLE, add_months


@dataclass(frozen=True)
class YearInput:
    year: int
    entitlement: int  # 12, or 0 without eligibility or in a year of cuti besar
    collective: int = 0  # cuti bersama working days set for the year
    used: int = 0  # annual leave taken (approved) in the year, in working days
    deferred: int = 0  # annual leave the official deferred in the year
    long_service: bool = False  # cuti besar taken in the year: no annual leave


@dataclass(frozen=True)
class Opening:
    year: int
    remaining_previous: int  # sisa N-1
    remaining_before_previous: int  # sisa N-2


@dataclass
class YearStatement:
    year: int
    entitlement: int  # hak
    carried_previous: int  # sisa N-1 brought into the year
    carried_before_previous: int  # sisa N-2 brought into the year
    deferred_in: int  # days deferred last year, carried beyond the cap
    collective_set: int  # cuti bersama days of the year
    collective_taken: int  # cuti bersama actually deducted (never below zero)
    used: int  # diambil
    absorbed_by_long_service: int  # annual leave of a cuti besar year, counted against the cuti besar
    remaining: int  # sisa
    lapsed_at_end: int = 0
    buckets: dict[int, int] = field(default_factory=dict)
    long_service: bool = False
    opening: bool = False

    @property
    def available(self) -> int:
        return self.entitlement + self.carried_previous + self.carried_before_previous + self.deferred_in

    @property
    def spendable(self) -> int:
        """What leave may still take this year: the cuti bersama of the whole year is set aside first,
        so a request can never spend the days a later cuti bersama will take (negative: overspent)."""
        counted = self.used - self.absorbed_by_long_service
        return self.available - min(self.collective_set, self.available) - counted


def _consume(buckets: dict[int, int], days: int) -> int:
    """Take `days` from the oldest bucket first; returns what could not be taken."""
    for origin in sorted(buckets):
        take = min(buckets[origin], days)
        buckets[origin] -= take
        days -= take
        if not days:
            break
    return days


def compute(years: list[YearInput], opening: Opening | None = None) -> list[YearStatement]:
    """Statements for consecutive `years` (oldest first). `opening`, when given, is for the first year."""
    statements: list[YearStatement] = []
    buckets: dict[int, int] = {}
    previous_deferred = 0
    for index, item in enumerate(years):
        year = item.year
        entitlement = 0 if item.long_service else item.entitlement
        deferred_in = 0
        if index == 0:
            if opening is not None and opening.year == year:
                buckets = {
                    year - 1: min(opening.remaining_previous, CARRY_CAP),
                    year - 2: min(opening.remaining_before_previous, CARRY_CAP),
                }
        else:
            carried = {o: min(a, CARRY_CAP) for o, a in buckets.items() if 1 <= year - o <= 2}
            lapsed = sum(buckets.values()) - sum(carried.values())
            room = max(0, MAX_AVAILABLE - entitlement - sum(carried.values()))
            deferred_in = min(previous_deferred, lapsed, room)
            if deferred_in:
                carried[year - 1] = carried.get(year - 1, 0) + deferred_in
            statements[-1].lapsed_at_end = lapsed - deferred_in
            buckets = carried
        buckets[year] = entitlement
        previous = buckets.get(year - 1, 0) - deferred_in
        before_previous = buckets.get(year - 2, 0)
        used = 0 if item.long_service else item.used
        unpaid = _consume(buckets, used)
        collective = min(item.collective, sum(buckets.values()))
        _consume(buckets, collective)
        statements.append(
            YearStatement(
                year=year,
                entitlement=entitlement,
                carried_previous=previous,
                carried_before_previous=before_previous,
                deferred_in=deferred_in,
                collective_set=item.collective,
                collective_taken=collective,
                used=item.used,
                absorbed_by_long_service=item.used if item.long_service else 0,
                remaining=sum(buckets.values()) - unpaid,
                buckets=dict(buckets),
                long_service=item.long_service,
                opening=index == 0 and opening is not None and opening.year == year,
            )
        )
        previous_deferred = min(item.deferred, sum(buckets.values()))
    return statements


# --- from the database ------------------------------------------------------------------------------


def settings_of(organisation) -> LeaveSettings:
    """The office's leave settings (defaults until the office admin saves them)."""
    found = LeaveSettings.objects.filter(organisation=organisation).first()
    return found or LeaveSettings(
        organisation=organisation, ledger_start_year=organisation_today(organisation).year
    )


def first_eligible_day(staff) -> datetime.date | None:
    began = facts.service_start(staff)
    return None if began is None else add_months(began, 12)


def collective_days(calendar: WorkCalendar, year: int) -> list[datetime.date]:
    """The cuti bersama days of `year` that fall on a weekday (a weekend one takes nothing)."""
    return [
        day.date
        for day in calendar.days_off_in_year(year)
        if day.kind == DayKind.CUTI_BERSAMA and day.date.weekday() < 5
    ]


def _sums(staff, statuses, leave_type=LeaveType.ANNUAL, exclude_pk=None) -> dict[int, int]:
    rows = LeaveRequest.objects.filter(staff=staff, leave_type=leave_type, status__in=statuses)
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    totals: dict[int, int] = {}
    for start, days in rows.values_list("start_date", "working_days"):
        totals[start.year] = totals.get(start.year, 0) + days
    return totals


def _long_service_years(staff, statuses) -> set[int]:
    return {
        start.year
        for start in LeaveRequest.objects.filter(
            staff=staff, leave_type=LeaveType.LONG_SERVICE, status__in=statuses
        ).values_list("start_date", flat=True)
    }


@dataclass
class Ledger:
    staff: object
    start_year: int
    statements: list[YearStatement]
    pending: dict[int, int]

    def year(self, year: int) -> YearStatement | None:
        return next((s for s in self.statements if s.year == year), None)

    def remaining(self, year: int) -> int:
        found = self.year(year)
        return found.remaining if found else 0

    def spendable(self, year: int) -> int:
        found = self.year(year)
        return found.spendable if found else 0

    def free(self, year: int) -> int:
        """What a new request may still spend in `year`: the balance (cuti bersama of the year set
        aside) less the pending requests."""
        return max(0, self.spendable(year) - self.pending.get(year, 0))


def ledger_for(
    staff,
    *,
    through_year: int | None = None,
    include_pending: bool = False,
    extra: tuple[int, int] | None = None,
    exclude_pk: int | None = None,
    calendar: WorkCalendar | None = None,
) -> Ledger:
    """The ledger of `staff` up to `through_year` (default: this year in the office).

    `include_pending` counts pending requests as taken (to judge a new request against what is really
    free); `extra` = (year, days) adds a request under judgement; `exclude_pk` leaves one out (the
    request being decided, so it is not counted twice)."""
    organisation = staff.organisation
    calendar = calendar or WorkCalendar(organisation)
    today = organisation_today(organisation)
    through_year = through_year or today.year
    opening_row = OpeningBalance.objects.filter(staff=staff, year__lte=through_year).order_by("-year").first()
    eligible = first_eligible_day(staff)
    if opening_row is not None:
        start_year = opening_row.year
    else:
        start_year = settings_of(organisation).ledger_start_year
        began = facts.service_start(staff)
        if began is not None:
            start_year = max(start_year, began.year)
    statuses = [LeaveStatus.APPROVED]
    if include_pending:
        statuses += [LeaveStatus.SUBMITTED, LeaveStatus.AWAITING_DECISION]
    used = _sums(staff, statuses, exclude_pk=exclude_pk)
    if extra is not None:
        used[extra[0]] = used.get(extra[0], 0) + extra[1]
    deferred = _sums(staff, [LeaveStatus.DEFERRED], exclude_pk=exclude_pk)
    long_years = _long_service_years(staff, statuses)
    pending = (
        {}
        if include_pending
        else _sums(staff, [LeaveStatus.SUBMITTED, LeaveStatus.AWAITING_DECISION], exclude_pk=exclude_pk)
    )
    inputs = [
        YearInput(
            year=year,
            entitlement=ANNUAL_DAYS if eligible is not None and eligible.year <= year else 0,
            collective=len(collective_days(calendar, year)),
            used=used.get(year, 0),
            deferred=deferred.get(year, 0),
            long_service=year in long_years,
        )
        for year in range(start_year, max(through_year, start_year) + 1)
    ]
    opening = (
        Opening(opening_row.year, opening_row.remaining_previous, opening_row.remaining_before_previous)
        if opening_row is not None
        else None
    )
    return Ledger(staff, start_year, compute(inputs, opening), pending)


def annual_days_in(staff, year: int, statuses) -> int:
    return (
        LeaveRequest.objects.filter(
            staff=staff, leave_type=LeaveType.ANNUAL, status__in=statuses, start_date__year=year
        ).aggregate(total=Sum("working_days"))["total"]
        or 0
    )
