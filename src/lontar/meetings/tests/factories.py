"""An office ready for meetings: the correspondence office (Camat, Sekcam, Kasubag TU, drafter, paraf
chain), an undangan template and numbering, a meeting room managed by Subbag Umum, staff to invite."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lontar.assets.bookings.tests.factories import at, general_affairs, make_room, next_weekday
from lontar.core.models import Role
from lontar.core.numbering.services import create_template
from lontar.core.tests.factories import UnitFactory, member
from lontar.correspondence.models import OutgoingType
from lontar.correspondence.services import outgoing as correspondence
from lontar.correspondence.tests.outgoing_helpers import OUTGOING_FORMAT, build_office
from lontar.meetings.services import GuestInput, schedule_meeting

__all__ = ["MeetingOffice", "at", "meeting_office", "next_weekday", "schedule"]


@dataclass
class MeetingOffice:
    base: object
    org: object
    umum: object
    pem: object
    room: object
    kasi: object
    staff: object
    staff2: object
    auditor: object
    outsider: object

    def __getattr__(self, name):
        return getattr(self.__dict__["base"], name)


def meeting_office(org, *, undangan: bool = True) -> MeetingOffice:
    base = build_office(org)
    umum = general_affairs(org)
    pem = UnitFactory(organisation=org, name="Seksi Pemerintahan", code="PEM")
    room = make_room(org, manager_unit=umum, auto_approve=True)
    kasi = member(org, Role.SECTION_HEAD, full_name="Hendra Gunawan", unit=pem)
    staff = member(org, Role.STAFF, full_name="Siti Aminah", unit=pem, email="siti@contoh.go.id")
    staff2 = member(org, Role.STAFF, full_name="Budi Santoso", unit=pem)
    auditor = member(org, Role.AUDITOR, full_name="Auditor Inspektorat")
    outsider = member(org, Role.STAFF, full_name="Tidak Diundang", unit=umum)
    if undangan:
        create_template(
            actor=base.admin,
            organisation=org,
            document_type="undangan",
            name="Undangan",
            format=OUTGOING_FORMAT,
            scope="shared",
            shared_key="surat_keluar",
        )
        correspondence.save_template(
            actor=base.admin,
            organisation=org,
            document_type=OutgoingType.UNDANGAN,
            body_html="<p>Dengan hormat,</p>",
            classification=base.classification,
            numbering_key="undangan",
            signatory_position=base.camat_position,
            verifier_positions=[base.sekcam_position],
        )
    return MeetingOffice(base, org, umum, pem, room, kasi, staff, staff2, auditor, outsider)


def schedule(office: MeetingOffice, *, actor=None, day=None, start=9, end=11, **overrides):
    day = day or next_weekday(2)
    fields = {
        "title": "Rapat koordinasi Musrenbang",
        "agenda": "Persiapan Musrenbang kecamatan\nPembagian tugas panitia",
        "kind": "luring",
        "starts_at": at(day, start),
        "ends_at": at(day, end),
        "room": office.room,
        "chair": office.sekcam,
        "note_taker": office.staff,
        "invited_users": [office.staff2],
        "invited_units": [],
        "guests": [GuestInput("Kepala Desa Sukamaju", "Pemerintah Desa Sukamaju", "kades@sukamaju.desa.id")],
    }
    fields.update(overrides)
    return schedule_meeting(actor=actor or office.kasi, organisation=office.org, **fields)


def today_plus(days: int) -> dt.date:
    return dt.date.today() + dt.timedelta(days=days)
