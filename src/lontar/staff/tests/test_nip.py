"""NIP validator tests with real-shaped numbers: `core.civil_service.nip_errors` (the number itself) and
`staff.consistency.record_errors` (the personnel file against the number)."""

from __future__ import annotations

import datetime

import pytest

from lontar.core import civil_service
from lontar.core.civil_service import NON_ASN, PNS, PPPK, nip_errors
from lontar.staff.consistency import record_errors

TODAY = datetime.date(2026, 11, 24)
MAN = "198609262015051001"  # 19860926 201505 1 001
WOMAN = "199002142019032002"  # 19900214 201903 2 002
PPPK_NUMBER = "199107172023211003"  # 19910717 2023 21 1 003
LEAP = "199202292018011004"  # born 29 February 1992


@pytest.mark.parametrize("number", [MAN, WOMAN, LEAP, "197512312000121001"])
def test_real_shaped_pns_numbers_are_accepted(number):
    assert nip_errors(number, PNS, today=TODAY) == []


def test_a_pppk_number_is_accepted_as_pppk_and_recognised_when_typed_as_a_pns():
    assert nip_errors(PPPK_NUMBER, PPPK, today=TODAY) == []
    errors = nip_errors(PPPK_NUMBER, PNS, today=TODAY)
    assert len(errors) == 1 and "PPPK" in errors[0] and "ke-13 dan ke-14" in errors[0]


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("198609262015131001", "bulan 13 tidak ada"),
        ("198609262015001001", "bulan 00 tidak ada"),
        ("198613262015051001", "bukan tanggal yang benar"),
        ("199302292018011001", "bukan tanggal yang benar"),  # 1993 is not a leap year
        ("198609262015053001", "Angka ke-15"),
        ("198609262015051000", "tidak boleh 000"),
        ("200609262015051001", "usia 18 tahun"),
        ("198609262035051001", "belum tiba"),
        ("21260926201505100", "18 angka"),
    ],
)
def test_wrong_numbers_are_refused_naming_the_digits(number, words):
    errors = nip_errors(number, PNS, today=TODAY)
    assert any(words in error for error in errors), errors


def test_non_asn_has_no_number_and_pns_and_pppk_must_have_one():
    assert nip_errors("", NON_ASN) == []
    assert nip_errors(MAN, NON_ASN)
    assert "NIP wajib" in nip_errors("", PNS)[0]
    assert "NI PPPK wajib" in nip_errors("", PPPK)[0]


def test_the_number_is_read_with_the_spaces_people_type():
    assert civil_service.digits_of("19860926 201505 1 001") == MAN
    assert civil_service.format_nip(MAN) == "19860926 201505 1 001"
    assert civil_service.mask_nip(MAN) == "•••••••• •••••• • 001"


def _errors(number=MAN, kind=PNS, born=None, sex="", start=None):
    return record_errors(nip=number, employment_type=kind, birth_date=born, sex=sex, service_start=start)


def test_a_file_that_agrees_with_the_nip_passes():
    assert _errors(born=datetime.date(1986, 9, 26), sex="1", start=datetime.date(2015, 5, 1)) == {}
    assert _errors(WOMAN, born=datetime.date(1990, 2, 14), sex="2", start=datetime.date(2019, 3, 1)) == {}
    # TMT CPNS is any day of the month the NIP names.
    assert _errors(start=datetime.date(2015, 5, 31)) == {}


def test_a_29_february_birthday_agrees_only_with_itself():
    assert _errors(LEAP, born=datetime.date(1992, 2, 29)) == {}
    message = _errors(LEAP, born=datetime.date(1992, 2, 28))["birth_date"]
    assert "19920229" in message and "29 Februari 1992" in message


def test_a_wrong_birth_date_names_digits_1_to_8():
    message = _errors(born=datetime.date(1986, 6, 29))["birth_date"]
    assert "angka ke-1 sampai ke-8 (19860926)" in message and "26 September 1986" in message


def test_a_wrong_tmt_cpns_month_names_digits_9_to_14():
    message = _errors(start=datetime.date(2015, 6, 1))["service_start"]
    assert "angka ke-9 sampai ke-14 (201505)" in message and "Mei 2015" in message


def test_a_woman_recorded_as_a_man_names_digit_15():
    message = _errors(WOMAN, sex="1")["sex"]
    assert "angka ke-15 bernilai 2" in message and "perempuan" in message


def test_pppk_is_checked_on_the_birth_date_only():
    assert _errors(PPPK_NUMBER, PPPK, sex="2", start=datetime.date(2024, 3, 1)) == {}
    assert "NI PPPK" in _errors(PPPK_NUMBER, PPPK, born=datetime.date(1991, 7, 18))["birth_date"]


def test_non_asn_is_not_compared():
    assert (
        _errors("", NON_ASN, born=datetime.date(1999, 1, 1), sex="2", start=datetime.date(2020, 1, 1)) == {}
    )
