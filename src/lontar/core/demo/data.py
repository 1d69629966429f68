"""The fictional Kota Sukamaju: three kecamatan, their kelurahan, units, positions and people.

Everything here is invented. Names mix the regions of Indonesia the way a West Java city office
does; e-mail addresses use the reserved `.example` domain so no message can reach a real person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lontar.core.models import Role, UnitKind

DEMO_PASSWORD = "Lontar-Demo-2026"  # noqa: S105 - a published demo password, never used in production
MAIL_DOMAIN = "sukamaju.example"

CITY = {
    "code": "Kota.Skm",
    "name": "Kota Sukamaju",
    "short_name": "Sukamaju",
    "letterhead_government": "PEMERINTAH KOTA SUKAMAJU",
    "region_code": "32.99",
    "address": "Jl. Merdeka No. 1, Sukamaju",
    "postal_code": "40100",
    "phone": "(022) 555-0100",
    "email": f"setda@{MAIL_DOMAIN}",
    "website": f"https://{MAIL_DOMAIN}",
}

# (code, name, kind, parent code)
CITY_UNITS = [
    ("TAPEM", "Bagian Tata Pemerintahan", UnitKind.SECRETARIAT, None),
    ("INSP", "Inspektorat Daerah", UnitKind.FUNCTIONAL, None),
]
# (key, title, unit code, superior key, is unit head)
CITY_POSITIONS = [
    ("pranata_kota", "Pranata Komputer Ahli Muda", "TAPEM", None, False),
    ("auditor_kota", "Auditor Ahli Muda", "INSP", None, False),
]

# Rank by seniority, as written in the DUK (REFERENCE §6).
RANKS = {
    "IV/b": "IV/b Pembina Tingkat I",
    "IV/a": "IV/a Pembina",
    "III/d": "III/d Penata Tingkat I",
    "III/c": "III/c Penata",
    "III/b": "III/b Penata Muda Tingkat I",
    "III/a": "III/a Penata Muda",
    "II/d": "II/d Pengatur Tingkat I",
    "II/c": "II/c Pengatur",
    "II/a": "II/a Pengatur Muda",
}


def district_units(tu_name: str) -> list[tuple[str, str, str, str | None]]:
    return [
        ("PIM", "Pimpinan", UnitKind.LEADERSHIP, None),
        ("SEK", "Sekretariat", UnitKind.SECRETARIAT, None),
        ("TU", tu_name, UnitKind.SUBDIVISION, "SEK"),
        ("PK", "Subbagian Perencanaan dan Keuangan", UnitKind.SUBDIVISION, "SEK"),
        ("PEM", "Seksi Pemerintahan", UnitKind.SECTION, None),
        ("PEL", "Seksi Pelayanan (PATEN)", UnitKind.SERVICE, None),
        ("TRANTIB", "Seksi Ketentraman dan Ketertiban", UnitKind.SECTION, None),
        ("KESOS", "Seksi Kesejahteraan Sosial", UnitKind.SECTION, None),
        ("EKBANG", "Seksi Ekonomi dan Pembangunan", UnitKind.SECTION, None),
    ]


def district_positions(tu_name: str, place: str) -> list[tuple[str, str, str, str | None, bool]]:
    # Kasubag report to the Sekcam, the Sekcam and the Kasi to the Camat, staff to their unit head.
    # The head's post carries the place, as it is printed above a signature ("Camat Jatisari,").
    return [
        ("camat", f"Camat {place}", "PIM", None, True),
        ("sekcam", "Sekretaris Kecamatan", "SEK", "camat", True),
        ("kasubag_tu", f"Kepala {tu_name}", "TU", "sekcam", True),
        ("kasubag_pk", "Kepala Subbagian Perencanaan dan Keuangan", "PK", "sekcam", True),
        ("kasi_pem", "Kepala Seksi Pemerintahan", "PEM", "camat", True),
        ("kasi_pel", "Kepala Seksi Pelayanan", "PEL", "camat", True),
        ("kasi_trantib", "Kepala Seksi Ketentraman dan Ketertiban", "TRANTIB", "camat", True),
        ("kasi_kesos", "Kepala Seksi Kesejahteraan Sosial", "KESOS", "camat", True),
        ("kasi_ekbang", "Kepala Seksi Ekonomi dan Pembangunan", "EKBANG", "camat", True),
        ("analis", "Analis Kebijakan", "SEK", "sekcam", False),
        ("pengadm_umum", "Pengadministrasi Umum", "TU", "kasubag_tu", False),
        ("pranata", "Pranata Komputer", "TU", "kasubag_tu", False),
        ("pengadm_keu", "Pengadministrasi Keuangan", "PK", "kasubag_pk", False),
        ("pengolah_data", "Pengolah Data dan Informasi", "PEM", "kasi_pem", False),
        ("plo", "Pengelola Layanan Operasional", "PEL", "kasi_pel", False),
        ("operator", "Operator Layanan Operasional", "PEL", "kasi_pel", False),
    ]


VILLAGE_UNITS = [
    ("PIM", "Pimpinan", UnitKind.LEADERSHIP, None),
    ("SEK", "Sekretariat Kelurahan", UnitKind.SECRETARIAT, None),
    ("PEM", "Seksi Pemerintahan dan Pelayanan", UnitKind.SECTION, None),
]


def village_positions(place: str) -> list[tuple[str, str, str, str | None, bool]]:
    return [
        ("lurah", f"Lurah {place}", "PIM", None, True),
        ("seklur", "Sekretaris Kelurahan", "SEK", "lurah", True),
        ("pengadm_umum", "Pengadministrasi Umum", "SEK", "seklur", False),
    ]


# Per position: (rank key, birth years from-to). PPPK and non-ASN people carry no pangkat.
SENIORITY = {
    "camat": ("IV/b", 1972, 1978),
    "sekcam": ("IV/a", 1975, 1981),
    "kasubag_tu": ("III/d", 1978, 1986),
    "kasubag_pk": ("III/d", 1978, 1986),
    "kasi_pem": ("III/d", 1977, 1985),
    "kasi_pel": ("III/c", 1980, 1988),
    "kasi_trantib": ("III/d", 1976, 1984),
    "kasi_kesos": ("III/c", 1980, 1988),
    "kasi_ekbang": ("III/c", 1980, 1988),
    "analis": ("III/b", 1986, 1992),
    "pengadm_umum": ("II/c", 1985, 1996),
    "pranata": ("III/a", 1990, 1997),
    "pengadm_keu": ("II/d", 1988, 1996),
    "pengolah_data": ("III/a", 1990, 1998),
    "plo": ("II/c", 1991, 1999),
    "operator": ("II/a", 1995, 2001),
    "lurah": ("III/d", 1975, 1984),
    "seklur": ("III/c", 1980, 1989),
    "pranata_kota": ("III/d", 1982, 1988),
    "auditor_kota": ("III/d", 1980, 1986),
}


@dataclass(frozen=True)
class Person:
    position: str
    full_name: str
    sex: str  # "L" or "P", as on Indonesian forms
    back_title: str = ""
    front_title: str = ""
    employment: str = "pns"
    username: str = ""
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Village:
    slug: str
    name: str
    code: str
    people: tuple[Person, ...]


@dataclass(frozen=True)
class District:
    slug: str
    name: str
    code: str
    tu_name: str
    villages: tuple[Village, ...]
    people: tuple[Person, ...]
    vacant: tuple[str, ...] = ()
    acting: tuple[tuple[str, str, str, int, int], ...] = field(default=())


def _district_people(slug: str, rows) -> tuple[Person, ...]:
    """rows: (position, name, sex, back title, front title, employment)."""
    accounts = {
        "camat": (f"camat.{slug}", (Role.HEAD,)),
        "sekcam": (f"sekcam.{slug}", (Role.SECRETARY,)),
        "kasubag_tu": (f"kasubag.tu.{slug}", (Role.SECTION_HEAD,)),
        "kasubag_pk": (f"kasubag.pk.{slug}", (Role.SECTION_HEAD,)),
        "kasi_pem": (f"kasi.pem.{slug}", (Role.SECTION_HEAD,)),
        "kasi_pel": (f"kasi.pel.{slug}", (Role.SECTION_HEAD,)),
        "kasi_trantib": (f"kasi.trantib.{slug}", (Role.SECTION_HEAD,)),
        "kasi_kesos": (f"kasi.kesos.{slug}", (Role.SECTION_HEAD,)),
        "kasi_ekbang": (f"kasi.ekbang.{slug}", (Role.SECTION_HEAD,)),
        "analis": (f"auditor.{slug}", (Role.AUDITOR,)),
        "pengadm_umum": (f"staf.{slug}", (Role.STAFF,)),
        "pranata": (f"admin.{slug}", (Role.ORG_ADMIN, Role.STAFF)),
        "pengadm_keu": (f"staf.keu.{slug}", (Role.STAFF,)),
        "pengolah_data": (f"staf.pem.{slug}", (Role.STAFF,)),
        "plo": (f"fo.{slug}", (Role.FRONT_DESK, Role.STAFF)),
    }
    people = []
    for position, name, sex, back, front, employment in rows:
        username, roles = accounts.get(position, ("", ()))
        people.append(Person(position, name, sex, back, front, employment, username, roles))
    return tuple(people)


def _village(slug: str, name: str, code: str, lurah, seklur, staff) -> Village:
    return Village(
        slug=slug,
        name=f"Kelurahan {name}",
        code=code,
        people=(
            Person("lurah", *lurah, username=f"lurah.{slug}", roles=(Role.HEAD,)),
            Person("seklur", *seklur),
            Person("pengadm_umum", *staff),
        ),
    )


DISTRICTS = (
    District(
        slug="jatisari",
        name="Kecamatan Jatisari",
        code="Kec.Jts",
        tu_name="Subbagian Umum dan Kepegawaian",
        villages=(
            _village(
                "jatisari",
                "Jatisari",
                "Kel.Jts",
                ("Cecep Supriadi", "L", "S.Sos."),
                ("Tuti Alawiyah", "P", "S.AP."),
                ("Dadang Hermawan", "L"),
            ),
            _village(
                "cibeureum",
                "Cibeureum",
                "Kel.Cbr",
                ("Endang Suherman", "L", "S.IP."),
                ("Rini Puspitasari", "P", "S.E."),
                ("Nana Suryana", "L", "", "", "non_asn"),
            ),
            _village(
                "sukaresmi",
                "Sukaresmi",
                "Kel.Skr",
                ("Yeti Nurhayati", "P", "S.Sos."),
                ("Ade Kurnia", "L", "S.AP."),
                ("Imas Masitoh", "P"),
            ),
            _village(
                "margamulya",
                "Margamulya",
                "Kel.Mgm",
                ("Wahyu Hidayat", "L", "S.STP."),
                ("Elis Rosmiati", "P", "S.Sos."),
                ("Asep Mulyana", "L", "", "", "non_asn"),
            ),
            _village(
                "pasirjati",
                "Pasirjati",
                "Kel.Psj",
                ("Sutrisno", "L", "S.Sos."),
                ("Nia Kurniati", "P", "S.IP."),
                ("Hendi Rustandi", "L"),
            ),
        ),
        people=_district_people(
            "jatisari",
            [
                ("camat", "Asep Saepudin Hidayat", "L", "S.STP., M.Si.", "", "pns"),
                ("sekcam", "Rina Marlina", "P", "S.Sos., M.Si.", "", "pns"),
                ("kasubag_tu", "Dedi Kurniawan", "L", "S.IP.", "", "pns"),
                ("kasubag_pk", "Euis Komalasari", "P", "S.E., M.M.", "Hj.", "pns"),
                ("kasi_pem", "Parlindungan Siregar", "L", "S.H.", "", "pns"),
                ("kasi_pel", "Sri Wahyuni", "P", "S.Sos.", "", "pns"),
                ("kasi_trantib", "Muhammad Rojali", "L", "S.IP.", "", "pns"),
                ("kasi_kesos", "Yulia Rahmawati", "P", "S.Sos.", "", "pns"),
                ("kasi_ekbang", "Fajar Nugroho", "L", "S.T., M.T.", "", "pns"),
                ("analis", "Andi Firmansyah Nasution", "L", "S.E.", "", "pns"),
                ("pengadm_umum", "Ujang Sopandi", "L", "", "", "pns"),
                ("pranata", "Rizky Pratama", "L", "S.Kom.", "", "pns"),
                ("pengadm_keu", "Desi Ratnasari", "P", "A.Md.Ak.", "", "pns"),
                ("pengolah_data", "Taufik Ramadhan", "L", "S.Kom.", "", "pppk"),
                ("plo", "Neng Siti Aisyah", "P", "A.Md.", "", "pns"),
                ("operator", "Iwan Setiawan", "L", "", "", "non_asn"),
            ],
        ),
        # Plh. Kasi Pemerintahan while the Kasi is on leave: (position, acting person's position,
        # kind, days before today, days after today).
        acting=(("kasi_pem", "kasi_trantib", "plh", 2, 10),),
    ),
    District(
        slug="mekarsari",
        name="Kecamatan Mekarsari",
        code="Kec.Mks",
        tu_name="Subbagian Tata Usaha",
        villages=(
            _village(
                "mekarsari",
                "Mekarsari",
                "Kel.Mks",
                ("Rudi Hartono", "L", "S.Sos."),
                ("Lina Marlina", "P", "S.E."),
                ("Tarsim", "L", "", "", "non_asn"),
            ),
            _village(
                "sindangrasa",
                "Sindangrasa",
                "Kel.Sdr",
                ("Herlina Situmorang", "P", "S.H."),
                ("Gugun Gunawan", "L", "S.AP."),
                ("Euis Rohaeti", "P"),
            ),
            _village(
                "cikahuripan",
                "Cikahuripan",
                "Kel.Ckh",
                ("Dodi Firmansyah", "L", "S.IP."),
                ("Sri Mulyani", "P", "S.Sos."),
                ("Jajang Nurjaman", "L"),
            ),
            _village(
                "sirnagalih",
                "Sirnagalih",
                "Kel.Sng",
                ("Yudi Prasetyo", "L", "S.STP."),
                ("Wiwin Winarsih", "P", "S.AP."),
                ("Odang Suhendar", "L", "", "", "non_asn"),
            ),
        ),
        people=_district_people(
            "mekarsari",
            [
                ("camat", "Bambang Sutrisno", "L", "M.Si.", "Drs.", "pns"),
                ("sekcam", "Yusuf Maulana", "L", "S.STP., M.A.P.", "", "pns"),
                ("kasubag_tu", "Dewi Anggraeni", "P", "S.Sos.", "", "pns"),
                ("kasubag_pk", "Hendra Gunawan", "L", "S.E.", "", "pns"),
                ("kasi_pem", "Ratna Sari Harahap", "P", "S.H.", "", "pns"),
                ("kasi_pel", "Agus Salim Chaniago", "L", "S.IP.", "", "pns"),
                ("kasi_trantib", "Budi Santoso", "L", "S.Sos.", "", "pns"),
                ("kasi_kesos", "Nurhasanah", "P", "S.Sos.", "", "pns"),
                ("analis", "Fitri Handayani", "P", "S.E., M.Ak.", "", "pns"),
                ("pengadm_umum", "Cucu Sumiati", "P", "", "", "pns"),
                ("pranata", "Galih Permana", "L", "S.Kom.", "", "pns"),
                ("pengadm_keu", "Lilis Suryani", "P", "A.Md.", "", "pns"),
                ("pengolah_data", "Indra Lesmana", "L", "S.Kom.", "", "pns"),
                ("plo", "Reza Fauzan", "L", "A.Md.", "", "pppk"),
                ("operator", "Saepul Anwar", "L", "", "", "non_asn"),
            ],
        ),
        # The Kasi Ekonomi dan Pembangunan retired; the Kasi Kesos is Plt. until a new one is appointed.
        vacant=("kasi_ekbang",),
        acting=(("kasi_ekbang", "kasi_kesos", "plt", 30, 60),),
    ),
    District(
        slug="sukaluyu",
        name="Kecamatan Sukaluyu",
        code="Kec.Skl",
        tu_name="Subbagian Tata Usaha",
        villages=(
            _village(
                "sukaluyu",
                "Sukaluyu",
                "Kel.Skl",
                ("Dadan Ramdani", "L", "S.Sos."),
                ("Neneng Hasanah", "P", "S.E."),
                ("Ujang Rohman", "L"),
            ),
            _village(
                "babakanasih",
                "Babakan Asih",
                "Kel.Bba",
                ("Rosita Dewi", "P", "S.IP."),
                ("Iman Sulaeman", "L", "S.AP."),
                ("Aan Anwar", "L", "", "", "non_asn"),
            ),
            _village(
                "karangmekar",
                "Karangmekar",
                "Kel.Krm",
                ("Zulkifli Pohan", "L", "S.H."),
                ("Titin Supriatin", "P", "S.Sos."),
                ("Kokom Komariah", "P"),
            ),
            _village(
                "tanjungsari",
                "Tanjungsari",
                "Kel.Tjs",
                ("Slamet Riyadi", "L", "S.Sos."),
                ("Ani Suryani", "P", "S.AP."),
                ("Dede Rusmana", "L"),
            ),
            _village(
                "cipedes",
                "Cipedes",
                "Kel.Cpd",
                ("Irma Yunita", "P", "S.STP."),
                ("Deden Kusnadi", "L", "S.E."),
                ("Entin Kartini", "P", "", "", "non_asn"),
            ),
        ),
        people=_district_people(
            "sukaluyu",
            [
                ("camat", "Nining Kurniasih", "P", "S.STP., M.Si.", "Hj.", "pns"),
                ("sekcam", "Tatang Supriatna", "L", "S.Sos., M.Si.", "", "pns"),
                ("kasubag_tu", "Mulyadi", "L", "S.AP.", "", "pns"),
                ("kasubag_pk", "Ayu Lestari Sinaga", "P", "S.E.", "", "pns"),
                ("kasi_pem", "Rahmat Hidayat Koto", "L", "S.IP.", "", "pns"),
                ("kasi_pel", "Eka Putri Wulandari", "P", "S.Sos.", "", "pns"),
                ("kasi_trantib", "Heri Susanto", "L", "S.H.", "", "pns"),
                ("kasi_kesos", "Siti Maemunah", "P", "S.Sos.", "", "pns"),
                ("kasi_ekbang", "Joko Purnomo", "L", "S.T.", "", "pns"),
                ("analis", "Yanti Sumiyati", "P", "S.E.", "", "pns"),
                ("pengadm_umum", "Enok Sumarni", "P", "", "", "pns"),
                ("pranata", "Wulan Septiani", "P", "S.Kom.", "", "pns"),
                ("pengadm_keu", "Agung Wibowo", "L", "A.Md.Ak.", "", "pns"),
                ("pengolah_data", "Ikhsan Maulana Lubis", "L", "S.Kom.", "", "pppk"),
                ("plo", "Dimas Arya Saputra", "L", "A.Md.", "", "pns"),
                ("operator", "Ahmad Fauzi", "L", "", "", "non_asn"),
            ],
        ),
    ),
)

CITY_PEOPLE = (
    Person(
        "pranata_kota", "Arif Budiman", "L", "S.Kom., M.T.", username="admin.kota", roles=(Role.CITY_ADMIN,)
    ),
    Person(
        "auditor_kota",
        "Meiliana Tambunan",
        "P",
        "M.Ak.",
        "Ir.",
        username="auditor.kota",
        roles=(Role.AUDITOR,),
    ),
)


def all_people():
    """(office code, Person) for everyone in the demo."""
    for person in CITY_PEOPLE:
        yield CITY["code"], person
    for district in DISTRICTS:
        for person in district.people:
            yield district.code, person
        for village in district.villages:
            for person in village.people:
                yield village.code, person
