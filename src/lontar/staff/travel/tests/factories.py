"""Building blocks for duty-travel tests: an office whose Camat and Sekcam hold their posts, a section
with its head and two staff, a Subbag TU clerk, an auditor and an administrator, the surat-tugas
numbering template, and trips moved along through the real services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lontar.core.models import Role, UnitKind
from lontar.core.numbering.services import create_template
from lontar.core.tests import documents_helpers
from lontar.core.tests.factories import PositionAssignmentFactory, PositionFactory, UnitFactory, member
from lontar.core.tests.files_samples import pdf_bytes
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.travel import services
from lontar.staff.travel.models import Transport

ca_dir = documents_helpers.ca_dir
documents_storage = documents_helpers.documents_storage

LETTER_FORMAT = "{klasifikasi}/{urut:3}/{org}/{bulan_romawi}/{tahun}"


@dataclass
class Office:
    org: object
    camat: object
    sekcam: object
    kasi: object
    staff: object
    second_staff: object
    clerk: object
    outsider_staff: object
    auditor: object
    admin: object
    section: object


def build_office(org, *, numbering: bool = True) -> Office:
    leadership = UnitFactory(organisation=org, kind=UnitKind.LEADERSHIP, name="Pimpinan", code="PIM")
    secretariat = UnitFactory(organisation=org, kind=UnitKind.SECRETARIAT, name="Sekretariat", code="SEK")
    tu = UnitFactory(
        organisation=org, kind=UnitKind.SUBDIVISION, name="Subbagian Umum dan Kepegawaian", code="TU",
        parent=secretariat,
    )  # fmt: skip
    section = UnitFactory(organisation=org, kind=UnitKind.SECTION, name="Seksi Pemerintahan", code="PEM")
    other = UnitFactory(organisation=org, kind=UnitKind.SECTION, name="Seksi Trantib", code="TRANTIB")
    camat_position = PositionFactory(organisation=org, unit=leadership, title="Camat Satu", is_unit_head=True)
    sekcam_position = PositionFactory(
        organisation=org, unit=secretariat, title="Sekretaris Kecamatan", superior=camat_position,
        is_unit_head=True,
    )  # fmt: skip
    kasi_position = PositionFactory(
        organisation=org, unit=section, title="Kepala Seksi Pemerintahan", superior=camat_position,
        is_unit_head=True,
    )  # fmt: skip
    camat = member(org, Role.HEAD, full_name="Ahmad Subagja", front_title="Drs.", rank="IV/b")
    sekcam = member(org, Role.SECRETARY, full_name="Rina Marlina", rank="IV/a")
    kasi = member(org, Role.SECTION_HEAD, full_name="Dedi Kurniawan", unit=section, rank="III/d")
    staff = member(org, Role.STAFF, full_name="Euis Komala", unit=section, rank="III/a")
    second_staff = member(org, Role.STAFF, full_name="Ujang Sopandi", unit=section, rank="II/c")
    clerk = member(org, Role.STAFF, full_name="Siti Kepegawaian", unit=tu)
    outsider_staff = member(org, Role.STAFF, full_name="Budi Trantib", unit=other)
    auditor = member(org, Role.AUDITOR, full_name="Auditor Inspektorat")
    admin = member(org, Role.ORG_ADMIN, full_name="Rizky Pratama")
    start = dt.date(2025, 1, 1)
    for position, user in ((camat_position, camat), (sekcam_position, sekcam), (kasi_position, kasi)):
        PositionAssignmentFactory(position=position, staff=user.staff, start_date=start)
    if numbering:
        create_template(
            actor=admin,
            organisation=org,
            document_type="surat-tugas",
            name="Surat Tugas",
            format=LETTER_FORMAT,
            scope="document_type",
        )
    return Office(
        org, camat, sekcam, kasi, staff, second_staff, clerk, outsider_staff, auditor, admin, section
    )


@pytest.fixture
def office(district) -> Office:
    return build_office(district)


def future(days: int = 10, organisation=None) -> dt.date:
    return organisation_today(organisation) + dt.timedelta(days=days)


def trip_data(**overrides) -> dict:
    start = overrides.pop("start_date", future(10))
    return {
        "purpose": "Menghadiri rapat koordinasi penyusunan data kependudukan tingkat kota.",
        "basis": "Undangan Dinas Kependudukan dan Pencatatan Sipil Kota.",
        "basis_letter_number": "005/123/Disdukcapil",
        "destination_place": "Kota Sukamaju",
        "destination_institution": "Dinas Kependudukan dan Pencatatan Sipil",
        "start_date": start,
        "end_date": overrides.pop("end_date", start + dt.timedelta(days=1)),
        "transport": Transport.OFFICE_VEHICLE,
        "funding_source": "DPA Kecamatan",
        "budget_code": "5.1.02.04.01.0001",
        "notes": "",
        **overrides,
    }


def draft(office: Office, *, actor=None, travellers=None, **overrides):
    actor = actor or office.staff
    travellers = travellers if travellers is not None else [actor.staff]
    return services.create_trip(
        organisation=office.org, actor=actor, travellers=travellers, **trip_data(**overrides)
    )


def submitted(office: Office, **kwargs):
    trip = draft(office, **kwargs)
    return services.submit(trip=trip, actor=trip.requested_by)


def approved(office: Office, **kwargs):
    trip = submitted(office, **kwargs)
    return services.approve(trip=trip, actor=office.camat)


def issued(office: Office, **kwargs):
    trip = approved(office, **kwargs)
    return services.sign(trip=trip, actor=office.camat)


def pdf_upload(name: str = "foto-kegiatan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes("Foto rapat koordinasi"), content_type="application/pdf")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend="lontar.core.auth_backends.UsernameOrNipBackend")
    return client
