"""The realisation report as files (PDF with the office's kop through `lontar.core.documents.rendering`,
Excel through openpyxl) and the small plan-vs-realisation chart drawn as inline SVG on the server.

Both files print the same rows as the screen (one `YearReport`): program, kegiatan and sub kegiatan with
pagu, realisation in the period, cumulative realisation, %, physical %, indicator target/achievement and
the deviation. Excel cells hold numbers (rupiah as integers), so the office can re-add them.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from lontar.core.documents.rendering import html_to_pdf, indonesian_date, logo_data_uri, render_html
from lontar.planning.selectors.planning import Node, SeriesPoint, YearReport
from lontar.planning.texts import MONTH_NAMES

PDF_TEMPLATE = "planning/report_pdf.html"
LEVEL_LABELS = {
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub kegiatan",
    "total": "Jumlah",
}
HEADERS = (
    "Kode",
    "Program/Kegiatan/Sub kegiatan",
    "Tingkat",
    "Pagu (Rp)",
    "Rencana s.d. periode (Rp)",
    "Realisasi periode ini (Rp)",
    "Realisasi kumulatif (Rp)",
    "Realisasi keuangan (%)",
    "Rencana keuangan (%)",
    "Deviasi keuangan (poin)",
    "Target fisik (%)",
    "Realisasi fisik (%)",
    "Deviasi fisik (poin)",
    "Sisa pagu (Rp)",
    "Indikator",
    "Satuan",
    "Target",
    "Capaian",
)


def report_filename(report: YearReport, extension: str) -> str:
    office = "".join(c if c.isalnum() else "-" for c in report.plan_year.organisation.code.lower()).strip("-")
    label = "".join(c if c.isalnum() else "-" for c in report.period_label.lower()).strip("-")
    return f"realisasi-{office}-{label}.{extension}"


def report_context(report: YearReport) -> dict:
    return {
        "report": report,
        "organisation": report.plan_year.organisation,
        "rows": list(report.rows()),
        "printed_text": indonesian_date(timezone.localdate()),
    }


def report_pdf(report: YearReport) -> bytes:
    context = {**report_context(report), "logo_uri": logo_data_uri(report.plan_year.organisation)}
    return html_to_pdf(render_html(PDF_TEMPLATE, context))


def _number(value: Decimal) -> float:
    return float(value)


def report_xlsx(report: YearReport) -> bytes:
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    sheet = book.create_sheet("Realisasi")

    def cell(value, *, strong=False, number_format=None):
        item = WriteOnlyCell(sheet, value=value)
        if strong:
            item.font = bold
        if number_format:
            item.number_format = number_format
        return item

    organisation = report.plan_year.organisation
    sheet.append([cell("Laporan Realisasi Fisik dan Keuangan", strong=True)])
    sheet.append(["Kantor", organisation.name])
    sheet.append(["Periode", report.period_label])
    sheet.append(
        [
            "Bulan",
            f"{MONTH_NAMES[report.first_month]} s.d. {MONTH_NAMES[report.last_month]} "
            f"{report.plan_year.year}",
        ]
    )
    sheet.append([])
    sheet.append([cell(h, strong=True) for h in HEADERS])

    def row(node: Node):
        f = node.figures
        strong = node.level in ("program", "total")
        first = node.indicators[0] if node.indicators else None
        values = [
            cell(node.code if node.level != "total" else "", strong=strong),
            cell(node.name if node.level != "total" else "JUMLAH", strong=strong),
            LEVEL_LABELS[node.level],
            cell(f.pagu, strong=strong, number_format="#,##0"),
            cell(f.plan_cumulative, number_format="#,##0"),
            cell(f.real_period, number_format="#,##0"),
            cell(f.real_cumulative, strong=strong, number_format="#,##0"),
            cell(_number(f.financial_percent), number_format="0.00"),
            cell(_number(f.plan_financial_percent), number_format="0.00"),
            cell(_number(f.financial_deviation), number_format="0.00"),
            cell(_number(f.plan_physical_percent), number_format="0.00"),
            cell(_number(f.physical_percent), number_format="0.00"),
            cell(_number(f.physical_deviation), number_format="0.00"),
            cell(f.remaining, number_format="#,##0"),
        ]
        if first is not None:
            values += [
                first.indicator.name,
                first.indicator.unit,
                _number(first.indicator.target),
                _number(first.achievement) if first.achievement is not None else None,
            ]
        sheet.append(values)
        for extra in node.indicators[1:]:
            sheet.append(
                [""] * 14
                + [
                    extra.indicator.name,
                    extra.indicator.unit,
                    _number(extra.indicator.target),
                    _number(extra.achievement) if extra.achievement is not None else None,
                ]
            )

    for node in report.rows():
        row(node)
    row(report.total)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# --- the chart ---------------------------------------------------------------------------------------

WIDTH, HEIGHT, LEFT, BOTTOM, TOP, RIGHT = 360, 170, 30, 22, 8, 8


def _xy(index: int, value: Decimal) -> tuple[float, float]:
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    x = LEFT + plot_w * index / 11
    y = TOP + plot_h * (1 - float(min(max(value, Decimal(0)), Decimal(100))) / 100)
    return round(x, 1), round(y, 1)


def series_svg(
    points: list[SeriesPoint], *, title: str = "Rencana dan realisasi keuangan kumulatif (%)"
) -> str:
    """A 360x170 SVG of cumulative plan (dashed) vs realisation (solid) per month, no script."""
    plan = " ".join(f"{x},{y}" for x, y in (_xy(i, p.plan_percent) for i, p in enumerate(points)))
    real_points = [(_xy(i, p.real_percent)) for i, p in enumerate(points) if p.real_percent is not None]
    real = " ".join(f"{x},{y}" for x, y in real_points)
    grid = []
    for value in (0, 25, 50, 75, 100):
        _x, y = _xy(0, Decimal(value))
        grid.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#ddd" stroke-width="1"/>'
            f'<text x="{LEFT - 4}" y="{y + 3}" font-size="9" text-anchor="end" fill="#555">{value}</text>'
        )
    labels = []
    for i, point in enumerate(points):
        x, _y = _xy(i, Decimal(0))
        labels.append(
            f'<text x="{x}" y="{HEIGHT - 6}" font-size="9" text-anchor="middle" fill="#555">'
            f"{MONTH_NAMES[point.month][:3]}</text>"
        )
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="2.5" fill="#0d6efd"/>' for x, y in real_points)
    last = next((p for p in reversed(points) if p.real_percent is not None), None)
    summary = (
        f"Realisasi {last.real_percent}% dari rencana {last.plan_percent}% s.d. {MONTH_NAMES[last.month]}"
        if last
        else "Belum ada realisasi"
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-label="{escape(title)}: {escape(summary)}" class="planning-chart">'
        f"<title>{escape(title)}</title>"
        + "".join(grid)
        + "".join(labels)
        + f'<polyline points="{plan}" fill="none" stroke="#6c757d" stroke-width="2" stroke-dasharray="5 3"/>'
        + (f'<polyline points="{real}" fill="none" stroke="#0d6efd" stroke-width="2.5"/>' if real else "")
        + dots
        + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - built above from numbers and escaped text only
