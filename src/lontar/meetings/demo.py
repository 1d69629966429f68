"""Demo data of meetings for Kecamatan Jatisari, made through the real services (bookings, audit,
notifications): a staff meeting a week ago with finalised minutes and action items (one done, one
overdue), a meeting going on now in the Sekcam's room with people checked in by QR and minutes being
written, next week's Musrenbang preparation (hybrid, Aula booked, surat undangan drafted) and an online
coordination. Idempotent: a second run adds nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lontar.assets.bookings import timing
from lontar.assets.bookings.models import Resource
from lontar.core.models import Organisation, Unit
from lontar.meetings.models import Meeting
from lontar.meetings.services import (
    GuestInput,
    add_action_item,
    check_in_by_qr,
    check_in_guest,
    complete_action_item,
    draft_invitation,
    finalise_minutes,
    qr_token,
    save_minutes,
    schedule_meeting,
)


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def load_meetings_demo() -> Counter:
    created: Counter = Counter()
    office = Organisation.objects.filter(code="Kec.Jts").first()
    if office is None or Meeting.objects.filter(organisation=office).exists():
        return created
    names = ("camat", "sekcam", "kasubag.tu", "kasi.pem", "staf.pem", "staf")
    people = {n: _user(f"{n}.jatisari") for n in names}
    if not all(people.values()):
        return created
    camat, sekcam, kasubag = people["camat"], people["sekcam"], people["kasubag.tu"]
    kasi, staf_pem, staf = people["kasi.pem"], people["staf.pem"], people["staf"]
    rooms = {r.code: r for r in Resource.objects.filter(organisation=office, kind="ruang")}
    zone = timing.zone_of(office)
    now = timezone.now().astimezone(zone)
    today = now.date()

    def at(day, hour, minute=0):
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)

    with transaction.atomic():
        # A week ago: the weekly leadership meeting, minutes finalised by the Camat.
        past_day = today - dt.timedelta(days=7)
        past = schedule_meeting(
            actor=kasubag,
            organisation=office,
            title="Rapat staf pimpinan mingguan",
            agenda="Evaluasi pelayanan minggu lalu\nTindak lanjut pengaduan warga\nPersiapan Musrenbang",
            kind="luring",
            starts_at=at(past_day, 8),
            ends_at=at(past_day, 9, 30),
            place="Ruang Rapat Sekcam",
            chair=camat,
            note_taker=kasubag,
            invited_users=[sekcam, kasi, staf_pem],
        )
        save_minutes(
            actor=kasubag,
            meeting=past,
            summary="Rapat mengevaluasi pelayanan dan menyiapkan Musrenbang kecamatan.",
            discussion="Antrean KTP-el masih panjang pada Senin pagi.\n"
            "Dua pengaduan jalan rusak belum ditanggapi dinas teknis.",
            decisions="Loket KTP-el dibuka pukul 07.30 setiap Senin\n"
            "Seksi Pemerintahan menyurati Dinas PUPR tentang jalan rusak",
        )
        done = add_action_item(
            actor=kasubag,
            meeting=past,
            description="Menyusun jadwal petugas loket KTP-el hari Senin",
            owner=staf_pem,
            due_date=past_day + dt.timedelta(days=3),
        )
        add_action_item(
            actor=kasubag,
            meeting=past,
            description="Mengonsep surat ke Dinas PUPR tentang jalan rusak di Kelurahan Mekarsari",
            owner=kasi,
            due_date=past_day + dt.timedelta(days=5),
        )
        finalise_minutes(actor=camat, meeting=past)
        complete_action_item(
            actor=staf_pem, item=done, note="Jadwal piket loket Senin dibagikan ke grup staf."
        )
        created["meetings.Meeting"] += 1

        # Going on now: the Sekcam's coordination in the small meeting room, check-ins by QR.
        small = rooms.get("ruang-rapat")
        start = now.replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=1)
        current = schedule_meeting(
            actor=sekcam,
            organisation=office,
            title="Koordinasi pemutakhiran data kependudukan",
            agenda="Target pemutakhiran per kelurahan\nPembagian petugas lapangan",
            kind="luring",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            room=small,
            place="" if small else "Ruang Rapat Sekcam",
            chair=sekcam,
            note_taker=staf,
            invited_users=[kasi, staf_pem],
            guests=[GuestInput("Dede Suherman", "Lurah Mekarsari", "")],
        )
        token = qr_token(current)
        for user in (sekcam, kasi, staf):
            check_in_by_qr(actor=user, token=token)
        check_in_guest(token=token, name="Dede Suherman", institution="Lurah Mekarsari")
        save_minutes(
            actor=staf,
            meeting=current,
            summary="Koordinasi target pemutakhiran data kependudukan triwulan IV.",
            discussion="",
            decisions="",
        )
        add_action_item(
            actor=staf,
            meeting=current,
            description="Merekap target pemutakhiran per kelurahan",
            owner=staf_pem,
            due_date=today + dt.timedelta(days=4),
        )
        created["meetings.Meeting"] += 1

        # Next week: Musrenbang preparation, hybrid, the Aula booked, invitation drafted.
        day = today + dt.timedelta(days=3)
        musrenbang = schedule_meeting(
            actor=kasi,
            organisation=office,
            title="Rapat persiapan Musrenbang kecamatan",
            agenda="Jadwal pra-Musrenbang kelurahan\nPembentukan panitia\nUsulan prioritas pembangunan",
            kind="hibrida",
            starts_at=at(day, 13),
            ends_at=at(day, 15),
            room=rooms.get("aula"),
            place="" if rooms.get("aula") else "Aula Kecamatan",
            chair=sekcam,
            note_taker=staf_pem,
            invited_units=list(Unit.objects.filter(organisation=office, code__in=["PEM"])),
            invited_users=[kasubag],
            guests=[
                GuestInput("Dede Suherman", "Lurah Mekarsari", "lurah.mekarsari@contoh.go.id"),
                GuestInput("Hj. Euis Rohaeti", "Ketua LPM Kecamatan Jatisari", ""),
            ],
        )
        # An office with no signatory for undangan yet refuses the draft: the organiser drafts it later.
        with contextlib.suppress(ValidationError):
            draft_invitation(actor=kasi, meeting=musrenbang)
        created["meetings.Meeting"] += 1

        # An online coordination with the city's Bagian Tata Pemerintahan.
        online_day = today + dt.timedelta(days=5)
        schedule_meeting(
            actor=camat,
            organisation=office,
            title="Koordinasi daring laporan penyelenggaraan pemerintahan kecamatan",
            agenda="Format LPPD kecamatan\nTenggat penyampaian",
            kind="daring",
            starts_at=at(online_day, 10),
            ends_at=at(online_day, 11),
            chair=camat,
            note_taker=kasubag,
            invited_users=[sekcam, kasi],
            guests=[GuestInput("Bagian Tata Pemerintahan", "Sekretariat Daerah Kota", "tapem@contoh.go.id")],
        )
        created["meetings.Meeting"] += 1
    return created
