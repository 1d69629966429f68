"""The annual-leave ledger on exact numbers (PP 11/2017 art. 310-313; decision 0020)."""

from __future__ import annotations

from lontar.staff.leave.ledger import Opening, YearInput, compute


def by_year(statements):
    return {s.year: s for s in statements}


def test_one_unused_year_gives_18_days_the_next_year():
    years = by_year(compute([YearInput(2025, 12), YearInput(2026, 12)]))
    assert years[2025].remaining == 12
    assert (years[2026].entitlement, years[2026].carried_previous, years[2026].available) == (12, 6, 18)
    assert years[2025].lapsed_at_end == 6


def test_two_unused_years_give_24_days_and_never_more():
    years = by_year(compute([YearInput(y, 12) for y in (2025, 2026, 2027, 2028)]))
    assert years[2027].available == 24
    assert (years[2027].carried_previous, years[2027].carried_before_previous) == (6, 6)
    assert years[2028].available == 24


def test_a_partly_used_year_carries_what_is_left_up_to_6():
    years = by_year(compute([YearInput(2025, 12, used=8), YearInput(2026, 12)]))
    assert years[2025].remaining == 4
    assert years[2026].available == 16
    years = by_year(compute([YearInput(2025, 12, used=3), YearInput(2026, 12)]))
    assert years[2026].available == 18  # 9 left, capped at 6


def test_usage_takes_the_oldest_bucket_first_and_a_bucket_lapses_after_two_years():
    years = by_year(
        compute([YearInput(2025, 12), YearInput(2026, 12), YearInput(2027, 12, used=2), YearInput(2028, 12)])
    )
    # 2027: 6 (from 2025) + 6 (from 2026) + 12; the 2 days come out of the 2025 bucket, which then lapses.
    assert years[2027].buckets == {2025: 4, 2026: 6, 2027: 12}
    assert years[2027].remaining == 22
    assert years[2027].lapsed_at_end == 4 + 6
    assert (years[2028].carried_before_previous, years[2028].carried_previous, years[2028].available) == (
        6,
        6,
        24,
    )


def test_days_of_a_bucket_used_in_its_second_year_do_not_come_back():
    years = by_year(compute([YearInput(2025, 12), YearInput(2026, 12, used=10), YearInput(2027, 12)]))
    # 2026 had 6 + 12; 10 taken oldest first: 6 from 2025, 4 from 2026 -> 8 left, carried as 6.
    assert years[2026].remaining == 8
    assert (years[2027].carried_before_previous, years[2027].carried_previous, years[2027].available) == (
        0,
        6,
        18,
    )


def test_cuti_bersama_is_deducted_from_the_annual_balance():
    years = by_year(compute([YearInput(2026, 12, collective=8)]))
    assert (years[2026].collective_taken, years[2026].remaining) == (8, 4)


def test_cuti_bersama_never_drives_the_balance_below_zero():
    years = by_year(compute([YearInput(2026, 12, collective=8, used=10)]))
    assert (years[2026].collective_taken, years[2026].remaining) == (2, 0)


def test_first_year_of_service_has_no_annual_leave_and_cuti_bersama_takes_nothing():
    years = by_year(compute([YearInput(2025, 0, collective=7), YearInput(2026, 12, collective=8)]))
    assert (years[2025].available, years[2025].collective_taken, years[2025].remaining) == (0, 0, 0)
    assert years[2026].available == 12 and years[2026].remaining == 4


def test_a_year_of_cuti_besar_has_no_annual_entitlement():
    years = by_year(
        compute([YearInput(2025, 12), YearInput(2026, 12, long_service=True), YearInput(2027, 12)])
    )
    assert (years[2026].entitlement, years[2026].available) == (0, 6)
    # 2027: its own 12, nothing from 2026, and the 2025 bucket's 6 in its last year.
    assert years[2027].available == 18


def test_annual_leave_taken_before_cuti_besar_in_the_same_year_is_counted_against_the_cuti_besar():
    years = by_year(compute([YearInput(2026, 12, used=5, long_service=True)]))
    assert (years[2026].absorbed_by_long_service, years[2026].remaining) == (5, 0)


def test_deferred_days_carry_in_full_beyond_the_cap():
    years = by_year(compute([YearInput(2025, 12, deferred=4), YearInput(2026, 12)]))
    assert (years[2026].carried_previous, years[2026].deferred_in, years[2026].available) == (6, 4, 22)
    assert years[2025].lapsed_at_end == 2


def test_deferred_days_never_take_the_total_beyond_24():
    opening = Opening(2025, remaining_previous=6, remaining_before_previous=6)
    years = by_year(compute([YearInput(2025, 12, deferred=12), YearInput(2026, 12)], opening))
    assert years[2025].available == 24
    assert years[2026].available == 24 and years[2026].deferred_in == 0
    assert years[2025].lapsed_at_end == 12


def test_an_opening_balance_replaces_the_years_before_lontar():
    opening = Opening(2026, remaining_previous=4, remaining_before_previous=2)
    years = by_year(compute([YearInput(2026, 12, collective=8), YearInput(2027, 12)], opening))
    assert (years[2026].carried_previous, years[2026].carried_before_previous, years[2026].available) == (
        4,
        2,
        18,
    )
    # 8 days of cuti bersama: 2 from the N-2 bucket, 4 from N-1, 2 from 2026's own -> 10 left of 2026.
    assert years[2026].buckets == {2024: 0, 2025: 0, 2026: 10}
    assert years[2027].available == 18


def test_across_2025_2026_2027_with_leave_and_cuti_bersama():
    years = by_year(
        compute(
            [
                YearInput(2025, 12, used=5, collective=7),  # 12 - 5 - 0 (7 bersama would leave 0) ...
                YearInput(2026, 12, used=3, collective=8),
                YearInput(2027, 12),
            ]
        )
    )
    assert (years[2025].collective_taken, years[2025].remaining) == (7, 0)
    assert (years[2026].available, years[2026].remaining) == (12, 1)
    assert years[2027].available == 13
