"""The roster algorithm: who works in the office (WFO) and who from home (WFH) on each working day.

Pure (no database), deterministic, and small enough to prove with property tests
(`tests/test_planner_properties.py`).

Inputs: the unit's people in a fixed order (by staff id), the working days of the period in date
order, who is available on each day (people marked out of the roster — leave, duty travel — are
not), the quota in percent, and the days already fixed (past days, which regeneration never changes).

For each day that is not fixed, in date order:

1. `required = ceil(quota * available people)` (integer arithmetic, so never fewer).
2. The available people are ordered by
   (a) WFO days so far in the period — fewest first (fixed days count too);
   (b) the last day they were in the office — longest ago first (never = first);
   (c) their place in the unit's list rotated by the day's index — so ties rotate instead of always
       favouring the same person.
3. The first `required` work in the office, the rest from home.

Exactly `required` people are placed in the office, so every day meets the quota. Because each day
takes those with the fewest WFO days, the WFO counts of people available on every day never differ
by more than one at any point of the period (if they are all within {m, m+1}, taking the lowest
keeps them within one step; proven by the property tests for any size, quota and calendar).
Absences (exclusions) and hand edits of fixed days can open a larger gap; the rule then closes it
as fast as the quota allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

WFO = "wfo"
WFH = "wfh"


def required_in_office(percent: int, people: int) -> int:
    """ceil(percent% * people), in integers: 50% of 3 people is 2, never 1."""
    return (percent * people + 99) // 100


@dataclass(frozen=True)
class Plan:
    days: dict[dt.date, dict[int, str]]  # day -> person -> mode, for every day given (fixed ones too)

    def office_days(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for cells in self.days.values():
            for person, mode in cells.items():
                counts[person] = counts.get(person, 0) + (mode == WFO)
        return counts


def plan_roster(
    *,
    people: Sequence[int],
    days: Sequence[dt.date],
    quota_percent: int,
    unavailable: Mapping[dt.date, Iterable[int]] | None = None,
    fixed: Mapping[dt.date, Mapping[int, str]] | None = None,
) -> Plan:
    """WFO/WFH for each person available on each day of `days` (see the module's docstring)."""
    if not 0 <= quota_percent <= 100:
        raise ValueError("quota_percent must be within 0..100")
    unavailable = unavailable or {}
    fixed = fixed or {}
    order = {person: index for index, person in enumerate(people)}
    size = max(len(people), 1)
    office_count = dict.fromkeys(people, 0)
    last_office = dict.fromkeys(people, -1)
    result: dict[dt.date, dict[int, str]] = {}
    for index, day in enumerate(sorted(days)):
        if day in fixed:
            cells = {person: mode for person, mode in fixed[day].items() if person in order}
        else:
            away = set(unavailable.get(day, ()))
            available = [person for person in people if person not in away]
            required = required_in_office(quota_percent, len(available))
            ranked = sorted(
                available,
                key=lambda p: (office_count[p], last_office[p], (order[p] - index) % size),
            )
            in_office = set(ranked[:required])
            cells = {person: (WFO if person in in_office else WFH) for person in available}
        for person, mode in cells.items():
            if mode == WFO:
                office_count[person] += 1
                last_office[person] = index
        result[day] = cells
    return Plan(result)
