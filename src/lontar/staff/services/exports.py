"""The DUK (Excel and PDF with the office's kop) and the formation report (Excel) as files.

Both carry personal data (NIP, birth dates), so every export is an audit entry naming who took
which office's list, in which format, as of which day."""

from __future__ import annotations

import datetime
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from lontar.core import audit
from lontar.core.documents.rendering import html_to_pdf, indonesian_date, logo_data_uri, render_html
from lontar.core.permissions import require
from lontar.staff.permissions import VIEW_PERSONNEL
from lontar.staff.selectors.reports import duk, formation_report

DUK_PDF_TEMPLATE = "staff/reports/duk_pdf.html"
DUK_HEADERS = (
    "No",
    "Nama",
    "NIP",
    "Pangkat/Gol",
    "TMT Gol",
    "Jabatan",
    "TMT Jabatan",
    "Masa kerja (thn)",
    "Masa kerja (bln)",
    "Pendidikan (nama/jurusan)",
    "Tahun lulus",
    "Tingkat",
    "Tanggal lahir",
    "Usia",
    "Ket.",
)


def _cell(sheet, value, *, strong=False, number_format=None):
    item = WriteOnlyCell(sheet, value=value)
    if strong:
        item.font = Font(bold=True)
        item.alignment = Alignment(wrap_text=True, vertical="center")
    if number_format:
        item.number_format = number_format
    return item


def _audit_export(actor, office, action: str, after: dict) -> None:
    audit.record(actor=actor, action=action, obj=office, organisation=office, after=after)


def duk_xlsx(*, actor, office, day: datetime.date) -> bytes:
    require(actor, VIEW_PERSONNEL, organisation=office)
    rows = duk(office, day)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("DUK")
    sheet.append([_cell(sheet, f"DAFTAR URUT KEPANGKATAN PNS {office.name.upper()}", strong=True)])
    sheet.append([f"Keadaan per {indonesian_date(day)}"])
    sheet.append([])
    sheet.append([_cell(sheet, title, strong=True) for title in DUK_HEADERS])
    for row in rows:
        sheet.append(
            [
                row.number,
                row.staff.name_with_titles,
                row.staff.nip_display,
                row.rank,
                _cell(sheet, row.rank_tmt, number_format="DD/MM/YYYY"),
                row.job_title,
                _cell(sheet, row.position_tmt, number_format="DD/MM/YYYY"),
                row.service_years,
                row.service_months,
                row.education_major,
                row.graduation_year,
                row.education_label,
                _cell(sheet, row.birth_date, number_format="DD/MM/YYYY"),
                row.age,
                "; ".join(row.notes),
            ]
        )
    output = io.BytesIO()
    book.save(output)
    _audit_export(actor, office, "staff.duk.export", {"format": "xlsx", "day": day, "rows": len(rows)})
    return output.getvalue()


def duk_pdf(*, actor, office, day: datetime.date) -> bytes:
    require(actor, VIEW_PERSONNEL, organisation=office)
    rows = duk(office, day)
    context = {
        "organisation": office,
        "rows": rows,
        "day_text": indonesian_date(day),
        "logo_uri": logo_data_uri(office),
    }
    pdf = html_to_pdf(render_html(DUK_PDF_TEMPLATE, context))
    _audit_export(actor, office, "staff.duk.export", {"format": "pdf", "day": day, "rows": len(rows)})
    return pdf


def formation_xlsx(*, actor, office) -> bytes:
    require(actor, VIEW_PERSONNEL, organisation=office)
    report = formation_report(office)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Formasi")
    sheet.append([_cell(sheet, f"FORMASI DAN KEADAAN PEGAWAI {office.name.upper()}", strong=True)])
    sheet.append([])
    headers = ("No", "Unit", "Nama jabatan", "Jenis jabatan", "Kebutuhan", "Terisi", "Selisih", "Keterangan")
    sheet.append([_cell(sheet, title, strong=True) for title in (*headers, "Pemangku")])
    for number, row in enumerate(report.rows, start=1):
        formation = row.formation
        sheet.append(
            [
                number,
                formation.unit.name if formation.unit else "Seluruh kantor",
                formation.job_title,
                formation.get_position_type_display(),
                formation.needed,
                row.filled,
                row.difference,
                row.verdict,
                "; ".join(person.name_with_titles for person in row.holders),
            ]
        )
    sheet.append(["", "", "Jumlah", "", report.needed, report.filled, report.filled - report.needed])
    outside = book.create_sheet("Di luar formasi")
    outside.append([_cell(outside, title, strong=True) for title in ("No", "Nama", "Unit", "Nama jabatan")])
    for number, person in enumerate(report.outside, start=1):
        employee = getattr(person, "employee", None)
        outside.append(
            [
                number,
                person.name_with_titles,
                person.unit.name if person.unit else "",
                employee.job_title if employee is not None and employee.job_title else "(belum dicatat)",
            ]
        )
    output = io.BytesIO()
    book.save(output)
    _audit_export(actor, office, "staff.formation.export", {"format": "xlsx", "rows": len(report.rows)})
    return output.getvalue()
