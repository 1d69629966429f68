"""Demo data of the records module, made through the services as an office would make it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model

from lontar.core.models import NumberingTemplate, Organisation, Unit
from lontar.core.numbering.models import CounterScope
from lontar.core.numbering.services import create_template
from lontar.records import services
from lontar.records.models import Classification, RecordFile

REPORT_FORMAT = "{klasifikasi}/{urut:3}/{org}/{bulan_romawi}/{tahun}"
REPORT_TEMPLATES = [
    ("berita_acara_pemusnahan", "Berita Acara Pemusnahan Arsip"),
    ("berita_acara_penyerahan", "Berita Acara Serah Terima Arsip Statis"),
]
# (number, title, code, opened, closed or None, location, items)
DEMO_FILES = [
    (
        "BRK/2026/001",
        "Perjalanan dinas pegawai ke Balai Kota, triwulan I",
        "000.1.2.3",
        dt.date(2026, 1, 5),
        dt.date(2026, 3, 31),
        "Ruang arsip, lemari 1, rak 2, boks 3",
        [("Surat tugas perjalanan dinas rapat koordinasi", dt.date(2026, 1, 12))],
    ),
    (
        "BRK/2026/002",
        "Standar pelayanan Kecamatan Jatisari 2026",
        "000.8.3.2",
        dt.date(2026, 2, 2),
        None,
        "Ruang arsip, lemari 2, rak 1, boks 1",
        [("Keputusan Camat tentang standar pelayanan", dt.date(2026, 2, 9))],
    ),
]


def load_records_demo() -> Counter:
    created: Counter = Counter()
    counts = services.import_shipped_classification(actor=None)
    created["kode klasifikasi"] += counts["create"]
    district = Organisation.objects.filter(code="Kec.Jts").first()
    users = get_user_model().objects.in_bulk(["admin.jatisari", "kasubag.tu.jatisari"], field_name="username")
    admin, keeper = users.get("admin.jatisari"), users.get("kasubag.tu.jatisari")
    if district is None or admin is None or keeper is None:
        return created
    for document_type, name in REPORT_TEMPLATES:
        if not NumberingTemplate.objects.filter(organisation=district, document_type=document_type).exists():
            create_template(
                actor=admin,
                organisation=district,
                document_type=document_type,
                name=name,
                format=REPORT_FORMAT,
                scope=CounterScope.SHARED,
                shared_key="surat_keluar",
            )
            created["templat penomoran"] += 1
    unit = Unit.objects.filter(organisation=district, name__icontains="Tata Usaha").first()
    for number, title, code, opened, closed, location, items in DEMO_FILES:
        if RecordFile.objects.filter(organisation=district, number=number).exists():
            continue
        record_file = services.open_file(
            actor=keeper,
            organisation=district,
            number=number,
            title=title,
            classification=Classification.objects.get(scheme="83/2022", code=code),
            opened_on=opened,
            unit=unit,
            location=location,
        )
        for description, item_date in items:
            services.file_item(
                actor=keeper, record_file=record_file, description=description, item_date=item_date
            )
        if closed is not None:
            services.close_file(actor=keeper, record_file=record_file, closed_on=closed)
        created["berkas arsip"] += 1
    return created
