"""Excel export of the monthly attendance recap: a summary sheet (one line per unit and the office
total) and one sheet per unit (one line per person). Audited: who exported which office, month and
unit, and how many people."""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from lontar.core import audit
from lontar.core.permissions import authorize
from lontar.staff.attendance.permissions import EXPORT_RECAP
from lontar.staff.attendance.selectors import RECAP_COLUMNS, monthly_recap


def column_titles() -> list[str]:
    return [
        _("Hari kerja"),
        _("Hadir WFO"),
        _("Hadir WFH"),
        _("Terlambat"),
        _("Pulang cepat"),
        _("Tanpa absen pulang"),
        _("Berhalangan (cuti/dinas/lainnya)"),
        _("Tanpa keterangan"),
    ]


def _sheet_title(name: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique in the book.
    base = "".join("-" if ch in "[]:*?/\\" else ch for ch in name)[:28] or "-"
    title, n = base, 2
    while title.lower() in used:
        title, n = f"{base[:25]} ({n})", n + 1
    used.add(title.lower())
    return title


def _safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def export_recap(*, actor, organisation, year: int, month: int, unit_id=None) -> bytes:
    if not authorize(actor, EXPORT_RECAP, organisation=organisation):
        raise PermissionDenied(EXPORT_RECAP)
    recap = monthly_recap(actor, organisation, year, month, unit_id=unit_id)
    book = Workbook()
    summary = book.active
    summary.title = _("Ringkasan")
    summary.append(
        [
            _("Rekap kehadiran %(office)s, %(month)02d/%(year)s")
            % {"office": organisation.name, "month": month, "year": year}
        ]
    )
    if recap.counted_until:
        summary.append([_("Dihitung sampai %(day)s") % {"day": recap.counted_until.strftime("%d-%m-%Y")}])
    summary.append([])
    summary.append([_("Unit kerja"), _("Pegawai"), *column_titles()])
    used = {summary.title.lower()}
    people = 0
    for unit in recap.units:
        totals = unit.totals
        summary.append([_safe(unit.name), len(unit.people), *[totals[key] for key in RECAP_COLUMNS]])
        sheet = book.create_sheet(_sheet_title(unit.name, used))
        sheet.append([_("Nama"), _("NIP"), *column_titles()])
        for line in unit.people:
            sheet.append(
                [_safe(line.staff.full_name), line.staff.nip, *[getattr(line, key) for key in RECAP_COLUMNS]]
            )
            people += 1
        sheet.column_dimensions["A"].width = 32
        sheet.column_dimensions["B"].width = 21
    totals = recap.totals
    summary.append([_("Jumlah"), people, *[totals[key] for key in RECAP_COLUMNS]])
    summary.column_dimensions["A"].width = 40
    for index in range(2, len(RECAP_COLUMNS) + 3):
        summary.column_dimensions[get_column_letter(index)].width = 14
    buffer = io.BytesIO()
    book.save(buffer)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="attendance.recap.export",
            organisation=organisation,
            object_type="attendance.recap",
            object_repr=_("Rekap kehadiran %(month)02d/%(year)s") % {"month": month, "year": year},
            after={"year": year, "month": month, "unit": unit_id, "people": people},
        )
    return buffer.getvalue()
