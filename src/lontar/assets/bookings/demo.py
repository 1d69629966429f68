"""Demo data of bookings for Kecamatan Jatisari: two meeting rooms and two official vehicles managed by
Subbagian Umum dan Kepegawaian, and bookings over the coming days in every state, made through the real
services (history, audit, notifications). Idempotent: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lontar.assets.bookings import timing
from lontar.assets.bookings.models import Resource
from lontar.assets.bookings.services import (
    approve_booking,
    cancel_booking,
    create_resource,
    reject_booking,
    request_booking,
)
from lontar.core.models import Organisation, Staff, Unit

RESOURCES = [
    {
        "kind": "ruang",
        "code": "aula",
        "name": "Aula Kecamatan",
        "location": "Lantai 2 gedung utama",
        "capacity": 80,
        "facilities": "Proyektor dan layar\nPengeras suara\nAC\nMeja panjang 20 buah",
        "order": 1,
    },
    {
        "kind": "ruang",
        "code": "ruang-rapat",
        "name": "Ruang Rapat Sekcam",
        "location": "Lantai 1, sebelah ruang Sekcam",
        "capacity": 16,
        "facilities": "Televisi 55 inci untuk presentasi\nPapan tulis\nAC",
        "auto_approve": True,
        "order": 2,
    },
    {
        "kind": "kendaraan",
        "code": "kb-innova",
        "name": "Toyota Kijang Innova",
        "plate_number": "T 1507 JS",
        "seats": 7,
        "asset_register_number": "02.03.01.02.003/0001",
        "order": 3,
    },
    {
        "kind": "kendaraan",
        "code": "kb-l300",
        "name": "Mitsubishi L300 bak (operasional)",
        "plate_number": "T 8211 JS",
        "seats": 3,
        "order": 4,
    },
]


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _at(office, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=timing.zone_of(office))


def load_bookings_demo() -> Counter:
    created: Counter = Counter()
    office = Organisation.objects.filter(code="Kec.Jts").first()
    if office is None or Resource.objects.filter(organisation=office).exists():
        return created
    sekcam, kasubag = _user("sekcam.jatisari"), _user("kasubag.tu.jatisari")
    staff, kasi, camat = _user("staf.pem.jatisari"), _user("kasi.pem.jatisari"), _user("camat.jatisari")
    if not all((sekcam, kasubag, staff, kasi, camat)):
        return created
    tu = Unit.objects.filter(organisation=office, code="TU").first()
    driver = Staff.objects.filter(organisation=office, user__username="staf.jatisari").first()
    with transaction.atomic():
        resources = {}
        for values in RESOURCES:
            data = {
                "manager_unit": tu,
                "default_driver": driver if values["kind"] == "kendaraan" else None,
                **values,
            }
            resources[values["code"]] = create_resource(actor=sekcam, organisation=office, data=data)
            created["bookings.Resource"] += 1
        today = timing.local(timezone.now(), office).date()
        day = [today + dt.timedelta(days=n) for n in range(1, 8)]
        aula, small = resources["aula"], resources["ruang-rapat"]
        innova, l300 = resources["kb-innova"], resources["kb-l300"]
        plan = [
            (kasi, aula, day[0], 8, 12, "Rapat koordinasi Musrenbang kelurahan", 45, "", "approve"),
            (staff, aula, day[1], 9, 11, "Sosialisasi pemutakhiran data kependudukan", 60, "", "pending"),
            (camat, small, day[0], 13, 15, "Rapat staf pimpinan mingguan", 12, "", ""),
            (staff, small, day[2], 9, 10, "Verifikasi berkas bantuan sosial", 6, "", ""),
            (
                kasi,
                innova,
                day[0],
                7,
                16,
                "Monitoring penyaluran bantuan ke kelurahan",
                4,
                "Kelurahan Jatisari dan Mekarsari",
                "approve",
            ),
            (
                staff,
                innova,
                day[3],
                8,
                12,
                "Penyerahan laporan ke Bagian Tata Pemerintahan",
                2,
                "Kantor Wali Kota, Bagian Tata Pemerintahan",
                "pending",
            ),
            (
                staff,
                l300,
                day[1],
                8,
                11,
                "Pengangkutan kursi untuk kegiatan posyandu",
                2,
                "Aula Kelurahan Mekarsari",
                "reject",
            ),
            (
                kasi,
                aula,
                day[4],
                13,
                16,
                "Bimbingan teknis aplikasi Lontar untuk kelurahan",
                30,
                "",
                "cancel",
            ),
            (staff, aula, day[5], 8, 12, "Kerja bakti dan apel Sabtu", 70, "", "pending"),
        ]
        for actor, resource, when, start, end, purpose, people, destination, step in plan:
            booking = request_booking(
                actor=actor,
                resource=resource,
                starts_at=_at(office, when, start),
                ends_at=_at(office, when, end),
                purpose=purpose,
                attendees_count=people,
                destination=destination,
            )
            if step == "approve":
                approve_booking(actor=kasubag, booking=booking, note="Silakan, kunci diambil di Subbag Umum.")
            elif step == "reject":
                reject_booking(actor=kasubag, booking=booking, reason="Kendaraan sedang servis berkala.")
            elif step == "cancel":
                cancel_booking(actor=kasi, booking=booking, reason="Kegiatan diundur ke bulan depan.")
            created["bookings.Booking"] += 1
    return created
