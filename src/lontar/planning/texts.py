"""Indonesian month names and number formats shared by screens, reports and messages."""

from __future__ import annotations

from decimal import Decimal

MONTH_NAMES = {
    1: "Januari",
    2: "Februari",
    3: "Maret",
    4: "April",
    5: "Mei",
    6: "Juni",
    7: "Juli",
    8: "Agustus",
    9: "September",
    10: "Oktober",
    11: "November",
    12: "Desember",
}
QUARTER_NAMES = {1: "Triwulan I", 2: "Triwulan II", 3: "Triwulan III", 4: "Triwulan IV"}


def rupiah(value: int) -> str:
    """12345678 → "12.345.678" (Indonesian thousands separator)."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


def percent_text(value: Decimal) -> str:
    """Decimal("12.50") → "12,50"."""
    return f"{value:.2f}".replace(".", ",")
