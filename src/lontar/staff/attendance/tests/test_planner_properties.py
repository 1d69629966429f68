"""Property tests of the roster algorithm (planner.py): for any unit size, quota and calendar, every
working day meets the quota, the load is fair, nobody absent gets a cell, and the result is deterministic."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.staff.attendance.planner import WFH, WFO, plan_roster, required_in_office

START = dt.date(2026, 1, 5)  # a Monday


@st.composite
def calendars(draw):
    """Working days of 1-8 whole weeks: weekdays minus a random set of holidays."""
    weeks = draw(st.integers(1, 8))
    weekdays = [
        START + dt.timedelta(days=i) for i in range(7 * weeks) if (START + dt.timedelta(days=i)).weekday() < 5
    ]
    holidays = draw(st.sets(st.sampled_from(weekdays), max_size=len(weekdays) // 3))
    return [day for day in weekdays if day not in holidays]


people_counts = st.integers(1, 25)
quotas = st.integers(0, 100)


def test_required_is_the_ceiling_and_never_fewer():
    assert required_in_office(50, 3) == 2
    assert required_in_office(50, 4) == 2
    assert required_in_office(100, 7) == 7
    assert required_in_office(0, 7) == 0
    assert required_in_office(33, 3) == 1
    assert required_in_office(34, 3) == 2
    for percent in range(101):
        for people in range(40):
            need = required_in_office(percent, people)
            assert need * 100 >= percent * people > (need - 1) * 100 or need == 0


@settings(max_examples=300, deadline=None)
@given(size=people_counts, quota=quotas, days=calendars())
def test_every_working_day_meets_the_quota_and_load_differs_by_at_most_one(size, quota, days):
    people = list(range(100, 100 + size))
    plan = plan_roster(people=people, days=days, quota_percent=quota)
    assert set(plan.days) == set(days), "a cell on every working day given, and on no other day"
    for cells in plan.days.values():
        assert set(cells) == set(people)
        assert set(cells.values()) <= {WFO, WFH}
        assert sum(mode == WFO for mode in cells.values()) == required_in_office(quota, size)
    counts = plan.office_days()
    assert max(counts.values()) - min(counts.values()) <= 1
    # The bound holds at every point of the period, not only at its end.
    running = dict.fromkeys(people, 0)
    for day in sorted(days):
        for person, mode in plan.days[day].items():
            running[person] += mode == WFO
        assert max(running.values()) - min(running.values()) <= 1


@settings(max_examples=200, deadline=None)
@given(size=st.integers(2, 15), quota=st.integers(1, 99), days=calendars(), data=st.data())
def test_absent_people_get_no_cell_and_the_quota_counts_only_those_present(size, quota, days, data):
    people = list(range(size))
    unavailable = {
        day: data.draw(st.sets(st.sampled_from(people), max_size=size), label=f"away {day}")
        for day in days[:10]
    }
    plan = plan_roster(people=people, days=days, quota_percent=quota, unavailable=unavailable)
    for day, cells in plan.days.items():
        away = unavailable.get(day, set())
        assert set(cells) == set(people) - away
        assert sum(mode == WFO for mode in cells.values()) == required_in_office(quota, len(cells))


@settings(max_examples=100, deadline=None)
@given(size=st.integers(1, 12), quota=quotas, days=calendars())
def test_the_plan_is_deterministic(size, quota, days):
    people = list(range(size))
    first = plan_roster(people=people, days=days, quota_percent=quota)
    assert plan_roster(people=people, days=list(reversed(days)), quota_percent=quota) == first


@settings(max_examples=100, deadline=None)
@given(size=st.integers(2, 12), quota=st.integers(1, 99), days=calendars(), data=st.data())
def test_fixed_days_are_kept_and_count_towards_fairness(size, quota, days, data):
    people = list(range(size))
    cut = data.draw(st.integers(0, len(days)))
    earlier = plan_roster(people=people, days=days[:cut], quota_percent=quota)
    plan = plan_roster(people=people, days=days, quota_percent=quota, fixed=earlier.days)
    for day in days[:cut]:
        assert plan.days[day] == earlier.days[day]
    # Continuing from a fair prefix stays fair: the same as planning the whole period at once.
    counts = plan.office_days()
    assert max(counts.values()) - min(counts.values()) <= 1


def test_office_days_rotate_instead_of_always_taking_the_same_people():
    plan = plan_roster(
        people=[1, 2, 3, 4], days=[START + dt.timedelta(days=i) for i in range(5)], quota_percent=50
    )
    in_office = [sorted(p for p, m in plan.days[day].items() if m == WFO) for day in sorted(plan.days)]
    assert in_office[0] != in_office[1], "the second day takes those who were at home on the first"
    assert set(in_office[0]) | set(in_office[1]) == {1, 2, 3, 4}
