"""Excused days: working days on which a person was not expected to check in.

The recap counts a working day without a record as "tanpa keterangan" unless some source excuses it.
Built in: days a supervisor marked the person out of the roster (`RosterExclusion`). Leave and duty
travel plug in here without this module knowing them, in either of two ways:

* register a provider once, from the module's `AppConfig.ready()`::

      from lontar.staff.attendance.excused import register_excused_days

      def approved_leave(organisation, staff_ids, start, end):
          return {staff_id: {day: "Cuti tahunan", ...}, ...}

      register_excused_days(approved_leave)

* or pass `excused=` (a provider of the same shape) to `selectors.recap.monthly_recap` for one call.

A provider answers `{staff_id: {date: label}}` for the people and the date range asked (both ends
included), in as few queries as it can; the recap asks once per month and office, never per day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

ExcusedDays = dict[int, dict[dt.date, str]]
ExcusedProvider = Callable[[object, list[int], dt.date, dt.date], ExcusedDays]

_providers: list[ExcusedProvider] = []


def register_excused_days(provider: ExcusedProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def roster_exclusions(organisation, staff_ids: list[int], start: dt.date, end: dt.date) -> ExcusedDays:
    from lontar.staff.attendance.models import RosterExclusion

    found: ExcusedDays = {}
    rows = RosterExclusion.objects.filter(staff_id__in=staff_ids, date__range=(start, end))
    for staff_id, day, reason in rows.values_list("staff_id", "date", "reason"):
        found.setdefault(staff_id, {})[day] = reason
    return found


def excused_days(
    organisation, staff_ids: list[int], start: dt.date, end: dt.date, extra: Iterable[ExcusedProvider] = ()
) -> ExcusedDays:
    """Every source's excused days merged (the first label found for a day wins)."""
    merged: ExcusedDays = {}
    for provider in (roster_exclusions, *_providers, *extra):
        for staff_id, days in provider(organisation, staff_ids, start, end).items():
            target = merged.setdefault(staff_id, {})
            for day, label in days.items():
                target.setdefault(day, label)
    return merged
