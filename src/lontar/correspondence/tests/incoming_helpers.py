"""A small kecamatan for incoming-letter tests: a Camat, a Sekcam, a Kasi Pemerintahan (head of her
seksi) with a staff member, a front desk, the agenda numbering template, and two KKA codes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.models import Role, UnitKind
from lontar.core.numbering.services import create_template
from lontar.core.tests.factories import PositionAssignmentFactory, PositionFactory, UnitFactory, member
from lontar.core.tests.files_samples import pdf_bytes
from lontar.correspondence.models import AGENDA_DOCUMENT_TYPE
from lontar.correspondence.services import incoming as services
from lontar.records.tests.factories import ClassificationFactory


@dataclass
class Office:
    org: object
    camat: object
    sekcam: object
    kasi: object
    staff: object
    other_staff: object
    front_desk: object
    admin: object
    seksi: object
    kasi_position: object
    classification: object


def agenda_template(org, admin):
    return create_template(
        actor=admin,
        organisation=org,
        document_type=AGENDA_DOCUMENT_TYPE,
        name="Agenda Surat Masuk",
        format="{urut:4}/SM/{org}/{tahun}",
        scope="document_type",
    )


def build_office(org, *, with_template: bool = True) -> Office:
    admin = member(org, Role.ORG_ADMIN, full_name="Admin Kantor")
    camat = member(org, Role.HEAD, full_name="Camat Utama")
    sekcam = member(org, Role.SECRETARY, full_name="Sekcam Utama")
    kasi = member(org, Role.SECTION_HEAD, full_name="Kasi Pemerintahan")
    staff = member(org, Role.STAFF, full_name="Staf Pemerintahan")
    other_staff = member(org, Role.STAFF, full_name="Staf Lain")
    front_desk = member(org, Role.FRONT_DESK, full_name="Petugas Loket")
    pimpinan = UnitFactory(organisation=org, kind=UnitKind.LEADERSHIP, name="Pimpinan", code="PIM")
    seksi = UnitFactory(organisation=org, kind=UnitKind.SECTION, name="Seksi Pemerintahan", code="PEM")
    camat_position = PositionFactory(organisation=org, unit=pimpinan, title="Camat", is_unit_head=True)
    kasi_position = PositionFactory(
        organisation=org,
        unit=seksi,
        title="Kepala Seksi Pemerintahan",
        is_unit_head=True,
        superior=camat_position,
    )
    staff_position = PositionFactory(
        organisation=org, unit=seksi, title="Pengolah Data", superior=kasi_position
    )
    PositionAssignmentFactory(position=camat_position, staff=camat.staff)
    PositionAssignmentFactory(position=kasi_position, staff=kasi.staff)
    PositionAssignmentFactory(position=staff_position, staff=staff.staff)
    if with_template:
        agenda_template(org, admin)
    classification = ClassificationFactory(code="000.1.5", title="Rapat pimpinan")
    return Office(
        org=org,
        camat=camat,
        sekcam=sekcam,
        kasi=kasi,
        staff=staff,
        other_staff=other_staff,
        front_desk=front_desk,
        admin=admin,
        seksi=seksi,
        kasi_position=kasi_position,
        classification=classification,
    )


def scan(name: str = "surat.pdf", text: str = "Isi pindaian surat undangan") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def register(office: Office, **overrides):
    values = {
        "actor": office.front_desk,
        "organisation": office.org,
        "sender_name": "Kepala Dinas",
        "sender_institution": "Dinas Kependudukan dan Pencatatan Sipil",
        "sender_number": "470/123/Disdukcapil/2026",
        "sender_date": dt.date(2026, 11, 2),
        "received_date": dt.date(2026, 11, 3),
        "subject": "Undangan rapat koordinasi pelayanan KTP-el",
        "summary": "Rapat koordinasi percepatan perekaman KTP elektronik.",
        "classification": office.classification,
    }
    values.update(overrides)
    return services.register_incoming(**values)
