"""The monthly supplies report as Excel and as PDF with the office's letterhead. Each download is audited."""

from __future__ import annotations

from io import BytesIO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from lontar.assets.supplies.permissions import VIEW_REPORT
from lontar.assets.supplies.selectors import MonthlyReport, monthly_report
from lontar.core import audit
from lontar.core.documents.rendering import html_to_pdf, indonesian_date, logo_data_uri, render_html
from lontar.core.permissions import authorize
from lontar.core.workdays.calendar import organisation_today

PDF_TEMPLATE = "supplies/report_pdf.html"
VALUATION_NOTE = (
    "Metode penilaian: rata-rata tertimbang bergerak (moving average), dalam rupiah bulat; "
    "barang keluar dinilai pada harga rata-rata saat keluar."
)


def period_label(report: MonthlyReport) -> str:
    return date_format(report.start, "F Y")


def _audited(actor, report: MonthlyReport, fmt: str) -> None:
    if not authorize(actor, VIEW_REPORT, organisation=report.organisation):
        raise PermissionDenied(VIEW_REPORT)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="supplies.report.export",
            organisation=report.organisation,
            object_type="supplies.report",
            object_id=f"{report.year}-{report.month:02d}",
            object_repr=_("Laporan persediaan %(period)s") % {"period": period_label(report)},
            after={"format": fmt, "items": len(report.rows), "closing_value": report.totals.closing_value},
        )


def export_excel(*, actor, organisation, year: int, month: int) -> tuple[bytes, MonthlyReport]:
    report = monthly_report(organisation, year, month)
    _audited(actor, report, "xlsx")
    book = Workbook()
    sheet = book.active
    sheet.title = _("Persediaan")[:31]
    sheet.append([organisation.name])
    sheet.append([_("Laporan persediaan barang bulan %(period)s") % {"period": period_label(report)}])
    sheet.append([VALUATION_NOTE])
    sheet.append([])
    header = [
        _("No"),
        _("Kode"),
        _("Nama barang"),
        _("Kategori"),
        _("Satuan"),
        _("Saldo awal (jumlah)"),
        _("Saldo awal (Rp)"),
        _("Masuk (jumlah)"),
        _("Masuk (Rp)"),
        _("Keluar (jumlah)"),
        _("Keluar (Rp)"),
        _("Penyesuaian (jumlah)"),
        _("Penyesuaian (Rp)"),
        _("Saldo akhir (jumlah)"),
        _("Saldo akhir (Rp)"),
    ]
    sheet.append(header)
    for cell in sheet[5]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(report.rows, start=1):
        sheet.append(
            [
                number,
                row.item.code,
                row.item.name,
                row.item.category,
                row.item.unit_of_measure,
                row.opening_quantity,
                row.opening_value,
                row.in_quantity,
                row.in_value,
                row.out_quantity,
                row.out_value,
                row.adjustment_quantity,
                row.adjustment_value,
                row.closing_quantity,
                row.closing_value,
            ]
        )
    totals = report.totals
    sheet.append(
        [
            "",
            "",
            _("Jumlah"),
            "",
            "",
            "",
            totals.opening_value,
            "",
            totals.in_value,
            "",
            totals.out_value,
            "",
            totals.adjustment_value,
            "",
            totals.closing_value,
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in range(6, 16):
        for (cell,) in sheet.iter_rows(min_row=6, min_col=column, max_col=column):
            cell.number_format = "#,##0"
    for column, width in zip(range(1, 16), [5, 12, 34, 16, 10] + [13] * 10, strict=True):
        sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue(), report


def export_pdf(*, actor, organisation, year: int, month: int) -> tuple[bytes, MonthlyReport]:
    report = monthly_report(organisation, year, month)
    _audited(actor, report, "pdf")
    context = {
        "organisation": organisation,
        "report": report,
        "period": period_label(report),
        "printed_on": indonesian_date(organisation_today(organisation)),
        "valuation_note": VALUATION_NOTE,
        "logo_uri": logo_data_uri(organisation),
    }
    return html_to_pdf(render_html(PDF_TEMPLATE, context)), report
