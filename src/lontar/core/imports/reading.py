"""Reading an uploaded workbook into plain text rows, and parsing the values registers hold.

openpyxl reads in read-only mode (streaming, so a large sheet does not fill memory). Every cell becomes
text: Excel dates become ISO dates ("2025-03-12"), whole numbers lose their ".0", and empty trailing
cells and rows disappear. A title above the column headers (often merged across the sheet: "BUKU
AGENDA SURAT MASUK TAHUN 2025") is skipped by looking for the header row in the first rows, and a
row that only numbers the columns (1, 2, 3 …), common under the headers of printed registers, too.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lontar.core.imports.registry import Importer, header_score

HEADER_SEARCH_ROWS = 20
# What a damaged workbook makes openpyxl raise: broken zip members, XML that does not parse
# (ParseError is a SyntaxError), parts that are missing or of the wrong shape.
UNREADABLE = (
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    TypeError,
    OSError,
    IndexError,
    SyntaxError,
    AttributeError,
)
MAX_COLUMNS = 60


@dataclass
class SheetData:
    sheet_name: str
    header_row: int  # 1-based, as Excel shows it
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (Excel row number, cells as text)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return " ".join(str(value).split())


def _unreadable() -> ValidationError:
    return ValidationError(
        _(
            "Berkas tidak dapat dibaca sebagai buku kerja Excel (XLSX). Simpan ulang dari Excel, "
            "lalu unggah lagi."
        ),
        code="unreadable",
    )


def open_workbook(handle):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    handle.seek(0)
    try:
        return load_workbook(handle, read_only=True, data_only=True)
    except (*UNREADABLE, InvalidFileException) as exc:
        raise _unreadable() from exc


def _is_column_numbering(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) >= 3 and filled == [str(n) for n in range(1, len(filled) + 1)]


def _text_rows(worksheet, max_rows: int):
    """(row number, cells) of the non-empty rows; refuses a sheet with more than `max_rows` rows."""
    count = 0
    for number, values in enumerate(worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
        cells = [cell_text(v) for v in values]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        count += 1
        if count > max_rows + HEADER_SEARCH_ROWS:
            raise ValidationError(
                _("Lembar kerja berisi lebih dari %(max)s baris data. Pecah berkas menjadi beberapa bagian.")
                % {"max": f"{max_rows:,}".replace(",", ".")},
                code="too_many_rows",
            )
        yield number, cells


def read_sheet(
    handle, importer: Importer, *, max_rows: int, sheet_name: str = "", header_row: int | None = None
) -> SheetData:
    """The sheet's header row and data rows. Without a sheet name, the first sheet whose header the
    importer recognises; without a header row, the row in the first 20 with most known titles."""
    workbook = open_workbook(handle)
    try:
        names = workbook.sheetnames
        if sheet_name and sheet_name not in names:
            raise ValidationError(
                _("Lembar kerja %(name)s tidak ada di berkas. Lembar yang ada: %(names)s.")
                % {"name": sheet_name, "names": ", ".join(names)},
                code="sheet",
            )
        candidates = [sheet_name] if sheet_name else names
        for name in candidates:
            data = _read_one(workbook[name], importer, max_rows=max_rows, header_row=header_row)
            if data is not None:
                return data
    except UNREADABLE as exc:
        raise _unreadable() from exc
    finally:
        workbook.close()
    raise ValidationError(
        _(
            "Baris judul kolom tidak ditemukan di %(rows)s baris pertama. Pastikan lembar kerja memiliki "
            "judul kolom seperti %(examples)s, atau tentukan nomor baris judulnya."
        )
        % {
            "rows": HEADER_SEARCH_ROWS,
            "examples": ", ".join(f"“{f.synonyms[0]}”" for f in importer.fields if f.required and f.synonyms),
        },
        code="no_header",
    )


def _read_one(worksheet, importer: Importer, *, max_rows: int, header_row: int | None) -> SheetData | None:
    rows = _text_rows(worksheet, max_rows)
    head: list[tuple[int, list[str]]] = []
    found: tuple[int, list[str]] | None = None
    for number, cells in rows:
        if header_row is not None:
            if number == header_row:
                found = (number, cells)
                break
            if number > header_row:
                return None
            continue
        head.append((number, cells))
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    if found is None and header_row is None:
        scored = [(header_score(importer, cells), -number, number, cells) for number, cells in head]
        best = max(scored, default=None)
        if best is None or best[0] < 2:
            return None
        found = (best[2], best[3])
        # Rows already read past the header are data.
        pending = [(n, c) for n, c in head if n > found[0]]
    else:
        pending = []
    if found is None:
        return None
    header_number, headers = found
    data: list[tuple[int, list[str]]] = []
    for number, cells in [*pending, *rows]:
        if not data and _is_column_numbering(cells):
            continue
        data.append((number, cells))
        if len(data) > max_rows:
            raise ValidationError(
                _("Lembar kerja berisi lebih dari %(max)s baris data. Pecah berkas menjadi beberapa bagian.")
                % {"max": f"{max_rows:,}".replace(",", ".")},
                code="too_many_rows",
            )
    return SheetData(sheet_name=worksheet.title, header_row=header_number, headers=headers, rows=data)


# --- values -------------------------------------------------------------------------------------

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8,
    "agt": 8, "agus": 8, "ags": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "oct": 10, "november": 11, "nov": 11, "nop": 11, "desember": 12, "des": 12, "dec": 12, "may": 5,
    "january": 1, "february": 2, "march": 3, "june": 6, "july": 7, "august": 8, "october": 10,
    "december": 12,
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s*[\-\s.]\s*([a-z]+)\.?\s*[\-\s.,]\s*(\d{4})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(text: str) -> dt.date | None:
    """A register's date: an Excel date, "12/03/2025", "12-03-2025", "12.03.25", "12 Maret 2025",
    "12-Mar-2025", or an Excel serial number shown as a number. None when it is none of these."""
    value = (text or "").strip().lower()
    if not value:
        return None
    try:
        if match := _ISO.match(value):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := _DMY.match(value):
            day, month, year = (int(g) for g in match.groups())
            if year < 100:
                year += 2000 if year < 70 else 1900
            return dt.date(year, month, day)
        if match := _WORDS.match(value):
            day, month_name, year = match.groups()
            month = MONTHS.get(month_name)
            return dt.date(int(year), month, int(day)) if month else None
        if value.isdigit() and 20000 <= int(value) <= 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    except ValueError:
        return None
    return None


def parse_count(text: str) -> int | None:
    """A count such as enclosures: "2", "2 lembar", "-", "" (nothing = 0). None when unreadable."""
    value = (text or "").strip().lower()
    if value in {"", "-", "\u2013", "\u2014", "nihil", "tidak ada", "tidak"}:
        return 0
    match = re.match(r"^(\d{1,4})\b", value)
    if match:
        return int(match.group(1))
    return None
