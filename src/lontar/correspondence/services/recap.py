"""Exports of the monthly recap: an Excel workbook (one sheet per table, formatted headers) and a PDF
(landscape, with the office's letterhead, rendered by core's WeasyPrint pipeline). Each export is
audited — who exported which office's recap for which period, in which format — in the same
transaction that produces the file, so an export that fails leaves no event and vice versa."""

from __future__ import annotations

import io
import re

from django.db import transaction
from django.utils import timezone

from lontar.core import audit
from lontar.core.documents.rendering import html_to_pdf, indonesian_date, logo_data_uri, render_html
from lontar.core.permissions import require
from lontar.correspondence.access_recap import VIEW_RECAP
from lontar.correspondence.selectors.recap import Recap, monthly_recap

EXPORT_ACTION = "correspondence.recap_export"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_UNSAFE = re.compile(r"[\[\]\*\?/\\:]")


def _sheet_title(title: str, used: set[str]) -> str:
    base = _SHEET_UNSAFE.sub(" ", title)[:28].strip()
    name, n = base, 2
    while name in used:
        name = f"{base[:25]} {n}"
        n += 1
    used.add(name)
    return name


def recap_xlsx(recap: Recap) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    heading = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F4E79")
    thin = Side(style="thin", color="999999")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    period = f"{indonesian_date(recap.start)} s.d. {indonesian_date(recap.end)}"
    used: set[str] = set()
    for table in recap.tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet["A1"] = table.title
        sheet["A1"].font = Font(bold=True, size=12)
        sheet["A2"] = f"{recap.organisation.name} · {period}"
        for column, header in enumerate(table.headers, start=1):
            cell = sheet.cell(row=4, column=column, value=str(header))
            cell.font, cell.fill, cell.border = heading, fill, border
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            width = max([len(str(header)), *(len(str(row[column - 1])) for row in table.rows)], default=8)
            sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 10), 60)
        for offset, row in enumerate(table.rows, start=5):
            for column, value in enumerate(row, start=1):
                sheet.cell(row=offset, column=column, value=value).border = border
        sheet.freeze_panes = "A5"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def recap_pdf(recap: Recap) -> bytes:
    html = render_html(
        "correspondence/recap/recap_pdf.html",
        {
            "recap": recap,
            "organisation": recap.organisation,
            "logo_uri": logo_data_uri(recap.organisation),
            "period": f"{indonesian_date(recap.start)} s.d. {indonesian_date(recap.end)}",
            "printed": indonesian_date(timezone.localdate()),
        },
    )
    return html_to_pdf(html)


FORMATS = {"xlsx": (recap_xlsx, XLSX_TYPE), "pdf": (recap_pdf, "application/pdf")}


def export_recap(*, actor, organisation, start, end, fmt: str) -> tuple[bytes, str, str]:
    """The recap file, its content type and a file name; audited. Raises PermissionDenied first."""
    require(actor, VIEW_RECAP, organisation)
    render, content_type = FORMATS[fmt]
    recap = monthly_recap(actor, organisation, start, end)
    with transaction.atomic():
        data = render(recap)
        audit.record(
            actor=actor,
            action=EXPORT_ACTION,
            obj=organisation,
            after={
                "format": fmt,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "bytes": len(data),
            },
        )
    name = f"rekap-{organisation.code or organisation.pk}-{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"
    return data, content_type, re.sub(r"[^A-Za-z0-9._-]", "-", name)
