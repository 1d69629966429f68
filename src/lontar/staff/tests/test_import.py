"""The staff-list import: a real .xlsx (openpyxl) as offices write it, previewed and confirmed through the
platform's import; NIP problems, inconsistent birth dates and sexes, unknown units and ranks are row
errors in Indonesian; staff already in the office (entered by hand) are recognised by NIP."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from lontar.core import civil_service
from lontar.core.imports import services as imports
from lontar.core.imports.models import BatchStatus
from lontar.core.models import AuditEvent, Role, Staff
from lontar.core.tests.factories import UnitFactory, member
from lontar.staff.importers import STAFF_LIST_KIND, read_education, read_rank
from lontar.staff.models import Education, Employee, RankHistory
from lontar.staff.tests.factories import keeper, person

pytestmark = pytest.mark.django_db

HEADERS = [
    "No",
    "Nama Lengkap",
    "Gelar Depan",
    "Gelar Belakang",
    "NIP",
    "Status Pegawai",
    "Gol/Ruang",
    "TMT Gol",
    "Jabatan",
    "Jenis Jabatan",
    "Unit Kerja",
    "Tempat Lahir",
    "Tgl Lahir",
    "L/P",
    "TMT CPNS",
    "Pendidikan Terakhir",
    "No HP",
    "Email",
]
GOOD = [
    [
        1,
        "Rina Marlina",
        "",
        "S.Sos., M.Si.",
        "19790312 200501 2 003",
        "PNS",
        "IV/a",
        "01/04/2021",
        "Sekretaris Kecamatan",
        "Administrator",
        "Sekretariat",
        "Sumedang",
        datetime.date(1979, 3, 12),
        "P",
        "01-01-2005",
        "S-2 Administrasi Publik (2012)",
        "0812-2233-4455",
        "rina@sukamaju.example",
    ],
    [
        2,
        "Ujang Sopandi",
        "",
        "",
        "19880605 201012 1 004",
        "PNS",
        "Pengatur, II/c",
        "1 April 2019",
        "Pengadministrasi Umum",
        "Pelaksana",
        "Sekretariat",
        "Garut",
        "05/06/1988",
        "L",
        "01/12/2010",
        "SMA",
        "",
        "",
    ],
    [
        3,
        "Taufik Ramadhan",
        "",
        "S.Kom.",
        "19950817 2023 21 1 005",
        "PPPK",
        "IX",
        "01/03/2023",
        "Pranata Komputer Ahli Pertama",
        "JF Ahli Pertama",
        "Sekretariat",
        "Bandung",
        "17/08/1995",
        "L",
        "",
        "S1 Teknik Informatika",
        "",
        "",
    ],
    [
        4,
        "Iwan Setiawan",
        "",
        "",
        "",
        "Honorer",
        "",
        "",
        "Operator Layanan Operasional",
        "",
        "Sekretariat",
        "Sukamaju",
        "02/02/1999",
        "L",
        "",
        "SMK",
        "",
        "",
    ],
]


def workbook(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.title = "Daftar Pegawai"
    sheet.append(["DAFTAR PEGAWAI KECAMATAN UJI"])
    sheet.append([])
    sheet.append(HEADERS)
    sheet.append(list(range(1, len(HEADERS) + 1)))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(
        "daftar-pegawai.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.fixture
def sekcam(district):
    UnitFactory(organisation=district, name="Sekretariat", code="SEK")
    return keeper(district)


def upload(actor, office, rows):
    return imports.upload(
        actor=actor, organisation=office, kind=STAFF_LIST_KIND, uploaded_file=workbook(rows)
    )


def errors_of(batch) -> list[str]:
    return [error for row in batch.rows.order_by("row_number") for error in row.errors]


def test_a_clean_list_is_previewed_then_creates_staff_files_and_rank_rows(district, sekcam):
    batch = upload(sekcam, district, GOOD)
    assert batch.status == BatchStatus.PREVIEWED and errors_of(batch) == []
    assert batch.valid_rows == 4 and not Staff.objects.filter(full_name="Rina Marlina").exists()
    imports.confirm(actor=sekcam, batch=batch)

    rina = Staff.objects.get(full_name="Rina Marlina")
    assert (rina.nip, rina.rank, rina.back_title) == ("197903122005012003", "IV/a Pembina", "S.Sos., M.Si.")
    employee = Employee.objects.get(staff=rina)
    assert (employee.birth_date, employee.sex, employee.service_start) == (
        datetime.date(1979, 3, 12),
        "2",
        datetime.date(2005, 1, 1),
    )
    assert employee.position_type == "administrator" and rina.unit.name == "Sekretariat"
    assert RankHistory.objects.get(staff=rina).tmt == datetime.date(2021, 4, 1)
    education = Education.objects.get(staff=rina)
    assert (education.level, education.major, education.graduation_year) == (
        "s2",
        "Administrasi Publik",
        2012,
    )
    taufik = Staff.objects.get(full_name="Taufik Ramadhan")
    assert (taufik.employment_type, taufik.rank) == (civil_service.PPPK, "Golongan IX")
    iwan = Staff.objects.get(full_name="Iwan Setiawan")
    assert (iwan.employment_type, iwan.nip, iwan.rank) == (civil_service.NON_ASN, "", "")
    assert Staff.objects.get(full_name="Ujang Sopandi").rank == "II/c Pengatur"
    assert AuditEvent.objects.filter(action="staff.employee.import").count() == 4

    again = upload(sekcam, district, GOOD)
    assert again.duplicate_rows == 4 and again.valid_rows == 0


def test_staff_entered_by_hand_are_recognised_by_their_nip(district, sekcam):
    person(district, full_name="Rina M.", number="197903122005012003")
    batch = upload(sekcam, district, GOOD[:2])
    assert batch.duplicate_rows == 1 and batch.valid_rows == 1


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        (4, "19790312 200513 2 003", "bulan 13 tidak ada"),
        (4, "1979031220050120", "18 angka"),
        (12, datetime.date(1979, 3, 21), "angka ke-1 sampai ke-8 (19790312)"),
        (13, "L", "angka ke-15 bernilai 2"),
        (14, "01/02/2005", "angka ke-9 sampai ke-14 (200501)"),
        (10, "Seksi Antah Berantah", "tidak ada di kantor ini"),
        (6, "V/a", "tidak dikenal"),
        (5, "Pegawai Tetap Yayasan", "status"),
        (15, "Kursus Menjahit", "pendidikan"),
    ],
)
def test_row_errors_are_in_indonesian_and_nothing_is_imported(district, sekcam, column, value, words):
    row = list(GOOD[0])
    row[column] = value
    batch = upload(sekcam, district, [row, GOOD[1]])
    errors = errors_of(batch)
    assert len(errors) >= 1 and any(words in error for error in errors), errors
    assert errors[0].startswith("Baris 5, kolom")
    with pytest.raises(ValidationError):
        imports.confirm(actor=sekcam, batch=batch)
    assert not Staff.objects.filter(full_name__in=["Rina Marlina", "Ujang Sopandi"]).exists()
    imports.confirm(actor=sekcam, batch=batch, valid_only=True)
    assert Staff.objects.filter(full_name="Ujang Sopandi").exists()


def test_a_number_registered_in_another_office_is_a_row_error(district, other_district, sekcam):
    person(other_district, number="197903122005012003")
    batch = upload(sekcam, district, GOOD[:1])
    assert "kantor lain" in errors_of(batch)[0]


def test_only_file_keepers_may_import(district, sekcam):
    with pytest.raises(Exception) as refused:
        upload(member(district, Role.STAFF), district, GOOD)
    assert refused.type.__name__ == "PermissionDenied"


@pytest.mark.parametrize(
    ("text", "kind", "rank"),
    [
        ("III/a", "pns", "III/a Penata Muda"),
        ("Penata Muda Tk. I, III/b", "pns", "III/b Penata Muda Tingkat I"),
        ("IV-a", "pns", "IV/a Pembina"),
        ("Pembina Utama (IV/e)", "pns", "IV/e Pembina Utama"),
        ("Golongan IX", "pppk", "Golongan IX"),
        ("9", "pppk", "Golongan IX"),
        ("", "pns", ""),
        ("V/a", "pns", None),
    ],
)
def test_ranks_are_read_as_offices_write_them(text, kind, rank):
    assert read_rank(text, kind) == rank


def test_education_is_read_as_offices_write_it():
    assert read_education("D-III Akuntansi") == ("d3", "Akuntansi", None)
    assert read_education("S1 Ilmu Hukum, 2008") == ("s1", "Ilmu Hukum", 2008)
    assert read_education("SLTA") == ("sma", "", None)
    assert read_education("Diploma IV Manajemen Pemerintahan") == ("d4", "Manajemen Pemerintahan", None)
