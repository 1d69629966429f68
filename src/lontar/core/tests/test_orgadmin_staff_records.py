"""Staff records: NIP and NI PPPK checked as BKN issues them (REFERENCE §6), ranks, telephone numbers."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from lontar.core import civil_service
from lontar.core.models import AuditEvent, Staff
from lontar.core.orgadmin import services
from lontar.core.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    "nip",
    [
        "198609262015051001",  # the REFERENCE example
        "197202291998031004",  # born on 29 February of a leap year
        "200002292018032001",  # born on 29 February, appointed the month after turning 18
    ],
)
def test_a_well_formed_pns_nip_passes(nip):
    assert civil_service.nip_errors(nip, "pns", today=TODAY) == []


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19860926201505100", "Nomor ini harus terdiri atas 18 angka; yang terisi 17 angka."),
        (
            "198613262015051001",
            "Angka ke-1 sampai ke-8 adalah tanggal lahir (TTTTBBHH); 19861326 bukan tanggal yang benar.",
        ),
        (
            "198602302015051001",
            "Angka ke-1 sampai ke-8 adalah tanggal lahir (TTTTBBHH); 19860230 bukan tanggal yang benar.",
        ),
        ("203001012015011001", "Tanggal lahir pada angka ke-1 sampai ke-8 (01-01-2030) tidak masuk akal."),
        (
            "198609262015131001",
            "Angka ke-9 sampai ke-14 adalah TMT CPNS (TTTTBB); bulan 13 tidak ada.",
        ),
        (
            "198609262015001001",
            "Angka ke-9 sampai ke-14 adalah TMT CPNS (TTTTBB); bulan 00 tidak ada.",
        ),
        (
            "199201012022212001",
            "Angka ke-13 dan ke-14 bernilai 21: ini nomor induk PPPK, bukan NIP PNS. "
            "Pilih status kepegawaian PPPK.",
        ),
        (
            "198609262004091001",
            "TMT CPNS (09/2004) harus sesudah pegawai berusia 18 tahun; menurut tanggal lahir pada NIP, "
            "usia 18 tahun dicapai pada 26-09-2004.",
        ),
        ("198609262030011001", "TMT CPNS pada angka ke-9 sampai ke-14 (01/2030) belum tiba."),
        (
            "198609262015053001",
            "Angka ke-15 adalah jenis kelamin: 1 untuk laki-laki, 2 untuk perempuan; bukan 3.",
        ),
        ("198609262015051000", "Tiga angka terakhir adalah nomor urut dan tidak boleh 000."),
        ("", "NIP wajib diisi untuk PNS."),
    ],
)
def test_a_malformed_pns_nip_is_refused_saying_which_part_is_wrong(nip, message):
    assert civil_service.nip_errors(nip, "pns", today=TODAY) == [message]


def test_pppk_numbers_are_checked_as_pppk_numbers():
    assert civil_service.nip_errors("199201012022212001", "pppk", today=TODAY) == []
    assert civil_service.nip_errors("199213012022212001", "pppk", today=TODAY) == [
        "Angka ke-1 sampai ke-8 adalah tanggal lahir (TTTTBBHH); 19921301 bukan tanggal yang benar."
    ]
    assert civil_service.nip_errors("", "pppk", today=TODAY) == ["NI PPPK wajib diisi untuk pegawai PPPK."]


def test_non_asn_staff_have_no_nip():
    assert civil_service.nip_errors("", "non_asn", today=TODAY) == []
    assert civil_service.nip_errors("198609262015051001", "non_asn", today=TODAY) == [
        "Pegawai non-ASN tidak memiliki NIP atau NI PPPK; kosongkan isian ini."
    ]


def test_nip_is_written_grouped_and_masked_to_its_sequence():
    assert civil_service.format_nip("198609262015051001") == "19860926 201505 1 001"
    assert civil_service.mask_nip("198609262015051001") == "•••••••• •••••• • 001"
    assert civil_service.mask_phone("0812-3456-7890") == "0812-••••-890"
    assert civil_service.mask_email("rina.marlina@sukamaju.example") == "ri•••@sukamaju.example"
    assert civil_service.mask_nip("") == civil_service.mask_phone("") == civil_service.mask_email("") == ""


def test_creating_staff_with_a_bad_nip_is_refused_on_the_nip_field_and_saves_nothing(district, org_admin):
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.create_staff(
            actor=org_admin,
            organisation=district,
            full_name="Dewi Lestari",
            employment_type="pns",
            nip="199005122015032000",
        )
    assert exc.value.message_dict == {"nip": ["Tiga angka terakhir adalah nomor urut dan tidak boleh 000."]}
    assert not Staff.objects.filter(full_name="Dewi Lestari").exists()
    assert AuditEvent.objects.count() == events


def test_a_duplicate_nip_names_the_colleague_only_within_the_same_office(district, other_district, org_admin):
    StaffFactory(organisation=district, user=None, full_name="Budi Santoso", nip="198609262015051001")
    StaffFactory(organisation=other_district, user=None, full_name="Orang Lain", nip="199005122015032007")
    with pytest.raises(ValidationError) as exc:
        services.create_staff(
            actor=org_admin, organisation=district, full_name="Budi Kembar", nip="19860926 201505 1 001"
        )
    assert exc.value.message_dict == {"nip": ["NIP/NI PPPK ini sudah terdaftar atas nama Budi Santoso."]}
    with pytest.raises(ValidationError) as exc:
        services.create_staff(
            actor=org_admin, organisation=district, full_name="Susup", nip="199005122015032007"
        )
    assert "Orang Lain" not in str(exc.value.message_dict)
    assert exc.value.message_dict["nip"][0].startswith("NIP/NI PPPK ini sudah terdaftar di kantor lain.")
    assert Staff.objects.filter(nip="199005122015032007").count() == 1


def test_rank_must_match_the_employment_status(district, org_admin):
    staff = services.create_staff(
        actor=org_admin,
        organisation=district,
        full_name="Taufik Ramadhan",
        employment_type="pppk",
        nip="199201012022211003",
        rank="Golongan IX",
    )
    assert staff.rank == "Golongan IX"
    with pytest.raises(ValidationError) as exc:
        services.update_staff(actor=org_admin, staff=staff, rank="III/a Penata Muda")
    assert exc.value.message_dict == {"rank": ["Golongan PPPK ditulis Golongan I sampai Golongan XVII."]}
    with pytest.raises(ValidationError) as exc:
        services.create_staff(
            actor=org_admin,
            organisation=district,
            full_name="Iwan Setiawan",
            employment_type="non_asn",
            rank="II/a",
        )
    assert exc.value.message_dict == {
        "rank": ["Pegawai non-ASN tidak memiliki pangkat/golongan; kosongkan isian ini."]
    }


def test_a_telephone_number_is_digits_with_the_usual_separators(district, org_admin):
    staff = services.create_staff(
        actor=org_admin,
        organisation=district,
        full_name="Ahmad Fauzi",
        employment_type="non_asn",
        phone="+62 812-555-0199",
    )
    assert staff.phone == "+62 812-555-0199"
    with pytest.raises(ValidationError) as exc:
        services.update_staff(actor=org_admin, staff=staff, phone="hubungi via WA")
    assert exc.value.message_dict == {
        "phone": ["Nomor telepon berisi 8 sampai 15 angka; boleh memakai spasi, tanda +, - dan kurung."]
    }
