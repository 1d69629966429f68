"""The agenda computed from personnel files, with a fixed today."""

from __future__ import annotations

import datetime as dt

import pytest

from lontar.core.models import Role, Staff
from lontar.staff.models import PositionType
from lontar.staff.reminders.models import ReminderKind, ReminderSettings
from lontar.staff.reminders.selectors import AgendaFilters, compute_items, office_agenda

from .factories import document, kgb, person, rank

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 24)
D = dt.date


def items_of(staff, horizon=12, today=TODAY):
    return [
        (i.kind, i.due_date)
        for i in compute_items(Staff.objects.filter(pk=staff.pk), horizon_months=horizon, today=today)
    ]


def test_kgb_or_promotion_on_or_after_the_pension_tmt_is_not_listed(district):
    # Born 12 December 1968, BUP 58 (pengawas): pension TMT 1 January 2027, so the KGB of 1 March 2027
    # and the promotion of 1 April 2027 never come.
    staff = person(district, born=D(1968, 12, 12), start=D(1995, 3, 1), position_type=PositionType.SUPERVISOR)
    kgb(staff, D(2025, 3, 1))
    rank(staff, "III/d Penata Tingkat I", D(2023, 4, 1))
    assert items_of(staff) == [(ReminderKind.RETIREMENT, D(2027, 1, 1))]
    [item] = compute_items(Staff.objects.filter(pk=staff.pk), today=TODAY)
    assert item.title == "Pensiun BUP 58 tahun" and item.is_due


def test_someone_past_the_pension_tmt_and_still_active_is_shown_late(district):
    staff = person(district, born=D(1968, 5, 12), start=D(1995, 3, 1))
    assert items_of(staff) == [(ReminderKind.RETIREMENT, D(2026, 6, 1))]


def test_the_retirement_age_follows_the_type_of_post(district):
    madya = person(
        district, born=D(1967, 2, 10), start=D(1992, 3, 1), position_type=PositionType.FUNCTIONAL_MIDDLE
    )
    utama = person(
        district, born=D(1962, 2, 10), start=D(1990, 3, 1), position_type=PositionType.FUNCTIONAL_MAIN
    )
    for staff in (madya, utama):
        kgb(staff, D(2026, 3, 1))
    assert items_of(madya) == [(ReminderKind.RETIREMENT, D(2027, 3, 1))]
    assert items_of(utama) == [(ReminderKind.RETIREMENT, D(2027, 3, 1))]


def test_a_full_career_year_in_date_order(district):
    staff = person(
        district, born=D(1975, 8, 3), start=D(2001, 3, 1), position_type=PositionType.FUNCTIONAL_MIDDLE
    )
    kgb(staff, D(2025, 3, 1))
    rank(staff, "IV/a Pembina", D(2023, 4, 1))
    document(staff, D(2027, 1, 10), kind="sertifikat", title="Sertifikat kompetensi")
    assert items_of(staff) == [
        (ReminderKind.DOCUMENT, D(2027, 1, 10)),
        (ReminderKind.KGB, D(2027, 3, 1)),
        (ReminderKind.PROMOTION, D(2027, 4, 1)),
    ]
    # BUP 60 for an ahli madya: born August 1975, pension TMT 1 September 2035 (far beyond the horizon).


def test_the_horizon_limits_what_is_listed(district):
    staff = person(district, start=D(2001, 3, 1))
    kgb(staff, D(2025, 3, 1))
    rank(staff, "III/a Penata Muda", D(2023, 4, 1))
    assert items_of(staff, horizon=3) == []
    assert items_of(staff, horizon=6) == [
        (ReminderKind.KGB, D(2027, 3, 1)),
        (ReminderKind.PROMOTION, D(2027, 4, 1)),
    ]


def test_without_any_history_kgb_counts_from_the_nip_and_there_is_no_promotion(district):
    # No employee sheet at all: birth date and TMT CPNS come from the NIP (1986-09-26, 2015-05).
    staff = person(district, born=D(1986, 9, 26), start=D(2015, 5, 1), with_file=False)
    assert items_of(staff) == [(ReminderKind.KGB, D(2027, 5, 1))]
    [item] = compute_items(Staff.objects.filter(pk=staff.pk), horizon_months=12, today=TODAY)
    assert "belum ada riwayat KGB" in item.basis


def test_at_the_top_rank_iv_e_no_promotion_is_due(district):
    staff = person(district, start=D(1998, 3, 1))
    rank(staff, "IV/d Pembina Utama Madya", D(2018, 4, 1))
    rank(staff, "IV/e Pembina Utama", D(2022, 10, 1))
    kinds = [k for k, _ in items_of(staff, horizon=12)]
    assert ReminderKind.PROMOTION not in kinds


def test_a_late_promotion_stays_listed_as_late_for_a_year(district):
    staff = person(district, start=D(2010, 3, 1))
    rank(staff, "III/b Penata Muda Tingkat I", D(2022, 4, 1))
    [item] = [
        i
        for i in compute_items(Staff.objects.filter(pk=staff.pk), today=TODAY)
        if i.kind == ReminderKind.PROMOTION
    ]
    assert item.due_date == D(2026, 4, 1)
    assert item.is_overdue and item.is_due and item.status == "terlambat"
    rank(staff, "III/a Penata Muda", D(2020, 4, 1))  # an older row does not matter
    rank(staff, "III/c Penata", D(2026, 4, 1))  # the promotion recorded: the next is four years on
    assert [d for k, d in items_of(staff) if k == ReminderKind.PROMOTION] == []
    assert [
        d for k, d in items_of(staff, horizon=12, today=D(2029, 11, 24)) if k == ReminderKind.PROMOTION
    ] == [D(2030, 4, 1)]


def test_pppk_get_kgb_and_retirement_but_no_promotion(district):
    staff = person(district, employment_type="pppk", born=D(1969, 3, 15), start=D(2022, 3, 1))
    rank(staff, "Golongan IX", D(2022, 3, 1))
    assert items_of(staff, horizon=12) == [(ReminderKind.RETIREMENT, D(2027, 4, 1))]
    assert items_of(staff, horizon=12, today=D(2025, 11, 24)) == [(ReminderKind.KGB, D(2026, 3, 1))]


def test_non_asn_staff_only_have_their_documents(district):
    staff = person(district, employment_type="non_asn", born=D(1960, 1, 1), start=D(2020, 1, 1))
    document(staff, D(2026, 12, 31))
    assert items_of(staff) == [(ReminderKind.DOCUMENT, D(2026, 12, 31))]


def test_a_renewed_document_is_no_longer_expiring(district):
    staff = person(district, employment_type="non_asn")
    document(staff, D(2026, 12, 31))
    assert items_of(staff) == [(ReminderKind.DOCUMENT, D(2026, 12, 31))]
    document(staff, D(2027, 12, 31))
    assert items_of(staff, horizon=3) == []
    # A document of another kind does not renew the contract.
    other = person(district, employment_type="non_asn")
    document(other, D(2026, 12, 31))
    document(other, D(2030, 1, 1), kind="sertifikat", title="Sertifikat")
    assert items_of(other, horizon=3) == [(ReminderKind.DOCUMENT, D(2026, 12, 31))]


def test_born_29_february_retires_on_1_march(district):
    staff = person(district, born=D(1968, 2, 29), start=D(1994, 3, 1), position_type=PositionType.EXECUTOR)
    kgb(staff, D(2025, 3, 1))
    assert items_of(staff, today=D(2025, 11, 24)) == [(ReminderKind.RETIREMENT, D(2026, 3, 1))]


def test_the_office_lead_times_decide_what_is_announced(district):
    staff = person(district, start=D(2001, 3, 1))
    kgb(staff, D(2025, 2, 1))  # due 1 February 2027, 69 days after TODAY
    [item] = compute_items(Staff.objects.filter(pk=staff.pk), today=TODAY)
    assert item.ahead_from == D(2026, 12, 3) and not item.is_due and item.status == "akan_datang"
    ReminderSettings.objects.create(organisation=district, kgb_lead_days=90)
    [item] = compute_items(Staff.objects.filter(pk=staff.pk), today=TODAY)
    assert item.ahead_from == D(2026, 11, 3) and item.is_due and item.status == "segera"
    assert compute_items(Staff.objects.filter(pk=staff.pk), horizon_months=None, today=TODAY) == [item]


def test_inactive_staff_are_left_out(district):
    staff = person(district, employment_type="non_asn")
    document(staff, D(2026, 12, 31))
    Staff.objects.filter(pk=staff.pk).update(is_active=False)
    assert items_of(staff) == []


def test_the_office_agenda_covers_only_the_offices_the_reader_may_read(district, other_district):
    mine = person(district, employment_type="non_asn", role=None)
    theirs = person(other_district, employment_type="non_asn", role=None)
    document(mine, D(2026, 12, 31))
    document(theirs, D(2026, 12, 31))
    from lontar.core.tests.factories import member

    reader = member(district, Role.SECTION_HEAD)
    staff_only = member(district, Role.STAFF)
    seen = {i.staff_id for i in office_agenda(reader, AgendaFilters(), today=TODAY)}
    assert mine.pk in seen and theirs.pk not in seen
    assert office_agenda(staff_only, AgendaFilters(), today=TODAY) == []
    filtered = office_agenda(reader, AgendaFilters(kind=ReminderKind.KGB), today=TODAY)
    assert all(i.kind == ReminderKind.KGB for i in filtered)
