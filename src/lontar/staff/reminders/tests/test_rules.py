"""The date rules of the career agenda, with exact dates (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from lontar.staff.reminders.models import ReminderKind
from lontar.staff.reminders.selectors import (
    LeadTimes,
    add_months,
    add_years,
    is_top_rank,
    next_kgb,
    next_promotion,
    pension_tmt,
    promotion_period_on_or_after,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 1, 15), -13, D(2024, 12, 15)),
    ],
)
def test_months_are_added_inside_the_target_month(day, months, expected):
    assert add_months(day, months) == expected


def test_29_february_plus_years_is_28_february_in_a_common_year_and_29_in_a_leap_year():
    assert add_years(D(2024, 2, 29), 2) == D(2026, 2, 28)
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


def test_kgb_is_two_years_after_the_latest_recorded_kgb_even_when_that_is_past():
    assert next_kgb(latest_tmt=D(2025, 4, 1), service_start=D(2015, 5, 1), today=D(2026, 11, 24)) == D(
        2027, 4, 1
    )
    # Recorded KGB of 2024-04-01: the next (2026-04-01) was not recorded, so it is late, not skipped.
    assert next_kgb(latest_tmt=D(2024, 4, 1), service_start=None, today=D(2026, 11, 24)) == D(2026, 4, 1)


def test_without_kgb_history_the_clock_steps_by_two_years_from_the_start_of_service():
    # 2015-05-01 + 2, 4, ... years: 2025-05-01 is past on 2026-11-24, 2027-05-01 is the next.
    assert next_kgb(latest_tmt=None, service_start=D(2015, 5, 1), today=D(2026, 11, 24)) == D(2027, 5, 1)
    # A step falling on today is not past: due today.
    assert next_kgb(latest_tmt=None, service_start=D(2015, 5, 1), today=D(2027, 5, 1)) == D(2027, 5, 1)
    # A new appointee: the first KGB two years after the TMT.
    assert next_kgb(latest_tmt=None, service_start=D(2026, 3, 1), today=D(2026, 11, 24)) == D(2028, 3, 1)
    assert next_kgb(latest_tmt=None, service_start=None, today=D(2026, 11, 24)) is None


def test_kgb_steps_from_a_29_february_start_keep_29_february_in_leap_years():
    assert next_kgb(latest_tmt=None, service_start=D(2020, 2, 29), today=D(2026, 3, 1)) == D(2028, 2, 29)
    assert next_kgb(latest_tmt=None, service_start=D(2020, 2, 29), today=D(2026, 2, 1)) == D(2026, 2, 28)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 4, 1), D(2026, 4, 1)),
        (D(2026, 4, 2), D(2026, 10, 1)),
        (D(2026, 10, 1), D(2026, 10, 1)),
        (D(2026, 10, 2), D(2027, 4, 1)),
        (D(2026, 1, 1), D(2026, 4, 1)),
        (D(2026, 12, 31), D(2027, 4, 1)),
    ],
)
def test_promotions_take_effect_on_1_april_or_1_october(day, expected):
    assert promotion_period_on_or_after(day) == expected


def test_regular_promotion_is_the_first_period_on_or_after_four_years_in_rank():
    assert next_promotion(latest_tmt=D(2022, 4, 1), latest_rank="III/b Penata Muda Tingkat I") == D(
        2026, 4, 1
    )
    assert next_promotion(latest_tmt=D(2022, 5, 1), latest_rank="III/b Penata Muda Tingkat I") == D(
        2026, 10, 1
    )
    assert next_promotion(latest_tmt=D(2022, 10, 2), latest_rank="III/b") == D(2027, 4, 1)
    assert next_promotion(latest_tmt=D(2024, 2, 29), latest_rank="II/a") == D(2028, 4, 1)


def test_no_promotion_at_the_top_rank_nor_without_rank_history():
    assert is_top_rank("IV/e Pembina Utama") and is_top_rank("iv/e")
    assert not is_top_rank("IV/d Pembina Utama Madya")
    assert next_promotion(latest_tmt=D(2020, 4, 1), latest_rank="IV/e Pembina Utama") is None
    assert next_promotion(latest_tmt=None, latest_rank="") is None


@pytest.mark.parametrize(
    ("born", "bup", "expected"),
    [
        (D(1968, 5, 12), 58, D(2026, 6, 1)),
        (D(1968, 5, 1), 58, D(2026, 6, 1)),
        (D(1968, 5, 31), 58, D(2026, 6, 1)),
        (D(1966, 12, 31), 60, D(2027, 1, 1)),
        (D(1962, 7, 17), 65, D(2027, 8, 1)),
        # Born 29 February: the birthday month is February in every year, leap or not.
        (D(1968, 2, 29), 58, D(2026, 3, 1)),
        (D(1968, 2, 29), 60, D(2028, 3, 1)),
    ],
)
def test_pension_tmt_is_the_first_of_the_month_after_the_birthday_at_bup(born, bup, expected):
    assert pension_tmt(birth_date=born, retirement_age=bup) == expected


def test_lead_times_count_days_and_for_retirement_months():
    leads = LeadTimes()
    assert leads.ahead_from(ReminderKind.KGB, D(2027, 4, 1)) == D(2027, 1, 31)
    assert leads.ahead_from(ReminderKind.PROMOTION, D(2027, 4, 1)) == D(2027, 1, 1)
    assert leads.ahead_from(ReminderKind.DOCUMENT, D(2027, 4, 1)) == D(2027, 3, 2)
    assert leads.ahead_from(ReminderKind.RETIREMENT, D(2027, 4, 1)) == D(2026, 4, 1)
    assert LeadTimes(retirement_months=6).ahead_from(ReminderKind.RETIREMENT, D(2027, 3, 1)) == D(2026, 9, 1)
