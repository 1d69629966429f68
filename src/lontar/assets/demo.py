"""Demo data of assets: the shipped code list for the deployment, and for Kecamatan Jatisari its rooms,
about forty assets across KIB A-E with the codes of Permendagri 108/2016, a damage report in progress,
an open stock-taking of the Subbag TU room and a disposal proposal awaiting the Camat. Everything goes
through the services, so history and audit trail are true. Idempotent: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction

from lontar.assets.models import Asset, AssetCode, Condition, Origin
from lontar.assets.services import codes as code_services
from lontar.assets.services import disposal as disposal_services
from lontar.assets.services import maintenance as maintenance_services
from lontar.assets.services import register as services
from lontar.assets.services import stocktake as stocktake_services
from lontar.core.models import Organisation, Staff

ROOMS = [
    ("R-01", "Ruang Camat", "Gedung utama, lantai 1", "camat.jatisari"),
    ("R-02", "Ruang Sekretaris Kecamatan", "Gedung utama, lantai 1", "sekcam.jatisari"),
    ("R-03", "Ruang Subbagian Umum dan Kepegawaian", "Gedung utama, lantai 1", "kasubag.tu.jatisari"),
    ("R-04", "Ruang Pelayanan PATEN", "Gedung utama, lantai 1", "fo.jatisari"),
    ("R-05", "Ruang Seksi Pemerintahan", "Gedung utama, lantai 2", "kasi.pem.jatisari"),
    ("R-06", "Aula Kecamatan", "Gedung utama, lantai 2", "kasubag.tu.jatisari"),
]

# (code, name, brand/type, year, value, room, holder username, condition, details, count)
ASSETS = [
    (
        "1.3.1.01.01.04.001",
        "Tanah Kantor Kecamatan Jatisari",
        "",
        1998,
        1_875_000_000,
        None,
        None,
        "B",
        {
            "area_m2": "1250",
            "address": "Jl. Raya Jatisari No. 12",
            "land_right": "hak_pakai",
            "certificate_date": "2004-03-17",
            "certificate_number": "10.21.05.03.4.00012",
            "use": "Kantor Kecamatan",
        },
        1,
    ),
    (
        "1.3.3.01.01.01.001",
        "Gedung Kantor Kecamatan Jatisari",
        "",
        2009,
        2_460_500_000,
        None,
        None,
        "B",
        {
            "building_state": "P",
            "multi_storey": "ya",
            "concrete": "ya",
            "floor_area_m2": "640",
            "address": "Jl. Raya Jatisari No. 12",
            "document_number": "IMB 640/117/2009",
            "land_area_m2": "1250",
            "land_status": "Tanah milik Pemda",
            "land_code": "1.3.1.01.01.04.001",
        },
        1,
    ),
    (
        "1.3.3.01.01.01.002",
        "Pos Jaga Kantor Kecamatan",
        "",
        2015,
        48_750_000,
        None,
        None,
        "KB",
        {
            "building_state": "SP",
            "multi_storey": "tidak",
            "concrete": "tidak",
            "floor_area_m2": "9",
            "address": "Jl. Raya Jatisari No. 12",
        },
        1,
    ),
    (
        "1.3.4.01.01",
        "Jalan Lingkungan Kantor Kecamatan (paving)",
        "",
        2017,
        132_400_000,
        None,
        None,
        "B",
        {
            "construction": "Paving blok",
            "length_km": "0.12",
            "width_m": "4",
            "area_m2": "480",
            "address": "Kompleks Kantor Kecamatan Jatisari",
        },
        1,
    ),
    (
        "1.3.2.02.01.02.003",
        "Mobil Dinas Operasional",
        "Toyota Avanza 1.3 G",
        2019,
        236_800_000,
        None,
        "sekcam.jatisari",
        "B",
        {
            "size": "1329 cc",
            "material": "Besi",
            "frame_number": "MHKM1BA3JKK019482",
            "engine_number": "1NRF712933",
            "police_number": "T 1482 K",
            "bpkb_number": "P-04821937",
        },
        1,
    ),
    (
        "1.3.2.02.01.04.001",
        "Sepeda Motor Dinas",
        "Honda Supra X 125",
        2018,
        19_650_000,
        None,
        "kasi.pem.jatisari",
        "B",
        {
            "size": "125 cc",
            "material": "Besi",
            "frame_number": "MH1JBK119JK402871",
            "engine_number": "JBK1E1402922",
            "police_number": "T 5921 KA",
            "bpkb_number": "O-08812234",
        },
        1,
    ),
    (
        "1.3.2.02.01.04.001",
        "Sepeda Motor Dinas",
        "Yamaha NMAX 155",
        2022,
        31_200_000,
        None,
        "staf.pem.jatisari",
        "B",
        {
            "size": "155 cc",
            "material": "Besi",
            "frame_number": "MH3SG4620NJ118834",
            "engine_number": "G3L7E0298811",
            "police_number": "T 3307 KB",
            "bpkb_number": "Q-01927745",
        },
        1,
    ),
    (
        "1.3.2.10.01.02.001",
        "Komputer PC",
        "Lenovo ThinkCentre M70t",
        2021,
        12_450_000,
        "R-03",
        "kasubag.tu.jatisari",
        "B",
        {"material": "Campuran"},
        3,
    ),
    (
        "1.3.2.10.01.02.001",
        "Komputer PC",
        "HP ProDesk 400 G7",
        2020,
        11_800_000,
        "R-04",
        "fo.jatisari",
        "B",
        {"material": "Campuran"},
        3,
    ),
    (
        "1.3.2.10.01.02.002",
        "Laptop",
        "Asus ExpertBook B1400",
        2023,
        13_275_000,
        "R-01",
        "camat.jatisari",
        "B",
        {},
        1,
    ),
    (
        "1.3.2.10.01.02.002",
        "Laptop",
        "Lenovo ThinkPad E14",
        2022,
        12_990_000,
        "R-02",
        "sekcam.jatisari",
        "B",
        {},
        1,
    ),
    (
        "1.3.2.10.01.02.002",
        "Laptop",
        "Acer TravelMate P214",
        2021,
        11_350_000,
        "R-05",
        "kasi.pem.jatisari",
        "KB",
        {},
        2,
    ),
    ("1.3.2.10.02.03.003", "Printer", "Epson L3210", 2022, 2_785_000, "R-03", None, "B", {}, 1),
    ("1.3.2.10.02.03.003", "Printer", "Canon PIXMA G3020", 2021, 2_950_000, "R-04", None, "B", {}, 2),
    (
        "1.3.2.05.02.01.002",
        "Meja Kerja Kayu",
        "Olympic",
        2016,
        1_850_000,
        "R-03",
        None,
        "B",
        {"material": "Kayu"},
        3,
    ),
    (
        "1.3.2.05.02.01.002",
        "Meja Kerja Kayu",
        "Olympic",
        2016,
        1_850_000,
        "R-05",
        None,
        "KB",
        {"material": "Kayu"},
        3,
    ),
    (
        "1.3.2.05.02.01.003",
        "Kursi Kerja Besi",
        "Chitose",
        2016,
        725_000,
        "R-04",
        None,
        "B",
        {"material": "Besi"},
        5,
    ),
    (
        "1.3.2.05.02.01.003",
        "Kursi Kerja Besi",
        "Chitose",
        2012,
        650_000,
        "R-06",
        None,
        "RB",
        {"material": "Besi"},
        1,
    ),
    (
        "1.3.2.05.02.01.008",
        "Meja Rapat",
        "Lokal, kayu jati",
        2015,
        6_500_000,
        "R-06",
        None,
        "B",
        {"material": "Kayu"},
        1,
    ),
    (
        "1.3.2.05.02.04.004",
        "AC Split 1 PK",
        "Daikin FTV25",
        2020,
        4_890_000,
        "R-01",
        None,
        "B",
        {"size": "1 PK"},
        1,
    ),
    (
        "1.3.2.05.02.04.004",
        "AC Split 1 PK",
        "Panasonic CS-PN9",
        2019,
        4_650_000,
        "R-04",
        None,
        "B",
        {"size": "1 PK"},
        2,
    ),
    (
        "1.3.2.05.02.04.004",
        "AC Split 2 PK",
        "Sharp AH-A18",
        2018,
        7_250_000,
        "R-06",
        None,
        "KB",
        {"size": "2 PK"},
        1,
    ),
    (
        "1.3.2.05.01.04.005",
        "Filling Cabinet Besi 4 Laci",
        "Brother",
        2017,
        3_150_000,
        "R-03",
        None,
        "B",
        {"material": "Besi"},
        2,
    ),
    (
        "1.3.2.05.01.04.001",
        "Lemari Arsip Besi",
        "Lion",
        2014,
        3_400_000,
        "R-02",
        None,
        "B",
        {"material": "Besi"},
        1,
    ),
    ("1.3.2.05.01.04.007", "Brankas", "Ichiban", 2013, 5_750_000, "R-03", None, "B", {"material": "Besi"}, 1),
    ("1.3.2.05.01.05.043", "LCD Projector", "Epson EB-X500", 2021, 7_850_000, "R-06", None, "B", {}, 1),
    (
        "1.3.5.01.01.01.002",
        "Buku Referensi Peraturan Pemerintahan Daerah",
        "",
        2020,
        1_250_000,
        "R-05",
        None,
        "B",
        {
            "book_title": "Himpunan Peraturan Pemerintahan Daerah",
            "book_spec": "Cetakan 2020",
            "quantity": "1",
        },
        2,
    ),
]


def _users(names):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    staff = {s.user.username: s for s in Staff.objects.filter(user__in=users.values()).select_related("user")}
    return users, staff


@transaction.atomic
def load_assets_demo() -> Counter:
    created: Counter = Counter()
    imported = code_services.import_shipped_codes(actor=None)
    if imported["create"] or imported["update"]:
        created["kode barang"] += imported["create"] + imported["update"]
    office = Organisation.objects.filter(code="Kec.Jts").first()
    if office is None or Asset.objects.filter(organisation=office).exists():
        return created
    names = {r[3] for r in ROOMS} | {a[6] for a in ASSETS if a[6]} | {"staf.jatisari", "camat.jatisari"}
    users, staff = _users(names)
    keeper = users.get("kasubag.tu.jatisari")
    if keeper is None:
        return created
    rooms = {}
    for code, name, building, who in ROOMS:
        rooms[code] = services.create_room(
            actor=keeper,
            organisation=office,
            code=code,
            name=name,
            building=building,
            responsible=staff.get(who),
        )
        created["ruangan"] += 1
    codes = {c.code: c for c in AssetCode.objects.filter(code__in={a[0] for a in ASSETS})}
    assets = []
    for code, name, brand, year, value, room, holder, condition, details, count in ASSETS:
        for _n in range(count):
            assets.append(
                services.register_asset(
                    actor=keeper,
                    organisation=office,
                    code=codes[code],
                    name=name,
                    brand_type=brand,
                    acquisition_year=year,
                    acquisition_date=dt.date(year, 7, 15),
                    value=value,
                    origin=Origin.PURCHASE if year > 2000 else Origin.OTHER,
                    condition=condition,
                    room=rooms.get(room),
                    holder=staff.get(holder),
                    details=details,
                    location="" if room else "Kompleks Kantor Kecamatan Jatisari",
                )
            )
            created["aset"] += 1
    _activity(office, keeper, users, rooms, assets, created)
    return created


def _activity(office, keeper, users, rooms, assets, created) -> None:
    reporter = users.get("staf.jatisari") or keeper
    ac = next(a for a in assets if a.name.startswith("AC Split 2 PK"))
    ticket = maintenance_services.report_damage(
        actor=reporter,
        asset=ac,
        description="AC aula tidak dingin dan menetes air ke lantai saat dinyalakan.",
    )
    maintenance_services.assign(
        actor=keeper,
        request=ticket,
        assignee=users.get("staf.jatisari") or keeper,
        note="Hubungi teknisi langganan untuk cuci dan isi freon.",
    )
    printer = next(a for a in assets if a.name == "Printer" and a.room == rooms["R-04"])
    maintenance_services.report_damage(
        actor=users.get("fo.jatisari") or reporter,
        asset=printer,
        description="Hasil cetak bergaris; head printer perlu dibersihkan.",
    )
    created["pemeliharaan"] += 2

    session = stocktake_services.open_session(
        actor=keeper,
        organisation=office,
        title="Inventarisasi Ruang Subbag Umum Semester II 2026",
        room=rooms["R-03"],
    )
    in_room = [a for a in assets if a.room_id == rooms["R-03"].pk]
    for asset in in_room[:4]:
        stocktake_services.check_item(actor=keeper, session=session, asset=asset, found=True)
    if len(in_room) > 5:
        stocktake_services.check_item(
            actor=keeper,
            session=session,
            asset=in_room[4],
            found=True,
            found_condition=Condition.FAIR,
            note="Laci macet.",
        )
        stocktake_services.check_item(
            actor=keeper,
            session=session,
            asset=in_room[5],
            found=True,
            found_room=rooms["R-02"],
            note="Dipakai di ruang Sekcam.",
        )
    created["inventarisasi"] += 1

    broken = [a for a in assets if a.condition == Condition.BROKEN]
    if broken:
        disposal_services.propose(
            actor=keeper,
            organisation=office,
            assets=broken,
            reason="Rusak berat: rangka patah dan tidak ekonomis diperbaiki.",
        )
        created["usulan penghapusan"] += 1
