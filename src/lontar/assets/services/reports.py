"""Printed and exported documents of the register: the KIB A-F and KIR in the columns of the forms of
Permendagri 19/2016 (on screen, Excel and PDF with the office's letterhead), sheets of QR labels and the
berita acara of a closed stock-taking session. Every export is audited in the transaction that makes it.

The berita acara of a stock-taking is rendered from the session's frozen result with signature blocks
to sign on paper (no number is taken: it is an internal report of Subbag TU, not a naskah dinas).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from lontar.assets.kinds import DETAIL_FIELDS, KibKind
from lontar.assets.models import Asset, AssetStatus, CheckResult, Condition, Room, StockTake, StockTakeItem
from lontar.assets.permissions import EXPORT_REPORTS, VIEW_REGISTER
from lontar.core import audit
from lontar.core.documents.rendering import (
    html_to_pdf,
    indonesian_date,
    logo_data_uri,
    qr_data_uri,
    render_html,
)
from lontar.core.permissions import require

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@dataclass
class Report:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    value_column: int = -1  # index of the value (Rp) column, totalled exactly
    total: int = 0


def _d(asset: Asset, key: str) -> str:
    value = asset.details.get(key)
    if value in (None, ""):
        return ""
    for f in DETAIL_FIELDS.get(asset.kind, ()):
        if f.key == key:
            return f.display(value)
    return str(value)


def _common_tail(a: Asset) -> list:
    return [a.get_origin_display(), a.value, a.notes]


# Columns of the KIB forms (Permendagri 19/2016, Lampiran): header, value of one asset.
KIB_COLUMNS = {
    "A": [
        (_l("Nama Barang"), lambda a: a.name),
        (_l("Kode Barang"), lambda a: a.code.code),
        (_l("Nomor Register"), lambda a: a.register_number),
        (_l("Luas (M2)"), lambda a: _d(a, "area_m2")),
        (_l("Tahun Pengadaan"), lambda a: a.acquisition_year),
        (_l("Letak/Alamat"), lambda a: _d(a, "address")),
        (_l("Status Tanah: Hak"), lambda a: _d(a, "land_right")),
        (_l("Sertifikat Tanggal"), lambda a: _d(a, "certificate_date")),
        (_l("Sertifikat Nomor"), lambda a: _d(a, "certificate_number")),
        (_l("Penggunaan"), lambda a: _d(a, "use")),
    ],
    "B": [
        (_l("Kode Barang"), lambda a: a.code.code),
        (_l("Nama Barang"), lambda a: a.name),
        (_l("Nomor Register"), lambda a: a.register_number),
        (_l("Merk/Type"), lambda a: a.brand_type),
        (_l("Ukuran/CC"), lambda a: _d(a, "size")),
        (_l("Bahan"), lambda a: _d(a, "material")),
        (_l("Tahun Pembelian"), lambda a: a.acquisition_year),
        (_l("Nomor Pabrik"), lambda a: _d(a, "factory_number")),
        (_l("Nomor Rangka"), lambda a: _d(a, "frame_number")),
        (_l("Nomor Mesin"), lambda a: _d(a, "engine_number")),
        (_l("Nomor Polisi"), lambda a: _d(a, "police_number")),
        (_l("Nomor BPKB"), lambda a: _d(a, "bpkb_number")),
    ],
    "C": [
        (_l("Nama Barang"), lambda a: a.name),
        (_l("Kode Barang"), lambda a: a.code.code),
        (_l("Nomor Register"), lambda a: a.register_number),
        (_l("Kondisi Bangunan"), lambda a: a.condition),
        (_l("Bertingkat/Tidak"), lambda a: _d(a, "multi_storey")),
        (_l("Beton/Tidak"), lambda a: _d(a, "concrete")),
        (_l("Luas Lantai (M2)"), lambda a: _d(a, "floor_area_m2")),
        (_l("Letak/Lokasi Alamat"), lambda a: _d(a, "address")),
        (_l("Dokumen Gedung Tanggal"), lambda a: _d(a, "document_date")),
        (_l("Dokumen Gedung Nomor"), lambda a: _d(a, "document_number")),
        (_l("Luas (M2)"), lambda a: _d(a, "land_area_m2")),
        (_l("Status Tanah"), lambda a: _d(a, "land_status")),
        (_l("Nomor Kode Tanah"), lambda a: _d(a, "land_code")),
    ],
    "D": [
        (_l("Nama Barang"), lambda a: a.name),
        (_l("Kode Barang"), lambda a: a.code.code),
        (_l("Nomor Register"), lambda a: a.register_number),
        (_l("Konstruksi"), lambda a: _d(a, "construction")),
        (_l("Panjang (Km)"), lambda a: _d(a, "length_km")),
        (_l("Lebar (M)"), lambda a: _d(a, "width_m")),
        (_l("Luas (M2)"), lambda a: _d(a, "area_m2")),
        (_l("Letak/Lokasi"), lambda a: _d(a, "address")),
        (_l("Dokumen Tanggal"), lambda a: _d(a, "document_date")),
        (_l("Dokumen Nomor"), lambda a: _d(a, "document_number")),
        (_l("Status Tanah"), lambda a: _d(a, "land_status")),
        (_l("Nomor Kode Tanah"), lambda a: _d(a, "land_code")),
    ],
    "E": [
        (_l("Nama Barang"), lambda a: a.name),
        (_l("Kode Barang"), lambda a: a.code.code),
        (_l("Nomor Register"), lambda a: a.register_number),
        (_l("Buku: Judul/Pencipta"), lambda a: _d(a, "book_title")),
        (_l("Buku: Spesifikasi"), lambda a: _d(a, "book_spec")),
        (_l("Kesenian: Asal Daerah"), lambda a: _d(a, "art_origin")),
        (_l("Kesenian: Pencipta"), lambda a: _d(a, "art_creator")),
        (_l("Kesenian: Bahan"), lambda a: _d(a, "art_material")),
        (_l("Hewan/Tumbuhan: Jenis"), lambda a: _d(a, "living_kind")),
        (_l("Hewan/Tumbuhan: Ukuran"), lambda a: _d(a, "living_size")),
        (_l("Jumlah"), lambda a: _d(a, "quantity")),
        (_l("Tahun Cetak/Pembelian"), lambda a: a.acquisition_year),
    ],
    "F": [
        (_l("Nama Barang"), lambda a: a.name),
        (_l("Bangunan (P, SP, D)"), lambda a: a.details.get("building_state", "")),
        (_l("Bertingkat/Tidak"), lambda a: _d(a, "multi_storey")),
        (_l("Beton/Tidak"), lambda a: _d(a, "concrete")),
        (_l("Luas (M2)"), lambda a: _d(a, "area_m2")),
        (_l("Letak/Lokasi Alamat"), lambda a: _d(a, "address")),
        (_l("Dokumen Tanggal"), lambda a: _d(a, "document_date")),
        (_l("Dokumen Nomor"), lambda a: _d(a, "document_number")),
        (_l("Tgl, Bln, Thn Mulai"), lambda a: _d(a, "start_date")),
        (_l("Status Tanah"), lambda a: _d(a, "land_status")),
        (_l("Nomor Kode Tanah"), lambda a: _d(a, "land_code")),
        (_l("Kemajuan (%)"), lambda a: _d(a, "progress_percent")),
    ],
}
TAIL_HEADERS = {"F": [_l("Asal-usul Pembiayaan"), _l("Nilai Kontrak (Rp)"), _l("Keterangan")]}
KIR_HEADERS = [
    _l("No. Urut"),
    _l("Nama Barang/Jenis Barang"),
    _l("Merk/Model"),
    _l("No. Seri Pabrik"),
    _l("Ukuran"),
    _l("Bahan"),
    _l("Tahun Pembuatan/Pembelian"),
    _l("No. Kode Barang"),
    _l("Nomor Register"),
    _l("Jumlah Barang"),
    _l("Harga Beli/Perolehan (Rp)"),
    _l("Baik (B)"),
    _l("Kurang Baik (KB)"),
    _l("Rusak Berat (RB)"),
    _l("Keterangan Mutasi dll"),
]


def kib_report(organisation, kind: str) -> Report:
    columns = KIB_COLUMNS[kind]
    tail = TAIL_HEADERS.get(kind, [_("Asal Usul"), _("Harga (Rp)"), _("Keterangan")])
    extra = [_("Kondisi (B, KB, RB)")] if kind == "D" else []
    headers = ["No.", *[str(h) for h, _f in columns], *[str(h) for h in tail], *extra]
    report = Report(title=str(KibKind(kind).label).upper(), headers=headers, value_column=len(columns) + 2)
    assets = (
        Asset.objects.filter(organisation=organisation, kind=kind)
        .exclude(status=AssetStatus.REMOVED)
        .select_related("code")
        .order_by("code__code", "register_number")
    )
    for number, asset in enumerate(assets, start=1):
        row = [number, *[f(asset) for _h, f in columns], *_common_tail(asset)]
        if kind == "D":
            row.append(asset.condition)
        report.rows.append(row)
        report.total += asset.value
    return report


def kir_report(room: Room) -> Report:
    report = Report(
        title=_("KARTU INVENTARIS RUANGAN (KIR)"), headers=[str(h) for h in KIR_HEADERS], value_column=10
    )
    assets = (
        Asset.objects.filter(room=room)
        .exclude(status=AssetStatus.REMOVED)
        .select_related("code")
        .order_by("code__code", "register_number")
    )
    for number, a in enumerate(assets, start=1):
        report.rows.append(
            [
                number,
                a.name,
                a.brand_type,
                _d(a, "factory_number"),
                _d(a, "size"),
                _d(a, "material"),
                a.acquisition_year,
                a.code.code,
                a.register_number,
                1,
                a.value,
                1 if a.condition == Condition.GOOD else "",
                1 if a.condition == Condition.FAIR else "",
                1 if a.condition == Condition.BROKEN else "",
                a.notes if not a.missing else _("Tidak ditemukan saat inventarisasi. ") + a.notes,
            ]
        )
        report.total += a.value
    return report


def _xlsx(report: Report, organisation, subtitle: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = re.sub(r"[\[\]\*\?/\\:]", " ", report.title)[:28]
    thin = Side(style="thin", color="999999")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    sheet["A1"], sheet["A2"], sheet["A3"] = report.title, organisation.name, subtitle
    sheet["A1"].font = Font(bold=True, size=12)
    for column, header in enumerate(report.headers, start=1):
        cell = sheet.cell(row=5, column=column, value=header)
        cell.font, cell.border = Font(bold=True, color="FFFFFF"), border
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = min(max(len(header) + 2, 10), 40)
    for offset, row in enumerate(report.rows, start=6):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=offset, column=column, value=value)
            cell.border = border
            if column - 1 == report.value_column:
                cell.number_format = "#,##0"
    total_row = 6 + len(report.rows)
    sheet.cell(row=total_row, column=1, value=_("Jumlah")).font = Font(bold=True)
    total = sheet.cell(row=total_row, column=report.value_column + 1, value=report.total)
    total.font, total.number_format = Font(bold=True), "#,##0"
    sheet.freeze_panes = "B6"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _pdf(report: Report, organisation, subtitle: str, signer_title: str = "") -> bytes:
    html = render_html(
        "assets/pdf/report.html",
        {
            "report": report,
            "organisation": organisation,
            "logo_uri": logo_data_uri(organisation),
            "subtitle": subtitle,
            "total": rupiah(report.total),
            "rows": [
                [rupiah(v) if i == report.value_column and isinstance(v, int) else v for i, v in enumerate(r)]
                for r in report.rows
            ],
            "printed": indonesian_date(timezone.localdate()),
            "signer_title": signer_title,
        },
    )
    return html_to_pdf(html)


def _export(actor, organisation, action_obj, report: Report, subtitle: str, fmt: str, name: str, what: str):
    render = _xlsx if fmt == "xlsx" else _pdf
    with transaction.atomic():
        data = render(report, organisation, subtitle)
        audit.record(
            actor=actor,
            action="assets.report.export",
            obj=action_obj,
            organisation=organisation,
            after={"report": what, "format": fmt, "rows": len(report.rows), "total": report.total},
        )
    safe = re.sub(r"[^A-Za-z0-9._-]", "-", f"{name}-{organisation.code or organisation.pk}.{fmt}")
    return data, (XLSX_TYPE if fmt == "xlsx" else "application/pdf"), safe


def export_kib(*, actor, organisation, kind: str, fmt: str):
    require(actor, EXPORT_REPORTS, organisation=organisation)
    report = kib_report(organisation, kind)
    subtitle = _("Keadaan per %(date)s") % {"date": indonesian_date(timezone.localdate())}
    return _export(
        actor, organisation, organisation, report, subtitle, fmt, f"kib-{kind.lower()}", f"KIB {kind}"
    )


def export_kir(*, actor, room: Room, fmt: str):
    require(actor, EXPORT_REPORTS, organisation=room.organisation)
    report = kir_report(room)
    responsible = room.responsible.full_name if room.responsible else "-"
    subtitle = _("Ruangan %(room)s · Penanggung jawab: %(who)s") % {
        "room": f"{room.code} {room.name}",
        "who": responsible,
    }
    return _export(
        actor, room.organisation, room, report, subtitle, fmt, f"kir-{room.code}", f"KIR {room.code}"
    )


# --- QR labels ------------------------------------------------------------------------------------


def label_url(asset: Asset) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("assets:label", args=[asset.label])


def label_sheet(*, actor, organisation, assets: list[Asset]) -> bytes:
    """An A4 sheet of labels (3 x 8 per page): office, code, register number, name, year and a QR code
    of the label URL. Audited (who printed labels of which assets)."""
    require(actor, VIEW_REGISTER, organisation=organisation)
    labels = [
        {"asset": a, "qr": qr_data_uri(label_url(a))} for a in assets if a.organisation_id == organisation.pk
    ]
    html = render_html("assets/pdf/labels.html", {"organisation": organisation, "labels": labels})
    with transaction.atomic():
        pdf = html_to_pdf(html)
        audit.record(
            actor=actor,
            action="assets.label.print",
            obj=organisation,
            after={"assets": [item["asset"].pk for item in labels][:500], "count": len(labels)},
        )
    return pdf


# --- berita acara of a stock-taking ---------------------------------------------------------------


def stocktake_report(*, actor, session: StockTake) -> bytes:
    require(actor, EXPORT_REPORTS, organisation=session.organisation)
    items = list(
        StockTakeItem.objects.filter(stock_take=session)
        .select_related("asset", "asset__code", "expected_room", "found_room")
        .order_by("asset__code__code", "asset__register_number")
    )
    counts = {
        "total": len(items),
        "found": sum(1 for i in items if i.result == CheckResult.FOUND),
        "not_found": sum(1 for i in items if i.result == CheckResult.NOT_FOUND),
        "pending": sum(1 for i in items if i.result == CheckResult.PENDING),
    }
    html = render_html(
        "assets/pdf/stocktake.html",
        {
            "session": session,
            "organisation": session.organisation,
            "logo_uri": logo_data_uri(session.organisation),
            "items": items,
            "discrepancies": [i for i in items if i.is_discrepancy],
            "counts": counts,
            "date_text": indonesian_date(session.closed_on or timezone.localdate()),
            "started_text": indonesian_date(session.started_on),
        },
    )
    with transaction.atomic():
        pdf = html_to_pdf(html)
        audit.record(
            actor=actor,
            action="assets.report.export",
            obj=session,
            after={"report": "berita acara inventarisasi", "format": "pdf", "rows": len(items)},
        )
    return pdf
