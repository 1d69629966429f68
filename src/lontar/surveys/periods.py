"""Report periods of the IKM: a year, a semester, a quarter (triwulan), a month or a custom range.
Dates are inclusive and are calendar days in the deployment's time zone."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from lontar.core.documents.rendering import MONTHS, indonesian_date

YEAR, SEMESTER, QUARTER, MONTH, RANGE = "tahun", "semester", "triwulan", "bulan", "rentang"
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str  # "Semester I 2026"

    @property
    def range_text(self) -> str:
        return f"{indonesian_date(self.start)} s.d. {indonesian_date(self.end)}"


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def year(year: int) -> Period:
    return Period(*_months(year, 1, 12), f"Tahun {year}")


def semester(year: int, number: int) -> Period:
    if number not in (1, 2):
        raise ValueError("Semester harus 1 atau 2.")
    first = 1 + 6 * (number - 1)
    return Period(*_months(year, first, first + 5), f"Semester {ROMAN[number - 1]} {year}")


def quarter(year: int, number: int) -> Period:
    if number not in (1, 2, 3, 4):
        raise ValueError("Triwulan harus 1 sampai 4.")
    first = 1 + 3 * (number - 1)
    return Period(*_months(year, first, first + 2), f"Triwulan {ROMAN[number - 1]} {year}")


def month(year: int, number: int) -> Period:
    if not 1 <= number <= 12:
        raise ValueError("Bulan harus 1 sampai 12.")
    return Period(*_months(year, number, number), f"{MONTHS[number - 1]} {year}")


def custom(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise ValueError("Tanggal akhir tidak boleh sebelum tanggal awal.")
    return Period(start, end, f"{indonesian_date(start)} s.d. {indonesian_date(end)}")


def last_twelve_months(today: dt.date) -> Period:
    """The twelve months ending today: from the day after the same date a year ago, to today."""
    try:
        a_year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        a_year_ago = today.replace(year=today.year - 1, day=28)
    return custom(a_year_ago + dt.timedelta(days=1), today)
