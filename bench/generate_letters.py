"""Generate a kota's worth of incoming letters, dispositions and their search entries, in bulk.

    DJANGO_SETTINGS_MODULE=lontar.settings \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lontar_bench \\
    python bench/generate_letters.py --offices 50 --letters 1000000

The people and offices are created through the ORM (a few thousand rows). Letters, dispositions, their
instruction links, search entries and allowed users are written with COPY on PostgreSQL (executemany
elsewhere), office by office, one transaction per office: a run that is stopped resumes at the first
office without letters. The text of every search entry comes from the application's own functions
(`letter_search_text`, `disposition_search_fields`), and the restricted entries' allowed users are the
letter's chain exactly as `chain_user_ids` defines it, so the rows are the ones `reindex_letter` writes.

Not generated (they are not read by the inbox, the register or search): audit rows, notifications,
workflow history (StatusChange) and numbering counters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

if __name__ == "__main__":  # run as a script: make `lontar` importable and start Django
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lontar.settings")
    import django

    django.setup()

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from lontar.core.models import Membership, Organisation, Role, Unit
from lontar.core.models.organisations import (
    OrganisationKind,
    Position,
    PositionAssignment,
    Staff,
    UnitKind,
)
from lontar.core.search import sql as search_sql
from lontar.core.search.models import SearchEntry
from lontar.core.search.services import TITLE_MAX_CHARS, body_max_chars
from lontar.correspondence.models import (
    Disposition,
    DispositionInstruction,
    DispositionStatus,
    IncomingLetter,
    IncomingStatus,
    SecurityClass,
)
from lontar.correspondence.models.incoming import number_key, sender_key
from lontar.correspondence.services.dispositions import (
    person_label,
    seed_default_instructions,
)
from lontar.correspondence.services.incoming import (
    SEARCH_KIND_INCOMING,
    disposition_search_fields,
    letter_search_facets,
    letter_search_text,
)
from lontar.records.models import Classification
from lontar.records.services import import_shipped_classification

PASSWORD = "Lontar-Bench-2026"
KOTA_CODE = "Bench"
TODAY = dt.date(2026, 11, 20)
YEARS = 3

# --- vocabulary -----------------------------------------------------------------------------------
FIRST = [
    "Agus",
    "Budi",
    "Siti",
    "Sri",
    "Dewi",
    "Rina",
    "Eko",
    "Joko",
    "Bambang",
    "Slamet",
    "Sutrisno",
    "Wahyu",
    "Hendra",
    "Andi",
    "Yusuf",
    "Ahmad",
    "Muhammad",
    "Nur",
    "Fitri",
    "Ratna",
    "Indah",
    "Lestari",
    "Putri",
    "Rudi",
    "Dedi",
    "Hadi",
    "Teguh",
    "Imam",
    "Ridwan",
    "Hasan",
    "Umar",
    "Lukman",
    "Fajar",
    "Dian",
    "Yuni",
    "Wulan",
    "Sari",
    "Tri",
    "Asep",
    "Ujang",
    "Ketut",
    "Made",
    "Nyoman",
    "Wayan",
    "Gede",
    "Komang",
    "Intan",
    "Aisyah",
    "Reza",
]
LAST = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Kurniawan",
    "Setiawan",
    "Pratama",
    "Nugroho",
    "Susanto",
    "Wibowo",
    "Rahmawati",
    "Lestari",
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Hutapea",
    "Sitorus",
    "Manurung",
    "Pangaribuan",
    "Sinaga",
    "Permana",
    "Gunawan",
    "Suryadi",
    "Firmansyah",
    "Hakim",
    "Ramadhan",
    "Maulana",
    "Syahputra",
    "Anggraini",
    "Handayani",
    "Purnomo",
    "Sembiring",
    "Tarigan",
    "Ginting",
    "Lubis",
    "Daulay",
    "Batubara",
    "Pohan",
    "Matondang",
    "Wahyudi",
    "Sulistyo",
]
INSTITUTIONS = (
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Kesehatan",
    "Dinas Pendidikan dan Kebudayaan",
    "Dinas Sosial",
    "Dinas Perhubungan",
    "Dinas Lingkungan Hidup",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Koperasi dan Usaha Mikro",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Penanggulangan Bencana Daerah",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Inspektorat Daerah",
    "Sekretariat Daerah Bagian Pemerintahan",
    "Satuan Polisi Pamong Praja",
    "Kepolisian Sektor",
    "Komando Rayon Militer",
    "Puskesmas",
    "Kantor Urusan Agama",
    "Badan Pusat Statistik",
    "Komisi Pemilihan Umum",
    "Badan Pengawas Pemilu",
    "PT Perusahaan Listrik Negara (Persero) ULP",
    "Perumda Air Minum Tirta",
    "Kantor Pertanahan",
    "SD Negeri",
    "SMP Negeri",
    "Lembaga Pemberdayaan Masyarakat",
    "Karang Taruna",
    "Tim Penggerak PKK",
    "Majelis Ulama Indonesia",
    "Forum Kerukunan Umat Beragama",
    "Yayasan Al-Hikmah",
    "CV Sinar Jaya Abadi",
    "PT Mitra Sejahtera Nusantara",
    "Koperasi Simpan Pinjam Maju Bersama",
    "Ketua RT",
    "Ketua RW",
    "",
)
TOPICS = (
    # (subject templates, summary template); {p} place, {d} date words, {n} number, {w} person
    (
        "Permohonan izin keramaian acara pernikahan warga RT {rt} RW {rw}",
        "Mohon izin penyelenggaraan resepsi pernikahan dengan hiburan organ tunggal pada {d} di {p}.",
    ),
    (
        "Permohonan perizinan usaha mikro {usaha} di {p}",
        "Pemohon mengajukan surat keterangan usaha dan perizinan berusaha berbasis risiko untuk {usaha}.",
    ),
    (
        "Undangan rapat koordinasi {program} tingkat kota",
        "Dimohon kehadiran pimpinan atau pejabat yang ditunjuk dalam rapat koordinasi {program} pada {d}.",
    ),
    (
        "Undangan musyawarah perencanaan pembangunan (Musrenbang) {p}",
        "Musrenbang membahas usulan prioritas pembangunan tahun anggaran berikutnya di {p}.",
    ),
    (
        "Pemberitahuan pemadaman listrik bergilir wilayah {p}",
        "Sehubungan dengan pemeliharaan jaringan, aliran listrik di {p} dipadamkan pada {d}.",
    ),
    (
        "Laporan kejadian banjir dan genangan air di {p}",
        "Hujan deras mengakibatkan banjir setinggi 50 cm; drainase tersumbat sampah dan perlu normalisasi.",
    ),
    (
        "Permohonan perbaikan jalan lingkungan dan drainase {p}",
        "Warga memohon perbaikan jalan berlubang dan saluran drainase yang rusak di {p}.",
    ),
    (
        "Pemberitahuan jadwal posyandu dan imunisasi balita bulan {bulan}",
        "Kegiatan posyandu, penimbangan balita, dan imunisasi dasar lengkap dilaksanakan di {p}.",
    ),
    (
        "Surat edaran pencegahan demam berdarah dengue (DBD)",
        "Diminta menggerakkan pemberantasan sarang nyamuk (PSN) 3M Plus serentak di seluruh wilayah.",
    ),
    (
        "Permohonan data penduduk miskin penerima bantuan sosial",
        "Mohon pemutakhiran data terpadu kesejahteraan sosial (DTKS) dan penerima bantuan langsung tunai.",
    ),
    (
        "Penyampaian hasil rekonsiliasi anggaran triwulan {tw}",
        "Terlampir hasil rekonsiliasi realisasi anggaran dan belanja triwulan {tw} untuk ditindaklanjuti.",
    ),
    (
        "Permohonan rekomendasi pendirian rumah ibadah di {p}",
        "Pengurus mengajukan rekomendasi pendirian tempat ibadah beserta daftar dukungan warga.",
    ),
    (
        "Laporan gangguan ketenteraman dan ketertiban umum di {p}",
        "Terjadi keributan dan pedagang kaki lima menempati trotoar; mohon penertiban oleh Satpol PP.",
    ),
    (
        "Permohonan surat keterangan domisili lembaga {lembaga}",
        "Lembaga mengajukan keterangan domisili untuk keperluan pendaftaran badan hukum.",
    ),
    (
        "Pengajuan peminjaman aula kantor untuk kegiatan {kegiatan}",
        "Mohon izin menggunakan aula pada {d} untuk kegiatan {kegiatan}.",
    ),
    (
        "Pemberitahuan pelaksanaan vaksinasi dan pemeriksaan kesehatan lansia",
        "Puskesmas melaksanakan pemeriksaan kesehatan gratis bagi lanjut usia di {p}.",
    ),
    (
        "Penyampaian laporan pertanggungjawaban dana kelurahan",
        "Disampaikan laporan realisasi penggunaan dana kelurahan untuk sarana prasarana dan pemberdayaan.",
    ),
    (
        "Permohonan izin penelitian mahasiswa tentang {program}",
        "Mahasiswa mengajukan izin penelitian dan pengambilan data untuk penyusunan skripsi di {p}.",
    ),
    (
        "Undangan sosialisasi pemilihan umum dan pemutakhiran daftar pemilih",
        "Sosialisasi tahapan pemilu serta pencocokan dan penelitian (coklit) data pemilih di {p}.",
    ),
    (
        "Pemberitahuan kerja bakti massal dan gotong royong kebersihan lingkungan",
        "Seluruh warga diajak kerja bakti membersihkan saluran air dan lingkungan pada {d}.",
    ),
    (
        "Permohonan pengantar pembuatan kartu tanda penduduk elektronik (KTP-el)",
        "Mohon surat pengantar perekaman KTP elektronik dan kartu keluarga bagi warga pindah datang.",
    ),
    (
        "Laporan bencana tanah longsor di {p}",
        "Longsor menimpa dua rumah warga; BPBD diminta melakukan kaji cepat dan bantuan logistik.",
    ),
    (
        "Permintaan narasumber pelatihan {kegiatan}",
        "Dimohon kesediaan pejabat menjadi narasumber pelatihan {kegiatan} bagi kader dan pemuda.",
    ),
    (
        "Penyampaian keberatan warga atas pembangunan menara telekomunikasi",
        "Warga menyatakan keberatan atas rencana pembangunan menara di {p} tanpa sosialisasi.",
    ),
    (
        "Perizinan pemasangan reklame dan spanduk kegiatan {kegiatan}",
        "Mohon izin pemasangan reklame, baliho, dan spanduk di ruas jalan utama {p}.",
    ),
    (
        "Pengaduan pelayanan air bersih yang tidak mengalir di {p}",
        "Air PDAM tidak mengalir sejak seminggu; warga meminta perbaikan pipa dan pasokan tangki air.",
    ),
)
USAHA = [
    "warung makan",
    "bengkel sepeda motor",
    "toko kelontong",
    "usaha laundry",
    "konveksi pakaian",
    "katering",
]
PROGRAMS = [
    "penurunan stunting",
    "penanggulangan kemiskinan",
    "pengelolaan sampah",
    "ketahanan pangan",
    "penanganan inflasi daerah",
    "kota layak anak",
    "pencegahan narkoba",
    "pajak bumi dan bangunan",
]
KEGIATAN = [
    "pelatihan kewirausahaan",
    "pengajian akbar",
    "lomba kebersihan kampung",
    "donor darah",
    "senam lansia",
    "peringatan hari kemerdekaan",
    "bazar UMKM",
    "pelatihan pemadam kebakaran",
]
LEMBAGA = ["yayasan pendidikan", "koperasi warga", "bank sampah", "sanggar seni", "taman baca masyarakat"]
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
NOTES = (
    "",
    "",
    "",
    "Mohon segera ditindaklanjuti.",
    "Koordinasikan dengan kelurahan terkait.",
    "Laporkan hasilnya paling lambat akhir minggu.",
    "Siapkan bahan paparan.",
    "Hadiri dan laporkan hasil rapat.",
)
KECAMATAN = [
    "Sukamaju",
    "Cempaka",
    "Mekarsari",
    "Harapan",
    "Jaya",
    "Sidomulyo",
    "Karanganyar",
    "Sumbersari",
    "Tanjung",
    "Batu",
    "Suka",
    "Damai",
    "Mulyorejo",
]
SECTIONS = (
    ("Sekretariat", UnitKind.SECRETARIAT, "SEK", "Sekretaris"),
    ("Seksi Pemerintahan", UnitKind.SECTION, "PEM", "Kepala Seksi Pemerintahan"),
    ("Seksi Ekonomi dan Pembangunan", UnitKind.SECTION, "EKB", "Kepala Seksi Ekonomi dan Pembangunan"),
    ("Seksi Kesejahteraan Sosial", UnitKind.SECTION, "KES", "Kepala Seksi Kesejahteraan Sosial"),
    ("Seksi Ketenteraman dan Ketertiban", UnitKind.SECTION, "TRA", "Kepala Seksi Trantib"),
)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- people and offices ---------------------------------------------------------------------------
def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def build_kota(offices: int, seed: int, *, staff_per_unit: int = 3) -> list[dict]:
    """The kota, `offices` offices (a kecamatan for every four kelurahan), their units and people.

    Idempotent by organisation code. Returns one dict per office with the ids the letters need."""
    rng = random.Random(seed)
    kota, _ = Organisation.objects.get_or_create(
        code=KOTA_CODE, defaults={"kind": OrganisationKind.CITY, "name": "Kota Bench"}
    )
    password = make_password(PASSWORD)
    user_model = get_user_model()
    districts = max(1, offices // 5)
    plan = []
    for d in range(districts):
        plan.append((OrganisationKind.DISTRICT, f"Kec.B{d:02d}", f"Kecamatan {KECAMATAN[d % 10]} {d}", None))
    for v in range(offices - districts):
        plan.append(
            (OrganisationKind.VILLAGE, f"Kel.B{v:02d}", f"Kelurahan Bench {v}", f"Kec.B{v % districts:02d}")
        )
    result = []
    start = timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=365 * YEARS + 30), dt.time()))
    for kind, code, name, parent_code in plan:
        parent = Organisation.objects.get(code=parent_code) if parent_code else kota
        office, created = Organisation.objects.get_or_create(
            code=code, defaults={"kind": kind, "name": name, "parent": parent, "short_name": code}
        )
        slug = code.lower().replace(".", "")
        if created:
            head_title = "Camat" if kind == OrganisationKind.DISTRICT else "Lurah"
            leadership = Unit.objects.create(
                organisation=office, kind=UnitKind.LEADERSHIP, name="Pimpinan", code="PIM", order=0
            )
            units = [leadership] + [
                Unit.objects.create(organisation=office, kind=k, name=n, code=c, order=i + 1)
                for i, (n, k, c, _t) in enumerate(SECTIONS)
            ]

            def person(username, unit, title=None, roles=(), superior=None, is_head=False, office=office):
                user = user_model.objects.create(username=username, password=password, first_name="")
                staff = Staff.objects.create(
                    organisation=office, user=user, full_name=_person(rng), unit=unit
                )
                user.first_name = staff.full_name
                user.save(update_fields=["first_name"])
                for role in roles:
                    Membership.objects.create(organisation=office, user=user, role=role)
                position = None
                if title:
                    position = Position.objects.create(
                        organisation=office, unit=unit, title=title, superior=superior, is_unit_head=is_head
                    )
                    PositionAssignment.objects.create(
                        organisation=office, position=position, staff=staff, start_date=start.date()
                    )
                return user, position

            _head, head_pos = person(f"pimpinan.{slug}", leadership, head_title, [Role.HEAD], is_head=True)
            _sec, sec_pos = person(
                f"sekretaris.{slug}", units[1], "Sekretaris", [Role.SECRETARY], head_pos, is_head=True
            )
            for i, unit in enumerate(units[2:]):
                _kasi, kasi_pos = person(
                    f"kasi{i}.{slug}", unit, SECTIONS[i + 1][3], [Role.SECTION_HEAD], head_pos, is_head=True
                )
                for j in range(staff_per_unit):
                    person(
                        f"staf{i}{j}.{slug}", unit, f"Pengadministrasi {unit.name}", [Role.STAFF], kasi_pos
                    )
            for j in range(staff_per_unit):
                person(f"staf9{j}.{slug}", units[1], "Pengadministrasi Umum", [Role.STAFF], sec_pos)
            person(f"fo.{slug}", units[1], "Petugas Pelayanan", [Role.FRONT_DESK], sec_pos)
            person(f"fo2.{slug}", units[1], "Petugas Pelayanan", [Role.FRONT_DESK], sec_pos)
            person(f"admin.{slug}", units[1], None, [Role.ORG_ADMIN])
            person(f"auditor.{slug}", units[1], None, [Role.AUDITOR])
            seed_default_instructions(organisation=office)
        result.append(_office_info(office, slug))
    return result


def _office_info(office: Organisation, slug: str) -> dict:
    users = {
        m.user.username: m.user
        for m in Membership.objects.filter(organisation=office).select_related("user", "user__staff")
    }
    units = {u.code: u for u in Unit.objects.filter(organisation=office)}

    def label(user):
        return person_label(user, office, TODAY)

    kasis = []
    for i, (_n, _k, code, _t) in enumerate(SECTIONS[1:]):
        kasi = users[f"kasi{i}.{slug}"]
        staff = [users[u] for u in sorted(users) if u.startswith(f"staf{i}")]
        kasis.append({"user": kasi, "label": label(kasi), "unit": units[code], "staff": staff})
    secretary = users[f"sekretaris.{slug}"]
    general = [users[u] for u in sorted(users) if u.startswith("staf9")]
    head = users[f"pimpinan.{slug}"]
    return {
        "office": office,
        "slug": slug,
        "head": head,
        "head_label": label(head),
        "secretary": secretary,
        "secretary_label": label(secretary),
        "sekretariat": units["SEK"],
        "kasis": kasis,
        "general_staff": general,
        "front_desk": [users[f"fo.{slug}"], users[f"fo2.{slug}"]],
        "labels": {u.pk: label(u) for u in users.values()},
        "instructions": list(DispositionInstruction.objects.filter(organisation=office).order_by("order")),
    }


# --- bulk writing ---------------------------------------------------------------------------------
class Writer:
    """COPY on PostgreSQL, executemany elsewhere; ids are assigned here from the table's max."""

    def __init__(self):
        self.pg = connection.vendor == "postgresql"

    def next_id(self, model) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
            return cursor.fetchone()[0] + 1

    def write(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            if self.pg:
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                    rows,
                )

    def reset_sequences(self, models) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


LETTER_COLUMNS = [
    "id", "status_changed_at", "due_date", "status", "agenda_number", "agenda_year", "agenda_sequence",
    "sender_name", "sender_institution", "sender_number", "sender_date", "sender_key", "number_key",
    "received_date", "subject", "summary", "urgency", "security", "enclosures", "channel",
    "registered_at", "classification_id", "organisation_id", "registered_by_id", "source_document_id",
    "unit_id",
]  # fmt: skip
DISPOSITION_COLUMNS = [
    "id", "status_changed_at", "due_date", "status", "sender_label", "recipient_label",
    "instruction_texts", "note", "sent_at", "read_at", "reminded_at", "escalated_at", "letter_id",
    "organisation_id", "parent_id", "recipient_id", "recipient_unit_id", "sender_id",
]  # fmt: skip
ENTRY_COLUMNS = [
    "id", "object_id", "title", "body", "url", "restricted", "updated_at", "content_type_id",
    "organisation_id", "kind", "occurred_on", "classification_code", "unit_id", "status", "party",
]  # fmt: skip


def _fill(template: str, rng: random.Random, place: str, day: dt.date) -> str:
    return template.format(
        rt=f"{rng.randint(1, 15):02d}",
        rw=f"{rng.randint(1, 9):02d}",
        p=place,
        d=f"{day.day} {BULAN[day.month - 1]} {day.year}",
        usaha=rng.choice(USAHA),
        program=rng.choice(PROGRAMS),
        kegiatan=rng.choice(KEGIATAN),
        lembaga=rng.choice(LEMBAGA),
        bulan=BULAN[day.month - 1],
        tw=rng.choice(("I", "II", "III", "IV")),
    )


def generate_office(info: dict, count: int, seed: int, classifications: list, writer: Writer) -> dict:
    """Write `count` letters of one office with their dispositions and search entries."""
    rng = random.Random(f"{seed}:{info['office'].code}")
    office = info["office"]
    letter_type = ContentType.objects.get_for_model(IncomingLetter).pk
    disposition_type = ContentType.objects.get_for_model(Disposition).pk
    letter_id = writer.next_id(IncomingLetter)
    disposition_id = writer.next_id(Disposition)
    entry_id = writer.next_id(SearchEntry)
    link_id = writer.next_id(Disposition.instructions.through)
    allowed_id = writer.next_id(SearchEntry.allowed_users.through)
    leaders = {info["head"].pk, info["secretary"].pk}
    letters, dispositions, links, entries, allowed = [], [], [], [], []
    now = timezone.now()
    days = 365 * YEARS
    sequences: dict[int, int] = {}
    body_limit = body_max_chars()
    letter_url = reverse("correspondence:incoming_detail", args=[987654321])
    # Oldest first, so agenda numbers rise with the received date as at a real front desk.
    received_days = sorted(TODAY - dt.timedelta(days=rng.randrange(days)) for _ in range(count))
    places = [f"RT {rng.randint(1, 15):02d} RW {rng.randint(1, 9):02d} {office.name}" for _ in range(40)]
    for received in received_days:
        age = (TODAY - received).days
        year = received.year
        sequences[year] = sequences.get(year, 0) + 1
        seq = sequences[year]
        subject_t, summary_t = rng.choice(TOPICS)
        place = rng.choice(places)
        institution = rng.choice(INSTITUTIONS)
        sender_name = (
            _person(rng)
            if institution in ("", "Ketua RT", "Ketua RW") or rng.random() < 0.5
            else (
                rng.choice(("Kepala", "Sekretaris", "Kepala Bidang", "Ketua"))
                + " "
                + (institution or "Warga")
            )
        )
        if institution in ("Ketua RT", "Ketua RW"):
            institution = f"{institution} {rng.randint(1, 15):02d} {office.name}"
        origin = rng.choice(("Dinkes", "DPMPTSP", "BPBD", "Set", "RT"))
        sender_number = f"{rng.randint(1, 999):03d}/{rng.randint(1, 500)}/{origin}/{year}"
        security_roll = rng.random()
        security = (
            SecurityClass.OPEN
            if security_roll < 0.85
            else SecurityClass.LIMITED
            if security_roll < 0.95
            else SecurityClass.CONFIDENTIAL
            if security_roll < 0.99
            else SecurityClass.SECRET
        )
        classification = rng.choice(classifications)
        registrar = rng.choice(info["front_desk"])
        registered_at = timezone.make_aware(
            dt.datetime.combine(received, dt.time(8 + rng.randrange(7), rng.randrange(60)))
        )
        letter = IncomingLetter(  # unsaved: carries what letter_search_text reads
            id=letter_id,
            organisation=office,
            agenda_number=f"{seq:04d}/SM/{office.code}/{year}",
            agenda_year=year,
            agenda_sequence=seq,
            sender_name=sender_name,
            sender_institution=institution,
            sender_number=sender_number,
            sender_date=received - dt.timedelta(days=rng.randint(1, 10)),
            received_date=received,
            subject=_fill(subject_t, rng, place, received),
            summary=_fill(summary_t, rng, place, received),
            urgency=rng.choices(("biasa", "segera", "sangat_segera"), (80, 15, 5))[0],
            security=security,
            classification=classification,
            enclosures=rng.randint(0, 3),
            channel=rng.choices(("kertas", "surel"), (75, 25))[0],
            unit=None,
            registered_by=registrar,
            registered_at=registered_at,
        )
        restricted = letter.is_restricted
        # Dispositions: the head (or the secretary) to one or two sections, some passed on to staff.
        letter_dispositions = []
        if age > 2 or rng.random() < 0.5:
            holder = info["head"] if rng.random() < 0.8 else info["secretary"]
            holder_label = info["head_label"] if holder == info["head"] else info["secretary_label"]
            sent_at = registered_at + dt.timedelta(hours=rng.randint(1, 30))
            targets = rng.sample(info["kasis"], rng.choice((1, 1, 1, 2)))
            if rng.random() < 0.15:
                targets = [
                    *targets,
                    {
                        "user": info["secretary"],
                        "label": info["secretary_label"],
                        "unit": info["sekretariat"],
                        "staff": info["general_staff"],
                    },
                ]
            targets = [t for t in targets if t["user"] != holder][:3]
            for target in targets:
                letter_dispositions.append(
                    _disposition(
                        rng,
                        info,
                        holder,
                        holder_label,
                        target["user"],
                        target["label"],
                        target["unit"],
                        None,
                        sent_at,
                        age,
                    )
                )
                if len(letter_dispositions) < 3 and rng.random() < 0.45 and target["staff"]:
                    parent = letter_dispositions[-1]
                    if parent["status"] in (
                        DispositionStatus.READ,
                        DispositionStatus.REPORTED,
                        DispositionStatus.DONE,
                    ):
                        staff = rng.choice(target["staff"])
                        letter_dispositions.append(
                            _disposition(
                                rng,
                                info,
                                target["user"],
                                target["label"],
                                staff,
                                info["labels"][staff.pk],
                                target["unit"],
                                parent,
                                parent["read_at"] + dt.timedelta(hours=rng.randint(1, 20)),
                                age,
                            )
                        )
        live = [d for d in letter_dispositions if d["status"] != DispositionStatus.WITHDRAWN]
        if not live:
            status = IncomingStatus.REGISTERED
            changed = None
        elif all(d["status"] == DispositionStatus.DONE for d in live) and age > 20:
            status = IncomingStatus.FILED if age > 120 and rng.random() < 0.6 else IncomingStatus.DONE
            changed = max(d["status_changed_at"] for d in live)
        else:
            status = IncomingStatus.DISPOSED
            changed = min(d["sent_at"] for d in letter_dispositions)
        # The chain, as chain_user_ids computes it.
        chain = set(leaders) | {registrar.pk}
        for d in letter_dispositions:
            chain.add(d["sender_id"])
            if d["status"] != DispositionStatus.WITHDRAWN:
                chain.add(d["recipient_id"])
        letters.append((
            letter_id, changed, None, status, letter.agenda_number, year, seq, letter.sender_name,
            letter.sender_institution, letter.sender_number, letter.sender_date,
            sender_key(letter.sender_name, letter.sender_institution), number_key(letter.sender_number),
            received, letter.subject, letter.summary, letter.urgency, security, letter.enclosures,
            letter.channel, registered_at, classification.pk, office.pk, registrar.pk, None, None,
        ))  # fmt: skip
        title, body = letter_search_text(letter)
        letter.status, letter.classification, letter.received_date = status, classification, received
        facets = letter_search_facets(letter)
        entries.append((
            entry_id, str(letter_id), title[:TITLE_MAX_CHARS], body[:body_limit],
            letter_url.replace("987654321", str(letter_id)), restricted, now, letter_type,
            office.pk, SEARCH_KIND_INCOMING, facets["occurred_on"], facets["classification_code"],
            facets["unit_id"], facets["status"], facets["party"][:300],
        ))  # fmt: skip
        if restricted:
            for user_id in sorted(chain):
                allowed.append((allowed_id, entry_id, user_id))
                allowed_id += 1
        entry_id += 1
        for d in letter_dispositions:
            d["id"] = disposition_id
            disposition_id += 1
        for d in letter_dispositions:
            parent_id = d["parent"]["id"] if d["parent"] else None
            dispositions.append((
                d["id"], d["status_changed_at"], d["due_date"], d["status"], d["sender_label"],
                d["recipient_label"], json.dumps(d["texts"]), d["note"], d["sent_at"], d["read_at"],
                None, None, letter_id, office.pk, parent_id, d["recipient_id"], d["unit_id"],
                d["sender_id"],
            ))  # fmt: skip
            for instruction in d["instructions"]:
                links.append((link_id, d["id"], instruction.pk))
                link_id += 1
            shell = Disposition(
                id=d["id"], letter_id=letter_id, sender_id=d["sender_id"], status=d["status"],
                sender_label=d["sender_label"], recipient_label=d["recipient_label"],
                instruction_texts=d["texts"], note=d["note"], sent_at=d["sent_at"],
                recipient_unit_id=d["unit_id"],
            )  # fmt: skip
            fields = disposition_search_fields(
                shell, letter, report_texts=[], restricted=restricted, chain=chain
            )
            entries.append((
                entry_id, str(d["id"]), fields["title"][:TITLE_MAX_CHARS], fields["body"][:body_limit],
                fields["url"][:500], fields["restricted"], now, disposition_type, office.pk,
                fields["kind"], fields["occurred_on"], fields["classification_code"], fields["unit_id"],
                fields["status"], fields["party"][:300],
            ))  # fmt: skip
            if fields["restricted"]:
                for user_id in sorted(fields["allowed_user_ids"]):
                    allowed.append((allowed_id, entry_id, user_id))
                    allowed_id += 1
            entry_id += 1
        letter_id += 1
    writer.write(IncomingLetter._meta.db_table, LETTER_COLUMNS, letters)
    writer.write(Disposition._meta.db_table, DISPOSITION_COLUMNS, dispositions)
    writer.write(Disposition.instructions.through._meta.db_table,
                 ["id", "disposition_id", "dispositioninstruction_id"], links)  # fmt: skip
    writer.write(SearchEntry._meta.db_table, ENTRY_COLUMNS, entries)
    writer.write(
        SearchEntry.allowed_users.through._meta.db_table, ["id", "searchentry_id", "user_id"], allowed
    )
    if not writer.pg and connection.vendor == "sqlite":
        first = entries[0][0]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {search_sql.FTS_TABLE} (rowid, title, body) "
                f"SELECT id, title, body FROM {search_sql.TABLE} WHERE id >= %s",
                [first],
            )
            cursor.execute(
                f"INSERT INTO {search_sql.TRIGRAM_TABLE} (rowid, title) "
                f"SELECT id, title FROM {search_sql.TABLE} WHERE id >= %s",
                [first],
            )
    return {"letters": len(letters), "dispositions": len(dispositions), "entries": len(entries),
            "allowed": len(allowed), "links": len(links)}  # fmt: skip


def _disposition(rng, info, sender, sender_label, recipient, recipient_label, unit, parent, sent_at, age):
    """One disposition row (as a dict) with a status that fits the letter's age."""
    instructions = rng.sample(info["instructions"], rng.choice((1, 1, 2)))
    note = rng.choice(NOTES)
    due = (sent_at + dt.timedelta(days=rng.choice((3, 5, 7, 10)))).date() if rng.random() < 0.7 else None
    roll = rng.random()
    read_at = sent_at + dt.timedelta(hours=rng.randint(1, 48))
    done_at = read_at + dt.timedelta(days=rng.randint(1, 10))
    if age > 45:  # old letters are finished, a few withdrawn, a few forgotten
        status = (
            DispositionStatus.DONE if roll < 0.93 else DispositionStatus.WITHDRAWN if roll < 0.95
            else DispositionStatus.READ
        )  # fmt: skip
    else:
        status = (
            DispositionStatus.SENT if roll < 0.30 else DispositionStatus.READ if roll < 0.65
            else DispositionStatus.REPORTED if roll < 0.80 else DispositionStatus.DONE if roll < 0.97
            else DispositionStatus.WITHDRAWN
        )  # fmt: skip
    if status in (DispositionStatus.SENT, DispositionStatus.WITHDRAWN):
        read_at = None
    changed = {
        DispositionStatus.SENT: None,
        DispositionStatus.WITHDRAWN: sent_at + dt.timedelta(hours=2),
        DispositionStatus.READ: read_at,
        DispositionStatus.REPORTED: done_at,
        DispositionStatus.DONE: done_at,
    }[status]
    return {
        "status": status, "status_changed_at": changed, "due_date": due, "sender_id": sender.pk,
        "sender_label": sender_label, "recipient_id": recipient.pk, "recipient_label": recipient_label,
        "unit_id": unit.pk if unit else None, "parent": parent, "sent_at": sent_at, "read_at": read_at,
        "instructions": instructions, "texts": [i.text for i in instructions], "note": note,
    }  # fmt: skip


# The search indexes as `lontar.core.search.sql.create` makes them (dropped during a large load).
SEARCH_INDEXES = (
    ("core_search_vector_gin", f"CREATE INDEX core_search_vector_gin ON {search_sql.TABLE} USING gin (search_vector)"),  # noqa: E501
    ("core_search_title_trgm", f"CREATE INDEX core_search_title_trgm ON {search_sql.TABLE} USING gin (title gin_trgm_ops)"),  # noqa: E501
)  # fmt: skip


def generate(*, offices: int, letters: int, seed: int = 2026, staff_per_unit: int = 3, drop_indexes=False):
    """Build the kota and fill each office that has no letters yet. Returns the totals written."""
    translation.activate("id")
    writer = Writer()
    if not Classification.objects.exists():
        import_shipped_classification(actor=None)
    classifications = list(
        Classification.objects.current().filter(code__regex=r"^\d{3}\.\d+(\.\d+)?$").order_by("code")[:400]
    )
    with transaction.atomic():
        infos = build_kota(offices, seed, staff_per_unit=staff_per_unit)
    members = Membership.objects.filter(organisation__in=[i["office"] for i in infos]).count()
    log(f"{len(infos)} offices, {members} memberships")
    # Kecamatan offices receive three times the letters of a kelurahan.
    weights = [3 if i["office"].kind == OrganisationKind.DISTRICT else 1 for i in infos]
    shares = [letters * w // sum(weights) for w in weights]
    shares[0] += letters - sum(shares)
    if writer.pg:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
            if drop_indexes:
                for name, _create in SEARCH_INDEXES:
                    cursor.execute(f"DROP INDEX IF EXISTS {name}")
    totals: dict[str, int] = {}
    started = time.monotonic()
    done_letters = 0
    for info, share in zip(infos, shares, strict=True):
        if IncomingLetter.objects.filter(organisation=info["office"]).exists():
            done_letters += share
            continue
        with transaction.atomic():
            counts = generate_office(info, share, seed, classifications, writer)
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
        done_letters += share
        rate = totals["letters"] / max(time.monotonic() - started, 0.001)
        log(f"{info['office'].code}: {counts} — {done_letters}/{letters} letters, {rate:.0f} letters/s")
    writer.reset_sequences([IncomingLetter, Disposition, Disposition.instructions.through, SearchEntry,
                            SearchEntry.allowed_users.through])  # fmt: skip
    if writer.pg:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for name, create in SEARCH_INDEXES:
                cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [name])
                if cursor.fetchone() is None:
                    log(f"building {name}")
                    cursor.execute(create)
            log("vocabulary of titles (typo correction)")
            cursor.execute(search_sql.FILL_VOCABULARY_SQL)
            log("analyze")
            cursor.execute("ANALYZE")
    log(f"done: {totals}")
    return totals


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, default=50)
    parser.add_argument("--letters", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--staff-per-unit", type=int, default=3)
    parser.add_argument(
        "--drop-indexes",
        action="store_true",
        help="drop the search GIN indexes during the load, rebuild after",
    )
    args = parser.parse_args(argv)
    generate(offices=args.offices, letters=args.letters, seed=args.seed, staff_per_unit=args.staff_per_unit,
             drop_indexes=args.drop_indexes)  # fmt: skip


if __name__ == "__main__":
    main()
