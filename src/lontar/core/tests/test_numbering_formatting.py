"""Number formats: tokens, padding, roman months and the Indonesian messages for bad formats."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lontar.core.numbering.formatting import parse_format, render_number, roman_month

FMT = "{klasifikasi}/{urut:3}/{unit}/{bulan_romawi}/{tahun}"


def render(fmt=FMT, **kwargs):
    values = {
        "sequence": 15,
        "on_date": date(2026, 11, 3),
        "organisation_code": "Kec.Jts",
        "unit_code": "Kec.Jts",
        "classification_code": "000.8.3.3",
    }
    values.update(kwargs)
    return render_number(fmt, **values)


@pytest.mark.parametrize(
    ("month", "roman"),
    [
        (1, "I"),
        (2, "II"),
        (3, "III"),
        (4, "IV"),
        (5, "V"),
        (6, "VI"),
        (7, "VII"),
        (8, "VIII"),
        (9, "IX"),
        (10, "X"),
        (11, "XI"),
        (12, "XII"),
    ],
)
def test_every_month_is_written_in_roman_numerals(month, roman):
    assert roman_month(month) == roman
    assert render("{urut}/{bulan_romawi}", on_date=date(2026, month, 28)) == f"15/{roman}"


def test_examples_from_the_domain_reference_are_produced():
    assert render() == "000.8.3.3/015/Kec.Jts/XI/2026"
    assert render(sequence=123, classification_code="800.1.11.1") == "800.1.11.1/123/Kec.Jts/XI/2026"


def test_sequence_is_zero_padded_to_the_requested_width_and_never_truncated():
    assert render("{urut:3}", sequence=7) == "007"
    assert render("{urut:5}", sequence=42) == "00042"
    assert render("{urut}", sequence=7) == "7"
    assert render("{urut:2}", sequence=1234) == "1234"


def test_month_year_org_and_unit_tokens_are_filled():
    got = render(
        "{org}-{unit}-{bulan}-{tahun}-{urut}",
        on_date=date(2027, 2, 1),
        organisation_code="Kec.Satu",
        unit_code="Pem",
        sequence=9,
    )
    assert got == "Kec.Satu-Pem-02-2027-9"


def test_literal_text_around_tokens_is_kept():
    assert render("No. {urut:4} / SK / {tahun}") == "No. 0015 / SK / 2026"


def test_missing_classification_is_refused_when_the_format_needs_it():
    with pytest.raises(ValidationError) as exc:
        render(classification_code="  ")
    assert "Kode klasifikasi arsip wajib diisi" in exc.value.messages[0]
    assert render("{urut}/{tahun}", classification_code="") == "15/2026"


@pytest.mark.parametrize(
    ("fmt", "message"),
    [
        ("{klasifikasi}/{nomor}/{tahun}", "Token {nomor} tidak dikenal"),
        ("{klasifikasi}/{tahun}", "harus memuat nomor urut"),
        ("{urut:3}/{tahun:2}", "hanya berlaku untuk token {urut}"),
        ("{urut:0}", "antara 1 dan 10 digit"),
        ("{urut:11}", "antara 1 dan 10 digit"),
        ("{urut}/{urut}", "hanya boleh muncul satu kali"),
        ("{urut}/{tahun", "kurung kurawal yang tidak berpasangan"),
        ("urut}/{tahun}", "kurung kurawal yang tidak berpasangan"),
        ("   ", "tidak boleh kosong"),
        ("{Urut}", "Token {Urut} tidak dikenal"),
    ],
)
def test_bad_formats_are_rejected_with_an_indonesian_message(fmt, message):
    with pytest.raises(ValidationError) as exc:
        parse_format(fmt)
    assert any(message in m for m in exc.value.messages), exc.value.messages


def test_a_good_format_parses_into_its_tokens():
    names = [(t.name, t.width) for t in parse_format(FMT)]
    assert names == [
        ("klasifikasi", None),
        ("urut", 3),
        ("unit", None),
        ("bulan_romawi", None),
        ("tahun", None),
    ]


@pytest.mark.parametrize(
    ("fmt", "number", "sequence"),
    [
        ("{klasifikasi}/{urut:3}/{unit}/{bulan_romawi}/{tahun}", "000.8.3.3/015/Kec.Jts/XI/2026", 15),
        ("{klasifikasi}/{urut:3}/{unit}/{bulan_romawi}/{tahun}", "000.8.3.3/1234/Kec.Jts/XI/2026", 1234),
        ("{klasifikasi}/{urut:3}/{unit}/{bulan_romawi}/{tahun}", "000.8.3.3/15/Kec.Jts/XI/2026", None),
        ("{klasifikasi}/{urut:3}/{unit}/{bulan_romawi}/{tahun}", "000.8.3.3/015/Kec.Jts/XI/2025", None),
        ("{klasifikasi}/{urut:3}/{unit}/{bulan_romawi}/{tahun}", "000.8.3.3/015/Kec.Jts/XIII/2026", None),
        ("{klasifikasi}/{urut}/{unit}", "800.1.11.1/123/Kec.Jts", 123),
        ("{urut}/{bulan}/{tahun}", "7/13/2026", None),
        ("{urut}/OR", "007/OR", None),
    ],
)
def test_sequence_matcher_finds_the_sequence_a_format_would_print_a_number_at(fmt, number, sequence):
    from lontar.core.numbering.formatting import sequence_matcher

    assert sequence_matcher(fmt, year=2026)(number) == sequence


def test_formats_that_can_print_the_same_numbers_have_one_shape():
    from lontar.core.numbering.formatting import shape

    assert shape("{klasifikasi}/{urut:3}/{org}") == shape("{klasifikasi}/{urut}/{unit}")
    assert shape("{urut}/{bulan}/{tahun}") != shape("{urut}/{bulan_romawi}/{tahun}")
