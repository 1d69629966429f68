"""Working days: Monday to Friday, except national holidays, cuti bersama and the office's closures.

Semantics used everywhere in Lontar (Indonesian service standards count "5 hari kerja" from a
submission on day D as: the deadline is the 5th working day *after* D):

* ``add_working_days(start, n)`` — the n-th working day strictly after `start`; ``n == 0`` gives
  `start` itself (whatever kind of day it is). The start never counts, so a start on a weekend or a
  holiday changes nothing: a request received on Monday 31 March 2025 (Idul Fitri) with 1 working day
  is due on Tuesday 8 April 2025, the first working day after the Lebaran holidays and cuti bersama.
* ``working_days_between(start, end)`` — the number of working days in the half-open interval
  ``(start, end]``: `start` does not count, `end` does. So
  ``working_days_between(d, add_working_days(d, n)) == n`` for every d and n ≥ 0. When `end` is
  before `start` the result is negative (the same count, backwards).

"Today" is the office's own date (`organisation_today`: WIB, WITA or WIT): a deadline an office in
Jayapura sets at 23:30 WIB (01:30 WIT the next day) counts from that next day, as the office sees it.

The non-working days of a year are computed once per year per `WorkCalendar` (one query per year,
never one per day); national holidays from the `holidays` package are cached per process because
they only change with the package version. Reuse one `WorkCalendar` to compute many deadlines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core.workdays.models import CalendarDay, DayKind

WEEKEND = (5, 6)  # Saturday, Sunday
NATIONAL = "nasional"  # a holiday from the `holidays` package
KIND_LABELS = {NATIONAL: gettext_lazy("Libur nasional"), **dict(DayKind.choices)}
# When several reasons fall on one date, the listing names the most general one.
_PRIORITY = {NATIONAL: 0, DayKind.EXTRA_HOLIDAY: 1, DayKind.CUTI_BERSAMA: 2, DayKind.OFFICE_CLOSURE: 3}
# A safety net against a calendar made entirely of holidays by mistake.
_MAX_SCAN_DAYS = 366 * 5


@lru_cache(maxsize=64)
def national_holidays(year: int) -> dict[date, str]:
    """Indonesia's national holidays of `year` (Indonesian names), as the `holidays` package knows them."""
    return dict(holidays.country_holidays("ID", years=year, language="id"))


@dataclass(frozen=True)
class DayOff:
    date: date
    kind: str  # NATIONAL or a DayKind value
    description: str
    row_id: int | None = None

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass(frozen=True)
class YearCalendar:
    year: int
    days_off: dict[date, DayOff]
    overridden: frozenset[date]


def organisation_today(organisation=None) -> date:
    """Today in the office's time zone (WIB, WITA or WIT); the deployment's zone without an office."""
    if organisation is None:
        return timezone.localdate()
    return timezone.localdate(timezone=ZoneInfo(organisation.timezone))


class WorkCalendar:
    """The working-day calendar of one office (or of no office: national rules only)."""

    def __init__(self, organisation=None):
        self.organisation = organisation
        self._years: dict[int, YearCalendar] = {}

    def year(self, year: int) -> YearCalendar:
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._load(year)
        return cached

    def _load(self, year: int) -> YearCalendar:
        rows = list(CalendarDay.objects.for_year(year, self.organisation).order_by("date", "pk"))
        overridden = frozenset(row.date for row in rows if row.kind == DayKind.WORKING_DAY)
        days_off = {
            day: DayOff(day, NATIONAL, name)
            for day, name in national_holidays(year).items()
            if day not in overridden
        }
        for row in rows:
            if row.kind == DayKind.WORKING_DAY:
                continue
            current = days_off.get(row.date)
            if current is None or _PRIORITY[row.kind] < _PRIORITY[current.kind]:
                days_off[row.date] = DayOff(row.date, row.kind, row.description, row.pk)
        return YearCalendar(year, days_off, overridden)

    def day_off(self, day: date) -> DayOff | None:
        """Why `day` is not a working day (weekends aside), or None."""
        return self.year(day.year).days_off.get(day)

    def is_working_day(self, day: date) -> bool:
        if day.weekday() in WEEKEND:
            return False
        return day not in self.year(day.year).days_off

    def add_working_days(self, start: date, n: int) -> date:
        if n < 0:
            raise ValueError(_("Jumlah hari kerja tidak boleh negatif."))
        day = start
        remaining = n
        scanned = 0
        while remaining:
            day += timedelta(days=1)
            scanned += 1
            if scanned > _MAX_SCAN_DAYS + n * 7:
                raise RuntimeError("no working day found; check the calendar data")
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += timedelta(days=1)
        return count

    def days_off_in_year(self, year: int) -> list[DayOff]:
        """Every weekday-or-weekend day off of `year` except plain weekends, in date order."""
        return sorted(self.year(year).days_off.values(), key=lambda d: d.date)


def is_working_day(day: date, organisation=None) -> bool:
    return WorkCalendar(organisation).is_working_day(day)


def add_working_days(start: date, n: int, *, organisation=None) -> date:
    """The n-th working day after `start` (`start` itself does not count; n == 0 gives `start`)."""
    return WorkCalendar(organisation).add_working_days(start, n)


def working_days_between(start: date, end: date, *, organisation=None) -> int:
    """Working days in (start, end]: `start` excluded, `end` included; negative if end < start."""
    return WorkCalendar(organisation).working_days_between(start, end)
