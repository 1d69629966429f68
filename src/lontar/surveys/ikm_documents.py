"""The IKM report as files: PDF (A4, the office's letterhead, WeasyPrint through
`lontar.core.documents.rendering`) and Excel (openpyxl: "Ringkasan", "Tabulasi", "Profil responden").

Both print the same figures from one `IkmReport`: NRR to two decimals and weighted NRR to three
(half-up), the IKM truncated to two decimals next to its grade, and the weight convention used
(decision 0016). Excel cells hold numbers, not text: sums and counts as integers, NRRs and the IKM as
their values with a number format, so an office can recompute them."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from lontar.core.documents.rendering import html_to_pdf, indonesian_date, logo_data_uri, render_html
from lontar.surveys import ikm
from lontar.surveys.selectors.ikm import IkmReport, tabulation

PDF_TEMPLATE = "surveys/ikm/report_pdf.html"
NO_IKM = "IKM tidak dapat dihitung"


def no_ikm_reason(report: IkmReport) -> str:
    result = report.result
    if result.ikm is not None:
        return ""
    if not result.respondents:
        return "Belum ada responden pada periode ini."
    return "Unsur tanpa jawaban: " + ", ".join(result.missing_elements) + "."


def element_rows(report: IkmReport) -> list[dict]:
    return [
        {
            "number": number,
            "code": element.code,
            "name": element.name,
            "total": element.total,
            "count": element.count,
            "nrr": ikm.format_id(element.nrr_display),
            "weighted": ikm.format_id(element.weighted_nrr_display),
        }
        for number, element in enumerate(report.result.elements, start=1)
    ]


def report_context(report: IkmReport) -> dict:
    result = report.result
    return {
        "report": report,
        "organisation": report.organisation,
        "result": result,
        "rows": element_rows(report),
        "ikm_text": ikm.format_id(result.ikm_display),
        "index_text": ikm.format_id(result.index_display),
        "weight_label": result.weight_label,
        "no_ikm_reason": no_ikm_reason(report),
        "grades": [(code, label, band) for code, label, _lower, band in ikm.GRADES],
        "printed_text": indonesian_date(report.printed_on or timezone.localdate()),
    }


def report_pdf(report: IkmReport) -> bytes:
    context = {**report_context(report), "logo_uri": logo_data_uri(report.organisation)}
    return html_to_pdf(render_html(PDF_TEMPLATE, context))


def _number(value) -> float | int | None:
    """A display Decimal as an Excel number (Excel stores binary doubles; 81.38 reads back as 81.38)."""
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def report_filename(report: IkmReport, extension: str) -> str:
    scope = "".join(c if c.isalnum() else "-" for c in report.scope_label.lower()).strip("-")
    return f"laporan-ikm-{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}-{scope}.{extension}"


def report_xlsx(report: IkmReport) -> bytes:
    book = Workbook(write_only=True)
    bold = Font(bold=True)

    def cell(sheet, value, *, strong=False, number_format=None):
        item = WriteOnlyCell(sheet, value=value)
        if strong:
            item.font = bold
        if number_format:
            item.number_format = number_format
        return item

    result = report.result
    grade = result.grade
    codes = [element.code for element in result.elements]

    # --- Ringkasan (as the PDF) ------------------------------------------------------------------
    summary = book.create_sheet("Ringkasan")
    summary.append([cell(summary, "Laporan Indeks Kepuasan Masyarakat", strong=True)])
    summary.append(["Kantor", report.organisation.name])
    summary.append(["Unit/layanan", report.scope_label])
    summary.append(["Periode", f"{report.period.label} ({report.period.range_text})"])
    summary.append(["Jumlah responden", result.respondents])
    summary.append(["Bobot per unsur", result.weight_label])
    summary.append([])
    summary.append(
        [
            cell(summary, h, strong=True)
            for h in (
                "No",
                "Kode",
                "Unsur pelayanan",
                "Jumlah nilai",
                "Jumlah jawaban",
                "NRR",
                "Bobot",
                "NRR tertimbang",
            )
        ]
    )
    for number, element in enumerate(result.elements, start=1):
        summary.append(
            [
                number,
                element.code,
                element.name,
                element.total,
                element.count,
                cell(summary, _number(element.nrr_display), number_format="0.00"),
                result.weight_label,
                cell(summary, _number(element.weighted_nrr_display), number_format="0.000"),
            ]
        )
    summary.append([])
    summary.append(
        [
            "Indeks (jumlah NRR tertimbang)",
            cell(summary, _number(result.index_display), number_format="0.0000"),
        ]
    )
    summary.append(
        [
            "IKM (nilai konversi = indeks x 25, dipotong dua desimal)",
            cell(summary, _number(result.ikm_display), strong=True, number_format="0.00"),
        ]
    )
    summary.append(["Mutu pelayanan", f"{grade.code} ({grade.label})" if grade else "-"])
    if result.ikm is None:
        summary.append(["Keterangan", f"{NO_IKM}. {no_ikm_reason(report)}"])
    if report.follow_ups:
        summary.append([])
        summary.append([cell(summary, "Rencana tindak lanjut", strong=True)])
        summary.append(
            [
                cell(summary, h, strong=True)
                for h in ("No", "Unsur", "Tindak lanjut", "Penanggung jawab", "Target", "Status")
            ]
        )
        for number, row in enumerate(report.follow_ups, start=1):
            summary.append(
                [
                    number,
                    row.element or "-",
                    row.action,
                    row.responsible,
                    cell(summary, row.target_date, number_format="DD/MM/YYYY"),
                    row.get_status_display(),
                ]
            )

    # --- Tabulasi: one row per respondent, the sums and NRRs at the bottom --------------------------
    sheet = book.create_sheet("Tabulasi", 0)
    profile_columns = ["Tanggal", "Layanan", "Umur", "Jenis kelamin", "Pendidikan", "Pekerjaan"]
    sheet.append([cell(sheet, h, strong=True) for h in ["No", *codes, *profile_columns]])
    for number, submitted_at, service_name, age, sex, education, occupation, scores in tabulation(report):
        sheet.append(
            [
                number,
                *[scores.get(code) for code in codes],
                cell(sheet, timezone.localtime(submitted_at).date(), number_format="DD/MM/YYYY"),
                service_name,
                age,
                sex,
                education,
                occupation,
            ]
        )
    sheet.append([cell(sheet, "Σ nilai per unsur", strong=True), *[e.total for e in result.elements]])
    sheet.append([cell(sheet, "Jumlah jawaban", strong=True), *[e.count for e in result.elements]])
    sheet.append(
        [
            cell(sheet, "NRR per unsur", strong=True),
            *[cell(sheet, _number(e.nrr_display), number_format="0.00") for e in result.elements],
        ]
    )
    sheet.append(
        [
            cell(sheet, f"NRR tertimbang (x {result.weight_label})", strong=True),
            *[cell(sheet, _number(e.weighted_nrr_display), number_format="0.000") for e in result.elements],
        ]
    )
    sheet.append(
        [
            cell(sheet, "IKM", strong=True),
            cell(sheet, _number(result.ikm_display), strong=True, number_format="0.00"),
            f"{grade.code} ({grade.label})" if grade else NO_IKM,
        ]
    )

    # --- Profil responden ----------------------------------------------------------------------
    profile = book.create_sheet("Profil responden")
    profile.append([cell(profile, "Profil responden", strong=True), f"n = {result.respondents}"])
    for table in report.profile:
        profile.append([])
        profile.append([cell(profile, h, strong=True) for h in (table.title, "Jumlah", "Persentase (%)")])
        for row in table.rows:
            profile.append([row.label, row.count, cell(profile, _number(row.share), number_format="0.00")])

    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
