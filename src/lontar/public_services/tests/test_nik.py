"""NIK and phone numbers as citizens type them: real-shaped numbers pass, mistakes get a clear message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from lontar.public_services.validators import clean_nik, clean_phone, display_phone, nik_facts

TODAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("typed", "stored", "born", "female"),
    [
        # Kota Bandung (32 73), a woman born 5 January 1990 (45 = 5 + 40).
        ("3273014501900002", "3273014501900002", dt.date(1990, 1, 5), True),
        # Jakarta Selatan (31 74), a man born 17 August 1985, typed with spaces.
        ("3174 0517 0885 0003", "3174051708850003", dt.date(1985, 8, 17), False),
        # Kabupaten Karawang (32 15), a boy born 29 February 2008, typed with dots.
        ("3215.01.290208.0001", "3215012902080001", dt.date(2008, 2, 29), False),
        # Papua Tengah (94), formed in 2022.
        ("9401027112050004", "9401027112050004", dt.date(2005, 12, 31), True),
    ],
)
def test_real_shaped_niks_pass_and_tell_birth_date_and_sex(typed, stored, born, female):
    facts = nik_facts(typed, today=TODAY)
    assert facts.nik == stored
    assert facts.birth_date == born
    assert facts.female is female


def test_a_two_digit_year_never_puts_the_birth_in_the_future():
    assert nik_facts("3273011501300001", today=TODAY).birth_date == dt.date(1930, 1, 15)
    assert nik_facts("3273011501250001", today=TODAY).birth_date == dt.date(2025, 1, 15)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("327301450190000", "16 angka; yang Anda tulis 15 angka"),
        ("32730145019000021", "yang Anda tulis 17 angka"),
        ("32730145O1900002", "hanya berisi angka"),
        ("0073014501900002", "bukan kode provinsi"),
        ("2073014501900002", "bukan kode provinsi"),
        ("9973014501900002", "bukan kode provinsi"),
        ("3200014501900002", "tidak boleh 00"),
        ("3273004501900002", "tidak boleh 00"),
        ("3273013201900002", "bukan tanggal yang sah"),  # day 32
        ("3273017201900002", "bukan tanggal yang sah"),  # 72 - 40 = 32
        ("3273011513900002", "bukan tanggal yang sah"),  # month 13
        ("3273013002900002", "bukan tanggal yang sah"),  # 30 February
        ("3273012902010002", "bukan tanggal yang sah"),  # 29 February 2001 and 1901
        ("3273014501900000", "tidak boleh 0000"),
    ],
)
def test_mistyped_niks_are_refused_with_a_message_in_bahasa_indonesia(typed, message):
    with pytest.raises(ValidationError) as caught:
        nik_facts(typed, today=TODAY)
    assert message in caught.value.messages[0]


def test_clean_nik_returns_the_digits_only():
    assert clean_nik(" 3273-0145-0190-0002 ") == "3273014501900002"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(022) 420 1234", "+62224201234"),
    ],
)
def test_phone_numbers_are_stored_in_e164(typed, stored):
    assert clean_phone(typed) == stored


def test_a_verification_code_goes_only_to_a_mobile_number():
    assert clean_phone("0812 3456 7890", mobile=True) == "+6281234567890"
    with pytest.raises(ValidationError, match="seluler"):
        clean_phone("(022) 420 1234", mobile=True)
    with pytest.raises(ValidationError, match="bukan nomor Indonesia"):
        clean_phone("+65 9123 4567")


def test_phone_numbers_are_shown_as_people_read_them():
    assert display_phone("+6281234567890") == "0812-3456-7890"
