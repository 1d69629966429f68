"""Working days across Idul Fitri, year ends, cuti bersama and office closures."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lontar.core.models import AuditEvent, CalendarDay, Role
from lontar.core.workdays import services
from lontar.core.workdays.calendar import (
    WorkCalendar,
    add_working_days,
    is_working_day,
    national_holidays,
    organisation_today,
    working_days_between,
)
from lontar.core.workdays.models import DayKind


@pytest.fixture
def cuti_bersama(db):
    services.load_cuti_bersama(actor=None)


@pytest.fixture
def city_admin(city, make_member):
    return make_member(city, Role.CITY_ADMIN)


def test_holidays_package_knows_idul_fitri_2026_on_the_weekend_of_21_22_march():
    # SKB 1497/2025, 2/2025, 5/2025: Idul Fitri 1447 H on Saturday and Sunday, 21 and 22 March 2026;
    # Friday 20 March is cuti bersama, not the holiday itself.
    days = national_holidays(2026)
    assert "Idul Fitri" in days[date(2026, 3, 21)]
    assert "Idul Fitri" in days[date(2026, 3, 22)]
    assert date(2026, 3, 20) not in days
    assert date(2026, 3, 19) in days  # Nyepi


def test_holidays_package_knows_idul_fitri_2025_on_31_march_and_1_april():
    days = national_holidays(2025)
    assert days[date(2025, 3, 31)] == "Hari Raya Idul Fitri"
    assert days[date(2025, 4, 1)] == "Hari kedua dari Hari Raya Idul Fitri"
    assert days[date(2025, 3, 29)] == "Hari Suci Nyepi"


@pytest.mark.parametrize("year", [2025, 2026])
def test_seeded_cuti_bersama_agree_with_the_government_days_of_the_holidays_package(year):
    import holidays

    from lontar.core.workdays.data import CUTI_BERSAMA

    government = holidays.country_holidays("ID", years=year, categories=("government",))
    assert [day for day, _name in CUTI_BERSAMA[year]] == sorted(government)


def test_no_cuti_bersama_is_seeded_for_a_year_whose_decree_was_not_checked():
    from lontar.core.workdays.data import CUTI_BERSAMA

    assert sorted(CUTI_BERSAMA) == [2025, 2026]


@pytest.mark.django_db
def test_weekends_and_national_holidays_are_not_working_days():
    assert is_working_day(date(2026, 11, 2))  # Monday
    assert not is_working_day(date(2026, 11, 7))  # Saturday
    assert not is_working_day(date(2026, 11, 8))  # Sunday
    assert not is_working_day(date(2026, 8, 17))  # Hari Kemerdekaan, a Monday
    assert not is_working_day(date(2026, 1, 1))


@pytest.mark.django_db
def test_start_day_does_not_count_and_zero_days_is_the_start_itself():
    friday = date(2026, 11, 6)
    assert add_working_days(friday, 0) == friday
    assert add_working_days(friday, 1) == date(2026, 11, 9)  # the Monday after
    assert add_working_days(date(2026, 11, 7), 1) == date(2026, 11, 9)  # submitted on a Saturday
    assert working_days_between(friday, date(2026, 11, 9)) == 1
    assert working_days_between(friday, friday) == 0
    assert working_days_between(date(2026, 11, 9), friday) == -1


@pytest.mark.django_db
def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 2), -1)


@pytest.mark.django_db
def test_five_working_days_across_idul_fitri_2026_skip_the_cuti_bersama(cuti_bersama):
    # Monday 16 March: Tue 17 counts, then 18 (cuti), 19 (Nyepi), 20 (cuti), 21-22 (Idul Fitri),
    # 23-24 (cuti) are off; 25, 26, 27 and Monday 30 complete the five days.
    assert add_working_days(date(2026, 3, 16), 5) == date(2026, 3, 30)
    assert working_days_between(date(2026, 3, 17), date(2026, 3, 24)) == 0
    for day in (18, 20, 23, 24):
        assert not is_working_day(date(2026, 3, day))


@pytest.mark.django_db
def test_three_working_days_across_idul_fitri_2025_skip_nyepi_lebaran_and_cuti_bersama(cuti_bersama):
    # Thursday 27 March: 28 (cuti Nyepi), 29 (Nyepi), 31 March-1 April (Idul Fitri), 2-4 and 7 April
    # (cuti bersama) are off; Tuesday 8, Wednesday 9 and Thursday 10 April are the three days.
    assert add_working_days(date(2025, 3, 27), 3) == date(2025, 4, 10)
    assert working_days_between(date(2025, 3, 27), date(2025, 4, 7)) == 0
    assert working_days_between(date(2025, 3, 27), date(2025, 4, 10)) == 3
    for day in (date(2025, 3, 28), date(2025, 3, 31), date(2025, 4, 1), date(2025, 4, 2), date(2025, 4, 7)):
        assert not is_working_day(day)


@pytest.mark.django_db
def test_a_start_on_a_holiday_does_not_count_either(cuti_bersama):
    idul_fitri = date(2025, 3, 31)
    assert add_working_days(idul_fitri, 0) == idul_fitri
    assert add_working_days(idul_fitri, 1) == date(2025, 4, 8)
    assert working_days_between(idul_fitri, date(2025, 4, 8)) == 1
    assert add_working_days(date(2025, 4, 5), 1) == date(2025, 4, 8)  # a Saturday among the cuti


@pytest.mark.django_db
def test_deadline_crosses_the_2025_year_end_over_christmas_its_cuti_bersama_and_new_year(cuti_bersama):
    # 25 Dec (Natal), 26 Dec (cuti bersama), the weekend and 1 Jan 2026 are off.
    assert add_working_days(date(2025, 12, 24), 2) == date(2025, 12, 30)
    assert add_working_days(date(2025, 12, 24), 4) == date(2026, 1, 2)
    assert working_days_between(date(2025, 12, 24), date(2026, 1, 2)) == 4
    assert not is_working_day(date(2025, 12, 26))


@pytest.mark.django_db
def test_without_cuti_bersama_only_the_national_holidays_are_skipped():
    assert add_working_days(date(2026, 3, 16), 5) == date(2026, 3, 24)


@pytest.mark.django_db
def test_deadline_crosses_the_year_end_over_christmas_and_new_year(cuti_bersama):
    # 24 Dec (cuti bersama), 25 Dec (Natal) and 1 Jan 2027 are off.
    assert add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)
    assert working_days_between(date(2026, 12, 23), date(2027, 1, 4)) == 5
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


@pytest.mark.django_db
def test_deadline_over_a_year_end_needs_one_query_per_year(cuti_bersama, district, django_assert_num_queries):
    with django_assert_num_queries(2):
        # December gives 20 working days (24 and 25 Dec off); January 2027 loses the 1st and
        # Isra Mikraj on Tuesday the 5th, so the 30th working day is Monday 18 January.
        assert add_working_days(date(2026, 12, 1), 30, organisation=district) == date(2027, 1, 18)


@pytest.mark.django_db
def test_one_calendar_answers_many_deadlines_from_one_query(cuti_bersama, django_assert_num_queries):
    calendar = WorkCalendar()
    with django_assert_num_queries(1):
        for start in range(1, 200):
            calendar.add_working_days(date(2026, 1, 1) + timedelta(days=start % 150), 3)


@pytest.mark.django_db
def test_office_closure_affects_only_its_own_office(district, other_district, org_admin):
    services.add_day(
        actor=org_admin,
        day=date(2026, 11, 4),
        kind=DayKind.OFFICE_CLOSURE,
        description="Hari jadi kecamatan",
        organisation=district,
    )
    assert add_working_days(date(2026, 11, 2), 2, organisation=district) == date(2026, 11, 5)
    assert add_working_days(date(2026, 11, 2), 2, organisation=other_district) == date(2026, 11, 4)
    assert add_working_days(date(2026, 11, 2), 2) == date(2026, 11, 4)
    assert not is_working_day(date(2026, 11, 4), district)


@pytest.mark.django_db
def test_a_cancelled_national_holiday_becomes_a_working_day(city_admin):
    isra_mikraj = date(2026, 1, 16)
    assert not is_working_day(isra_mikraj)
    services.add_day(
        actor=city_admin,
        day=isra_mikraj,
        kind=DayKind.WORKING_DAY,
        description="Libur dipindah (SKB perubahan)",
    )
    services.add_day(
        actor=city_admin,
        day=date(2026, 1, 19),
        kind=DayKind.EXTRA_HOLIDAY,
        description="Pengganti Isra Mikraj",
    )
    assert is_working_day(isra_mikraj)
    assert not is_working_day(date(2026, 1, 19))
    listed = {d.date: d.kind for d in WorkCalendar().days_off_in_year(2026)}
    assert isra_mikraj not in listed and listed[date(2026, 1, 19)] == DayKind.EXTRA_HOLIDAY


@pytest.mark.django_db
def test_year_listing_names_each_kind_of_day_off(cuti_bersama, district, org_admin):
    services.add_day(
        actor=org_admin,
        day=date(2026, 7, 7),
        kind=DayKind.OFFICE_CLOSURE,
        description="Banjir",
        organisation=district,
    )
    days = {d.date: d for d in WorkCalendar(district).days_off_in_year(2026)}
    assert days[date(2026, 3, 21)].kind_label == "Libur nasional"
    assert days[date(2026, 3, 23)].kind_label == "Cuti bersama"
    assert days[date(2026, 7, 7)].kind_label == "Kantor tutup"
    assert len([d for d in days.values() if d.kind == DayKind.CUTI_BERSAMA]) == 8


@pytest.mark.django_db
def test_loading_cuti_bersama_twice_adds_nothing_the_second_time(capsys):
    call_command("load_cuti_bersama")
    first = CalendarDay.objects.filter(kind=DayKind.CUTI_BERSAMA).count()
    call_command("load_cuti_bersama")
    assert CalendarDay.objects.filter(kind=DayKind.CUTI_BERSAMA).count() == first
    assert CalendarDay.objects.filter(kind=DayKind.CUTI_BERSAMA, date__year=2026).count() == 8
    assert "0 hari cuti bersama ditambahkan" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="calendar.day_add").count() == first


@pytest.mark.django_db
def test_a_cuti_bersama_the_city_admin_removed_is_not_brought_back_by_loading_again(city_admin):
    services.load_cuti_bersama(actor=None)
    cancelled = CalendarDay.objects.get(date=date(2026, 12, 24), kind=DayKind.CUTI_BERSAMA)
    services.remove_day(actor=city_admin, row=cancelled)

    assert services.load_cuti_bersama(actor=None) == 0

    assert not CalendarDay.objects.filter(date=date(2026, 12, 24)).exists()
    assert CalendarDay.objects.filter(kind=DayKind.CUTI_BERSAMA, date__year=2026).count() == 7
    assert is_working_day(date(2026, 12, 24))


@pytest.mark.django_db
def test_loading_fills_a_year_that_has_no_cuti_bersama_yet(city_admin):
    services.add_day(
        actor=city_admin, day=date(2026, 3, 20), kind=DayKind.CUTI_BERSAMA, description="Dicatat manual"
    )
    assert services.load_cuti_bersama(actor=None) == 11  # 2025 in full; 2026 already has a day
    assert CalendarDay.objects.filter(kind=DayKind.CUTI_BERSAMA, date__year=2026).count() == 1


@pytest.mark.django_db
def test_office_admin_may_not_set_cuti_bersama_and_nothing_is_saved(org_admin):
    with pytest.raises(PermissionDenied):
        services.add_day(actor=org_admin, day=date(2026, 6, 2), kind=DayKind.CUTI_BERSAMA, description="x")
    assert not CalendarDay.objects.exists()


@pytest.mark.django_db
def test_closure_of_another_office_is_refused(district, foreign_user, org_admin):
    with pytest.raises(PermissionDenied):
        services.add_day(
            actor=foreign_user,
            day=date(2026, 6, 2),
            kind=DayKind.OFFICE_CLOSURE,
            description="x",
            organisation=district,
        )
    row = services.add_day(
        actor=org_admin,
        day=date(2026, 6, 2),
        kind=DayKind.OFFICE_CLOSURE,
        description="Rapat",
        organisation=district,
    )
    with pytest.raises(PermissionDenied):
        services.remove_day(actor=foreign_user, row=row)
    assert CalendarDay.objects.filter(pk=row.pk).exists()
    services.remove_day(actor=org_admin, row=row)
    assert not CalendarDay.objects.exists()
    assert AuditEvent.objects.filter(action="calendar.day_remove", organisation=district).count() == 1


@pytest.mark.django_db
def test_duplicate_closure_and_missing_description_get_indonesian_messages(district, org_admin):
    kwargs = {
        "actor": org_admin,
        "day": date(2026, 6, 2),
        "kind": DayKind.OFFICE_CLOSURE,
        "organisation": district,
    }
    services.add_day(description="Rapat", **kwargs)
    with pytest.raises(ValidationError) as exc:
        services.add_day(description="Rapat lagi", **kwargs)
    assert "sudah tercatat" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        services.add_day(description="  ", **{**kwargs, "day": date(2026, 6, 3)})
    assert "Isi keterangan" in " ".join(exc.value.messages)
    assert CalendarDay.objects.count() == 1


@pytest.mark.django_db
def test_today_follows_the_office_time_zone(district, settings):
    import datetime as dt
    from unittest import mock

    district.timezone = "Asia/Jayapura"
    moment = dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC)  # 23:30 WIB, 01:30 WIT next day
    with mock.patch("django.utils.timezone.now", return_value=moment):
        assert organisation_today(district) == date(2027, 1, 1)
        assert organisation_today(None) == date(2026, 12, 31)


# --- properties -------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
PROPERTY_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def loaded_calendar(cuti_bersama, district, org_admin):
    services.add_day(
        actor=org_admin,
        day=date(2026, 4, 6),
        kind=DayKind.OFFICE_CLOSURE,
        description="Acara",
        organisation=district,
    )
    return WorkCalendar(district)


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(start=DAYS, n=st.integers(min_value=0, max_value=80))
def test_counting_back_the_working_days_added_gives_n(loaded_calendar, start, n):
    end = loaded_calendar.add_working_days(start, n)
    assert loaded_calendar.working_days_between(start, end) == n
    if n:
        assert loaded_calendar.is_working_day(end)
        assert loaded_calendar.add_working_days(start, n - 1) < end


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(a=DAYS, b=DAYS, c=DAYS)
def test_working_days_between_is_additive_and_antisymmetric(loaded_calendar, a, b, c):
    between = loaded_calendar.working_days_between
    assert between(a, b) == -between(b, a)
    assert between(a, c) == between(a, b) + between(b, c)


@pytest.mark.django_db
@PROPERTY_SETTINGS
@given(start=DAYS, n=st.integers(min_value=1, max_value=40))
def test_no_working_day_is_skipped(loaded_calendar, start, n):
    end = loaded_calendar.add_working_days(start, n)
    working = [
        start + timedelta(days=i)
        for i in range(1, (end - start).days + 1)
        if loaded_calendar.is_working_day(start + timedelta(days=i))
    ]
    assert len(working) == n and working[-1] == end
    assert all((d.weekday() < 5) for d in working)
