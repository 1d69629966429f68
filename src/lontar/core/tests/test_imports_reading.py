"""Reading registers: the header row under merged titles, column-numbering rows, dates and counts as
offices type them, and column titles matched to an importer's fields."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from lontar.core.imports.reading import parse_count, parse_date, read_sheet
from lontar.core.imports.registry import Importer, TargetField, auto_map


class _Register(Importer):
    key = "uji"
    fields = (
        TargetField("number", "Nomor", required=True, synonyms=("No. Agenda", "No")),
        TargetField("date", "Tanggal", required=True, synonyms=("Tgl Terima", "Tanggal")),
        TargetField("note", "Catatan", synonyms=("Isi Ringkas",)),
        TargetField("subject", "Perihal", required=True, synonyms=("Perihal", "Isi Ringkas")),
    )


def _book(rows, *, sheets=("Lembar1",)) -> io.BytesIO:
    book = Workbook()
    book.active.title = sheets[0]
    for name in sheets[1:]:
        book.create_sheet(name)
    ws = book[sheets[-1]]
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-12", dt.date(2025, 3, 12)),
        ("12/03/2025", dt.date(2025, 3, 12)),
        ("12-03-2025", dt.date(2025, 3, 12)),
        ("12.03.25", dt.date(2025, 3, 12)),
        ("1/3/2025", dt.date(2025, 3, 1)),
        ("12 Maret 2025", dt.date(2025, 3, 12)),
        ("12 MARET 2025", dt.date(2025, 3, 12)),
        ("12-Mar-2025", dt.date(2025, 3, 12)),
        ("5 Agustus 2024", dt.date(2024, 8, 5)),
        ("5 Pebruari 2024", dt.date(2024, 2, 5)),
        ("45728", dt.date(2025, 3, 12)),
        ("31/02/2025", None),
        ("12 Marchember 2025", None),
        ("kemarin", None),
        ("", None),
    ],
)
def test_dates_are_read_as_offices_write_them(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("", 0), ("-", 0), ("2", 2), ("3 lembar", 3), ("1 berkas", 1), ("dua", None)]
)
def test_counts_are_read_with_units_and_dashes(text, expected):
    assert parse_count(text) == expected


def test_the_header_row_is_found_under_merged_titles_and_the_numbering_row_skipped():
    rows = [
        ["BUKU AGENDA SURAT MASUK"],
        ["TAHUN 2025"],
        [],
        ["No", "Tgl Terima", "Perihal"],
        [1, 2, 3],
        [7, dt.datetime(2025, 3, 12), "Rapat"],
        [8.0, "13/03/2025", "  Undangan   rapat "],
        [None, None, None],
    ]
    sheet = read_sheet(_book(rows), _Register(), max_rows=100)
    assert (sheet.header_row, sheet.headers) == (4, ["No", "Tgl Terima", "Perihal"])
    assert sheet.rows == [(6, ["7", "2025-03-12", "Rapat"]), (7, ["8", "13/03/2025", "Undangan rapat"])]


def test_a_sheet_without_headers_is_passed_over_for_the_one_with_them():
    rows = [["Perihal", "Tanggal", "No"], ["Rapat", "01/01/2025", "1"]]
    sheet = read_sheet(_book(rows, sheets=("Catatan", "Agenda")), _Register(), max_rows=100)
    assert sheet.sheet_name == "Agenda"


def test_a_given_header_row_is_used_as_is():
    rows = [["Perihal", "Tanggal"], ["x", "y"], ["Perihal", "Tanggal", "No"], ["Rapat", "01/01/2025", "1"]]
    sheet = read_sheet(_book(rows), _Register(), max_rows=100, header_row=3)
    assert sheet.rows == [(4, ["Rapat", "01/01/2025", "1"])]


def test_a_missing_sheet_name_lists_the_sheets():
    with pytest.raises(ValidationError) as refused:
        read_sheet(_book([["No"]]), _Register(), max_rows=10, sheet_name="2024")
    assert refused.value.messages == ["Lembar kerja 2024 tidak ada di berkas. Lembar yang ada: Lembar1."]


def test_specific_titles_win_over_generic_ones_and_required_fields_take_shared_titles():
    importer = _Register()
    assert auto_map(importer, ["No", "No. Agenda", "Tanggal", "Perihal", "Isi Ringkas"]) == {
        "number": 1,
        "date": 2,
        "subject": 3,
        "note": 4,
    }
    # Without "Perihal", "Isi Ringkas" is the (required) subject rather than the (optional) note.
    assert auto_map(importer, ["NO.", "tgl. terima", "ISI RINGKAS"]) == {"number": 0, "date": 1, "subject": 2}
