"""Workbooks shaped like the registers offices keep, built in memory with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from lontar.core.numbering.services import create_template
from lontar.correspondence.models import AGENDA_DOCUMENT_TYPE

# Layout A: a merged title over the sheet, a column-numbering row, Excel dates.
LAYOUT_A = [
    "No. Agenda",
    "Tgl Terima",
    "Asal Surat",
    "Nomor Surat",
    "Tanggal Surat",
    "Perihal",
    "Kode",
    "Lampiran",
]
# Layout B: plain headers on row 1, dates typed as text, "Sifat" and "Keterangan".
LAYOUT_B = ["NO", "TANGGAL DITERIMA", "PENGIRIM", "NO. SURAT", "TGL SURAT", "HAL", "SIFAT", "KETERANGAN"]
# Layout C: two title rows, "Isi Ringkas" as the only subject column, "Klasifikasi".
LAYOUT_C = ["No Agenda", "Tanggal Diterima", "Dari", "No Surat", "Isi Ringkas", "Klasifikasi"]


def workbook_file(
    headers: list[str],
    rows: list[list],
    *,
    titles: tuple[str, ...] = (),
    numbering_row: bool = False,
    name: str = "buku-agenda.xlsx",
    sheet: str = "Agenda 2025",
    trailing_empty: int = 0,
) -> SimpleUploadedFile:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for title in titles:
        ws.append([title])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(headers))
    if titles:
        ws.append([])
    ws.append(headers)
    if numbering_row:
        ws.append(list(range(1, len(headers) + 1)))
    for row in rows:
        ws.append(row)
    for _ in range(trailing_empty):
        ws.append([None] * len(headers))
    for number in range(ws.max_row - trailing_empty + 1, ws.max_row + 1):
        ws.cell(row=number, column=1).number_format = "@"  # formatted but empty, as Excel leaves them
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, _without_save_time(buffer.getvalue()))


def _without_save_time(data: bytes) -> bytes:
    """openpyxl stamps the save time into docProps/core.xml and into every zip entry, so two builds of
    the same rows a second apart differ. Fixed stamps make them byte-identical, as two uploads of one
    file are (the "imported before" warning compares the bytes)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2025-01-02T03:04:05Z", body
                )
            target.writestr(
                zipfile.ZipInfo(info.filename, date_time=(2025, 1, 2, 3, 4, 6)), body, zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


def layout_a_rows() -> list[list]:
    return [
        [1, dt.datetime(2025, 3, 3), "Kelurahan Mekarsari", "005/12/Kel.Mks/2025", dt.datetime(2025, 3, 1),
         "Undangan rapat koordinasi", "000.1.2", 1],
        [2, dt.datetime(2025, 3, 4), "Dinas Kesehatan Kota", "440/77/Dinkes", dt.datetime(2025, 3, 2),
         "Pemberitahuan vaksinasi", "", "-"],
        [3, dt.datetime(2025, 3, 10), "Polsek Satu", "B/12/III/2025", None, "Laporan keamanan", "", 2],
    ]  # fmt: skip


def layout_b_rows() -> list[list]:
    return [
        ["101", "12/03/2025", "Kelurahan Sukamaju", "470/5/Kel.Skm", "10-03-2025", "Data penduduk", "Segera",
         "asli diterima"],
        [102, "12 Maret 2025", "BPS Kota", "B-12/BPS/2025", "11 Mar 2025", "Sensus ekonomi", "biasa", ""],
        [103, "13-03-2025", "Camat Dua", "", "", "Koordinasi batas wilayah", "Rahasia", ""],
    ]  # fmt: skip


def agenda_template(organisation, actor):
    return create_template(
        actor=actor,
        organisation=organisation,
        document_type=AGENDA_DOCUMENT_TYPE,
        name="Agenda surat masuk",
        format="{urut:4}/SM/{org}/{tahun}",
        scope="document_type",
    )


# --- buku agenda surat keluar ----------------------------------------------------------------------

# Outgoing layout A: a merged title, a column-numbering row, Excel dates, "Pengolah".
OUTGOING_LAYOUT_A = [
    "No",
    "Tanggal Surat",
    "Nomor Surat",
    "Kepada",
    "Perihal",
    "Kode",
    "Lampiran",
    "Pengolah",
]
# Outgoing layout B: plain headers on row 1, dates typed as text, "Sifat", "Jenis" and "Keterangan".
OUTGOING_LAYOUT_B = [
    "NO. URUT",
    "TGL SURAT",
    "NO. SURAT",
    "TUJUAN",
    "HAL",
    "KLASIFIKASI",
    "SIFAT",
    "JENIS",
    "KETERANGAN",
]


def outgoing_layout_a_rows() -> list[list]:
    """Two numbers in the office's surat dinas format (sequences 41 and 57), one in another format."""
    return [
        [1, dt.datetime(2025, 3, 3), "000.1.2/041/TU/Kec.Satu/III/2025", "Kepala Dinas Kesehatan",
         "Undangan rapat posyandu", "000.1.2", "1 berkas", "Subbagian Tata Usaha"],
        [2, dt.datetime(2025, 3, 5), "000.1.2/057/TU/Kec.Satu/III/2025", "Lurah Mekarsari",
         "Permintaan data penduduk", "", "-", "Seksi Pemerintahan"],
        [3, dt.datetime(2025, 3, 9), "B/12/Kec.Satu/2025", "Kapolsek Satu", "Laporan keamanan", "", "", ""],
    ]  # fmt: skip


def outgoing_layout_b_rows() -> list[list]:
    return [
        ["12", "12/03/2025", "850/15/Kec.Satu/2025", "Kepala BKPSDM", "Usul cuti tahunan", "850", "Segera",
         "Surat Dinas", "asli dikirim pos"],
        ["13", "13 Maret 2025", "005/16/Kec.Satu/2025", "Para Lurah se-Kecamatan Satu", "Rapat koordinasi",
         "", "biasa", "undangan", ""],
        ["14", "14-03-2025", "093/17/Kec.Satu/2025", "Sdr. Budi", "Tugas pendataan", "", "Rahasia",
         "Surat Tugas", ""],
    ]  # fmt: skip
