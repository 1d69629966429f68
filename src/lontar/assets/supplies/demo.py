"""Demo data of supplies for Kecamatan Jatisari: Subbagian Umum dan Kepegawaian keeps the store, about
twenty ATK items with last month's and this month's receipts, issues, unit requests in every state and
one item below its minimum — all through the real services. Idempotent: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction

from lontar.assets.supplies.models import Item
from lontar.assets.supplies.services import stock as services
from lontar.core.models import Organisation, Unit
from lontar.core.workdays.calendar import organisation_today

# code, name, category, unit of measure, minimum, (last month qty, price), (this month qty, price)
ITEMS = [
    ("KRT-A4", "Kertas HVS A4 70 gram", "Kertas", "rim", 10, (40, 52_000), (20, 54_500)),
    ("KRT-F4", "Kertas HVS F4 70 gram", "Kertas", "rim", 8, (25, 56_000), None),
    ("KRT-MAP", "Map snelhecter plastik", "Kertas", "buah", 30, (100, 2_500), None),
    ("AMP-CKL", "Amplop coklat folio", "Kertas", "pak", 5, (12, 27_000), None),
    ("AMP-PTH", "Amplop putih kop kecamatan", "Kertas", "kotak", 3, (6, 45_000), (4, 46_000)),
    ("PLP-HT", "Pulpen gel hitam", "Alat tulis", "buah", 24, (144, 3_200), None),
    ("PLP-BR", "Pulpen biru", "Alat tulis", "buah", 24, (72, 2_900), None),
    ("SPD-TP", "Spidol whiteboard", "Alat tulis", "buah", 12, (36, 8_500), None),
    ("STB-HL", "Stabilo penanda", "Alat tulis", "buah", 10, (24, 7_000), None),
    ("PSL-2B", "Pensil 2B", "Alat tulis", "buah", 12, (48, 3_500), None),
    ("PHP-TX", "Penghapus tip-ex cair", "Alat tulis", "buah", 6, (20, 6_000), None),
    ("STP-10", "Isi staples nomor 10", "Perlengkapan", "kotak", 10, (40, 3_000), None),
    ("STP-HD", "Stapler HD-10", "Perlengkapan", "buah", 2, (6, 25_000), None),
    ("KLP-KR", "Klip kertas nomor 3", "Perlengkapan", "kotak", 5, (20, 4_500), None),
    ("LKB-SL", "Lakban bening 2 inci", "Perlengkapan", "gulung", 6, (24, 11_000), None),
    ("BND-GJ", "Binder clip 155", "Perlengkapan", "kotak", 4, (12, 12_500), None),
    ("TNT-HT", "Tinta printer hitam 664", "Tinta dan toner", "botol", 6, (12, 86_000), (6, 88_000)),
    ("TNT-WR", "Tinta printer warna 664 (set 3)", "Tinta dan toner", "set", 2, (4, 245_000), None),
    ("TNR-85", "Toner laser 85A", "Tinta dan toner", "buah", 2, (3, 385_000), None),
    ("BTR-AA", "Baterai AA alkaline", "Perlengkapan komputer", "pak", 4, (10, 28_000), None),
    ("FLS-32", "Flashdisk 32 GB", "Perlengkapan komputer", "buah", 2, (5, 75_000), None),
]


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def load_supplies_demo() -> Counter:
    created: Counter = Counter()
    office = Organisation.objects.filter(code="Kec.Jts").first()
    if office is None or Item.objects.filter(organisation=office).exists():
        return created
    sekcam, kasubag, keeper = _user("sekcam.jatisari"), _user("kasubag.tu.jatisari"), _user("staf.jatisari")
    requester, kasi = _user("staf.pem.jatisari"), _user("kasi.pem.jatisari")
    tu = Unit.objects.filter(organisation=office, code="TU").first()
    units = {u.code: u for u in Unit.objects.filter(organisation=office)}
    if not all((sekcam, kasubag, keeper, requester, kasi, tu)):
        return created
    today = organisation_today(office)
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=5)
    mid_last_month = last_month.replace(day=18)
    this_month = today.replace(day=1) if today.day > 1 else today
    with transaction.atomic():
        services.configure_store(actor=sekcam, organisation=office, keeper_unit=tu)
        items = {}
        for code, name, category, uom, minimum, _first, _second in ITEMS:
            items[code] = services.create_item(
                actor=keeper,
                organisation=office,
                data={
                    "code": code,
                    "name": name,
                    "category": category,
                    "unit_of_measure": uom,
                    "minimum_stock": minimum,
                },
            )
            created["supplies.Item"] += 1
        services.record_receipt(
            actor=keeper,
            organisation=office,
            document_number=f"BAST/ATK/{last_month:%m}/{last_month.year}/017",
            supplier="CV Sinar Jaya Stationery",
            received_on=last_month,
            lines=[(items[code], first[0], first[1]) for code, *_rest, first, _second in ITEMS],
            note="Pengadaan ATK triwulan, belanja langsung.",
        )
        created["supplies.Receipt"] += 1
        services.issue_directly(
            actor=keeper,
            organisation=office,
            unit=units.get("PEL", tu),
            lines=[(items["KRT-A4"], 12), (items["PLP-HT"], 24), (items["TNT-HT"], 4)],
            note="Kebutuhan loket PATEN satu bulan",
            issued_on=mid_last_month,
        )
        services.record_receipt(
            actor=keeper,
            organisation=office,
            document_number=f"INV/2611/{this_month:%d%m}-044",
            supplier="Toko Buku dan ATK Karya Mandiri",
            received_on=this_month,
            lines=[(items[code], second[0], second[1]) for code, *_rest, second in ITEMS if second],
        )
        created["supplies.Receipt"] += 1
        # One item falls below its minimum (the dashboard and the keeper's notification show it).
        services.issue_directly(
            actor=keeper,
            organisation=office,
            unit=units.get("TRANTIB", tu),
            lines=[(items["TNR-85"], 2), (items["KRT-MAP"], 20)],
            note="Penyusunan laporan operasi ketertiban",
        )
        issued = services.request_supplies(
            actor=requester,
            organisation=office,
            purpose="Pelaksanaan pendataan RT/RW",
            lines=[(items["KRT-A4"], 5), (items["PLP-BR"], 12), (items["KRT-MAP"], 10)],
        )
        services.approve_request(actor=kasi, request=issued, note="Sesuai kebutuhan pendataan.")
        services.issue_request(actor=keeper, request=issued)
        partial = services.request_supplies(
            actor=requester,
            organisation=office,
            purpose="Rapat sosialisasi pemilihan RT",
            lines=[(items["SPD-TP"], 10), (items["KRT-F4"], 5)],
        )
        lines = {line.item_id: line for line in partial.lines.all()}
        services.approve_request(
            actor=kasi,
            request=partial,
            quantities={lines[items["SPD-TP"].pk].pk: 4},
            note="Spidol cukup 4, sisanya pakai yang ada di ruang rapat.",
        )
        services.request_supplies(
            actor=requester,
            organisation=office,
            purpose="Kebutuhan administrasi Seksi Pemerintahan bulan ini",
            lines=[(items["TNT-HT"], 2), (items["STP-10"], 4)],
        )
        rejected = services.request_supplies(
            actor=requester, organisation=office, purpose="Flashdisk cadangan", lines=[(items["FLS-32"], 3)]
        )
        services.reject_request(actor=kasi, request=rejected, reason="Gunakan penyimpanan bersama kantor.")
        created["supplies.SupplyRequest"] += 4
        services.adjust_stock(
            actor=keeper, item=items["PHP-TX"], counted_quantity=18, reason="Stock opname: 2 botol mengering."
        )
    return created
