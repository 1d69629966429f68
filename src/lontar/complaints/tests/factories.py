"""Building blocks for complaints tests: categories routed to units, complaints moved along through the
real services (so every step has its history and audit event)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.complaints.models import ComplaintCategory, ComplaintChannel
from lontar.complaints.services import complaints as services
from lontar.core.models import Role
from lontar.core.tests.factories import UnitFactory, member
from lontar.core.tests.files_samples import pdf_bytes

WIB = dt.timezone(dt.timedelta(hours=7))


def at(day: dt.date, hour: int = 9):
    """Run the block as if it were `hour` o'clock WIB on `day`."""
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=WIB)
    return mock.patch("django.utils.timezone.now", return_value=moment)


def pdf_upload(name: str = "foto.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes("Foto jalan rusak"), content_type="application/pdf")


def make_category(
    organisation, *, code: str = "jalan", name: str = "Infrastruktur jalan", unit=None, **kwargs
):
    unit = unit or UnitFactory(organisation=organisation, name=f"Seksi {name}")
    return ComplaintCategory.objects.create(
        organisation=organisation, code=code, name=name, unit=unit, **kwargs
    )


def reporter(**overrides) -> dict:
    return {
        "name": "Budi Santoso",
        "phone": "081234567890",
        "email": "budi@example.com",
        "nik": "3273010101900001",
        **overrides,
    }


def file(organisation, *, category=None, **kwargs):
    """A complaint filed on the portal. Returns (complaint, secret)."""
    values = {
        "organisation": organisation,
        "channel": ComplaintChannel.PORTAL,
        "category": category,
        "description": "Jalan di depan pasar berlubang besar dan membahayakan pengendara motor.",
        "location": "Jl. Pasar Baru",
        "reporter": reporter(),
        **kwargs,
    }
    new = services.file_complaint(**values)
    return new.complaint, new.secret


class Team:
    """An office's complaint team: Camat, Sekcam, Kasubag TU (section head), handler, front desk, auditor."""

    def __init__(self, organisation, unit=None):
        self.org = organisation
        self.head = member(organisation, Role.HEAD, full_name="Camat Uji")
        self.secretary = member(organisation, Role.SECRETARY, full_name="Sekcam Uji")
        self.section_head = member(organisation, Role.SECTION_HEAD, full_name="Kasubag TU Uji")
        self.handler = member(organisation, Role.STAFF, full_name="Petugas Penanganan")
        self.other_staff = member(organisation, Role.STAFF, full_name="Staf Lain")
        self.front_desk = member(organisation, Role.FRONT_DESK, full_name="Petugas Loket")
        self.auditor = member(organisation, Role.AUDITOR, full_name="Auditor Uji")
        self.admin = member(organisation, Role.ORG_ADMIN, full_name="Admin Uji")


def forwarded(organisation, team: Team, **kwargs):
    complaint, secret = file(organisation, **kwargs)
    services.verify(complaint=complaint, actor=team.section_head)
    services.forward(complaint=complaint, actor=team.section_head)
    services.assign_handler(complaint=complaint, actor=team.section_head, handler=team.handler)
    return complaint, secret


def resolved(organisation, team: Team, **kwargs):
    complaint, secret = forwarded(organisation, team, **kwargs)
    services.start_follow_up(complaint=complaint, actor=team.handler)
    services.resolve(complaint=complaint, actor=team.handler, response="Lubang sudah ditambal oleh dinas PU.")
    return complaint, secret
