"""Demo data of duty travel for Kecamatan Jatisari: the surat-tugas numbering format (on the office's
shared outgoing-letter sequence) when the office has none, and trips in every state, requested,
approved, signed and reported through the real services, so history, numbers, PDFs and the audit trail
are true. Idempotent: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction

from lontar.core.models import NumberingTemplate, Organisation
from lontar.core.numbering.models import CounterScope
from lontar.core.numbering.services import create_template
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.travel import services
from lontar.staff.travel.models import DOCUMENT_TYPE, Transport, Trip

OFFICE_CODE = "Kec.Jts"
LETTER_FORMAT = "{klasifikasi}/{urut:3}/{org}/{bulan_romawi}/{tahun}"

# (requester, travellers, days from today to departure, length in days, target state, fields)
TRIPS = [
    (
        "kasi.pem.jatisari",
        ["kasi.pem.jatisari", "staf.pem.jatisari"],
        -21,
        2,
        "selesai",
        {
            "purpose": "Mengikuti rapat koordinasi pemutakhiran data kependudukan semester II.",
            "basis": "Undangan Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Sukamaju.",
            "basis_letter_number": "400.12/1187/Disdukcapil",
            "destination_place": "Kota Sukamaju",
            "destination_institution": "Dinas Kependudukan dan Pencatatan Sipil",
            "transport": Transport.OFFICE_VEHICLE,
            "funding_source": "DPA Kecamatan Jatisari",
            "budget_code": "5.1.02.04.01.0001",
        },
    ),
    (
        "staf.jatisari",
        ["staf.jatisari"],
        -4,
        1,
        "terbit",
        {
            "purpose": "Menyerahkan usulan kenaikan gaji berkala pegawai ke Badan Kepegawaian dan "
            "Pengembangan SDM.",
            "basis": "Jadwal penyampaian usulan KGB triwulan IV.",
            "destination_place": "Kota Sukamaju",
            "destination_institution": "BKPSDM Kota Sukamaju",
            "transport": Transport.PUBLIC,
            "funding_source": "DPA Kecamatan Jatisari",
        },
    ),
    (
        "kasi.pem.jatisari",
        ["kasi.pem.jatisari"],
        8,
        3,
        "terbit",
        {
            "purpose": "Mengikuti bimbingan teknis penyusunan profil kecamatan.",
            "basis": "Undangan Bappeda Provinsi.",
            "basis_letter_number": "000.7/452/Bappeda",
            "destination_place": "Bandung",
            "destination_institution": "Bappeda Provinsi Jawa Barat",
            "transport": Transport.PUBLIC,
            "funding_source": "DPA Kecamatan Jatisari",
            "budget_code": "5.1.02.04.01.0003",
        },
    ),
    (
        "sekcam.jatisari",
        ["sekcam.jatisari"],
        12,
        1,
        "disetujui",
        {
            "purpose": "Menghadiri rapat evaluasi realisasi anggaran kecamatan.",
            "basis": "Undangan Sekretaris Daerah Kota Sukamaju.",
            "destination_place": "Kota Sukamaju",
            "destination_institution": "Sekretariat Daerah",
            "transport": Transport.OFFICE_VEHICLE,
        },
    ),
    (
        "staf.pem.jatisari",
        ["staf.pem.jatisari"],
        15,
        2,
        "diajukan",
        {
            "purpose": "Pendampingan verifikasi lapangan data penerima bantuan sosial.",
            "basis": "Surat Dinas Sosial tentang verifikasi data DTKS.",
            "destination_place": "Kelurahan Jatisari",
            "transport": Transport.PRIVATE,
        },
    ),
    (
        "kasi.pem.jatisari",
        ["kasi.pem.jatisari", "staf.pem.jatisari"],
        25,
        1,
        "konsep",
        {
            "purpose": "Sosialisasi penegasan batas wilayah kelurahan.",
            "basis": "Program kerja Seksi Pemerintahan.",
            "destination_place": "Kota Sukamaju",
            "destination_institution": "Bagian Tata Pemerintahan",
            "transport": Transport.OFFICE_VEHICLE,
        },
    ),
    (
        "staf.jatisari",
        ["staf.jatisari"],
        30,
        2,
        "ditolak",
        {
            "purpose": "Studi banding pengelolaan arsip ke kecamatan lain.",
            "basis": "Usulan Subbagian Umum dan Kepegawaian.",
            "destination_place": "Kota Cimahi",
            "transport": Transport.OFFICE_VEHICLE,
        },
    ),
]

REPORT = (
    "Rapat membahas hasil pemutakhiran data semester II. Kecamatan Jatisari diminta menuntaskan 312 "
    "data ganda sebelum akhir bulan dan melaporkan progres mingguan melalui aplikasi SIAK."
)
CONCLUSIONS = "Perlu penugasan dua operator tambahan di Seksi Pemerintahan selama dua minggu."


def _users() -> dict:
    names = {name for row in TRIPS for name in (row[0], *row[1])} | {"camat.jatisari", "admin.jatisari"}
    return get_user_model().objects.in_bulk(list(names), field_name="username")


def _numbering(office, admin) -> int:
    if NumberingTemplate.objects.filter(organisation=office, document_type=DOCUMENT_TYPE).exists():
        return 0
    shared = NumberingTemplate.objects.filter(organisation=office, scope=CounterScope.SHARED).first()
    create_template(
        actor=admin,
        organisation=office,
        document_type=DOCUMENT_TYPE,
        name="Surat Tugas",
        format=shared.format if shared else LETTER_FORMAT,
        scope=CounterScope.SHARED if shared else CounterScope.DOCUMENT_TYPE,
        shared_key=shared.shared_key if shared else "",
    )
    return 1


def _move(trip, state: str, users: dict) -> None:
    camat = users["camat.jatisari"]
    if state == "konsep":
        return
    services.submit(trip=trip, actor=trip.requested_by)
    if state == "diajukan":
        return
    if state == "ditolak":
        services.reject(
            trip=trip, actor=camat, reason="Anggaran perjalanan dinas luar kota tahun ini tidak tersedia."
        )
        return
    services.approve(trip=trip, actor=camat)
    if state == "disetujui":
        return
    services.sign(trip=trip, actor=camat)
    if state == "selesai":
        services.submit_report(
            trip=trip, actor=trip.travellers.first().staff.user, results=REPORT, conclusions=CONCLUSIONS
        )


@transaction.atomic
def load_travel_demo() -> Counter:
    created: Counter = Counter()
    office = Organisation.objects.filter(code=OFFICE_CODE).first()
    users = _users()
    if office is None or len(users) < 6 or Trip.objects.filter(organisation=office).exists():
        return created
    created["templat penomoran surat tugas"] += _numbering(office, users["admin.jatisari"])
    today = organisation_today(office)
    for requester, travellers, offset, length, state, fields in TRIPS:
        start = today + dt.timedelta(days=offset)
        trip = services.create_trip(
            organisation=office,
            actor=users[requester],
            travellers=[users[name].staff for name in travellers],
            start_date=start,
            end_date=start + dt.timedelta(days=length - 1),
            **fields,
        )
        _move(trip, state, users)
        created["perjalanan dinas"] += 1
    return created
