"""An office set up for processing applications: a Camat and a Sekcam holding their positions, a Kasi
Pelayanan heading the service's unit, two officers, an auditor, the surat keterangan numbering
template, and a service whose result is a signed surat keterangan. Test modules import the fixtures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from lontar.core.models import PositionAssignment, Role, UnitKind
from lontar.core.numbering.services import create_template
from lontar.core.tests import documents_helpers
from lontar.core.tests.factories import PositionAssignmentFactory, PositionFactory, UnitFactory, member
from lontar.public_services.tests.factories import make_service

ca_dir = documents_helpers.ca_dir
documents_storage = documents_helpers.documents_storage

RESULT_FORMAT = "{klasifikasi}/{urut:3}/{org}/{bulan_romawi}/{tahun}"
RESULT_BODY = (
    "<p>Yang bertanda tangan di bawah ini menerangkan bahwa {{ pemohon.nama }} (NIK {{ pemohon.nik }}) "
    "adalah warga yang tidak mampu.</p><p>Keperluan: {{ data.keperluan }}.</p>"
)


@dataclass
class Office:
    org: object
    camat: object
    sekcam: object
    kasi: object
    officer: object
    second_officer: object
    auditor: object
    admin: object
    camat_position: object
    sekcam_position: object
    unit: object
    service: object


def build_office(org) -> Office:
    leadership = UnitFactory(organisation=org, kind=UnitKind.LEADERSHIP, name="Pimpinan", code="PIM")
    secretariat = UnitFactory(organisation=org, kind=UnitKind.SECRETARIAT, name="Sekretariat", code="SEK")
    service_unit = UnitFactory(organisation=org, kind=UnitKind.SECTION, name="Seksi Pelayanan", code="PEL")
    camat_position = PositionFactory(organisation=org, unit=leadership, title="Camat Satu", is_unit_head=True)
    sekcam_position = PositionFactory(
        organisation=org, unit=secretariat, title="Sekretaris Kecamatan", superior=camat_position,
        is_unit_head=True,
    )  # fmt: skip
    kasi_position = PositionFactory(
        organisation=org, unit=service_unit, title="Kepala Seksi Pelayanan", superior=sekcam_position,
        is_unit_head=True,
    )  # fmt: skip
    camat = member(
        org, Role.HEAD, full_name="Ahmad Subagja", front_title="Drs.", rank="IV/b Pembina Tingkat I"
    )
    sekcam = member(org, Role.SECRETARY, full_name="Rina Marlina")
    kasi = member(org, Role.SECTION_HEAD, full_name="Dedi Kurniawan", unit=service_unit)
    officer = member(org, Role.FRONT_DESK, full_name="Ujang Sopandi", unit=service_unit)
    second_officer = member(org, Role.STAFF, full_name="Euis Komala", unit=service_unit)
    auditor = member(org, Role.AUDITOR, full_name="Auditor Inspektorat")
    admin = member(org, Role.ORG_ADMIN, full_name="Rizky Pratama")
    start = dt.date(2025, 1, 1)
    for position, user in ((camat_position, camat), (sekcam_position, sekcam), (kasi_position, kasi)):
        PositionAssignmentFactory(position=position, staff=user.staff, start_date=start)
    create_template(
        actor=admin,
        organisation=org,
        document_type="surat_keterangan",
        name="Surat Keterangan",
        format=RESULT_FORMAT,
        scope="document_type",
    )
    service = make_service(
        org,
        unit=service_unit,
        result_document_type="surat_keterangan",
        result_title="Surat Keterangan Tidak Mampu",
        result_classification_code="400.9",
        result_body=RESULT_BODY,
    )
    return Office(
        org, camat, sekcam, kasi, officer, second_officer, auditor, admin, camat_position, sekcam_position,
        service_unit, service,
    )  # fmt: skip


@pytest.fixture
def office(district) -> Office:
    return build_office(district)


def acting(position, staff, kind=PositionAssignment.Kind.PLH):
    today = dt.date.today()
    return PositionAssignmentFactory(
        position=position,
        staff=staff,
        kind=kind,
        start_date=today - dt.timedelta(days=2),
        end_date=today + dt.timedelta(days=10),
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend="lontar.core.auth_backends.UsernameOrNipBackend")
    return client
