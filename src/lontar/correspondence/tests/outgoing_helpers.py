"""An office set up for outgoing documents: a Camat, a Sekcam, a Kasubag TU and a drafter in Subbag TU,
the surat dinas template with its paraf chain (Kasubag TU -> Sekcam), a numbering template and the
classification codes. Test modules import the fixtures they use from here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from lontar.core.documents.models import IssuedDocument
from lontar.core.models import PositionAssignment, Role, UnitKind
from lontar.core.numbering.services import create_template
from lontar.core.tests.factories import (
    PositionAssignmentFactory,
    PositionFactory,
    UnitFactory,
    member,
)
from lontar.correspondence.models import OutgoingType
from lontar.correspondence.services import outgoing as services
from lontar.records.tests.factories import ClassificationFactory

OUTGOING_FORMAT = "{klasifikasi}/{urut:3}/{unit}/{org}/{bulan_romawi}/{tahun}"


@dataclass
class Office:
    org: object
    camat: object
    sekcam: object
    kasubag: object
    drafter: object
    admin: object
    camat_position: object
    sekcam_position: object
    kasubag_position: object
    tu_unit: object
    classification: object
    template: object


def build_office(org, *, prefix: str = "") -> Office:
    leadership = UnitFactory(organisation=org, kind=UnitKind.LEADERSHIP, name="Pimpinan", code=f"{prefix}PIM")
    secretariat = UnitFactory(
        organisation=org, kind=UnitKind.SECRETARIAT, name="Sekretariat", code=f"{prefix}SEK"
    )
    tu = UnitFactory(
        organisation=org, kind=UnitKind.SUBDIVISION, name="Subbagian Tata Usaha", code=f"{prefix}TU"
    )
    camat_position = PositionFactory(organisation=org, unit=leadership, title="Camat Satu", is_unit_head=True)
    sekcam_position = PositionFactory(
        organisation=org,
        unit=secretariat,
        title="Sekretaris Kecamatan",
        superior=camat_position,
        is_unit_head=True,
    )
    kasubag_position = PositionFactory(
        organisation=org,
        unit=tu,
        title="Kepala Subbagian Tata Usaha",
        superior=sekcam_position,
        is_unit_head=True,
    )
    camat = member(
        org,
        Role.HEAD,
        full_name="Ahmad Subagja",
        front_title="Drs.",
        back_title="M.Si.",
        rank="IV/b Pembina Tingkat I",
    )
    sekcam = member(org, Role.SECRETARY, full_name="Rina Marlina")
    kasubag = member(org, Role.SECTION_HEAD, full_name="Dedi Kurniawan")
    drafter = member(org, Role.STAFF, full_name="Ujang Sopandi", unit=tu)
    admin = member(org, Role.ORG_ADMIN, full_name="Rizky Pratama")
    start = dt.date(2025, 1, 1)
    for position, user in ((camat_position, camat), (sekcam_position, sekcam), (kasubag_position, kasubag)):
        PositionAssignmentFactory(position=position, staff=user.staff, start_date=start)
    classification = ClassificationFactory(code="000.1.2", title="Ketatausahaan")
    create_template(
        actor=admin,
        organisation=org,
        document_type="surat_dinas",
        name="Surat Dinas",
        format=OUTGOING_FORMAT,
        scope="shared",
        shared_key="surat_keluar",
    )
    template = services.save_template(
        actor=admin,
        organisation=org,
        document_type=OutgoingType.SURAT_DINAS,
        body_html="<p>Dengan hormat,</p>",
        classification=classification,
        numbering_key="surat_dinas",
        signatory_position=camat_position,
        verifier_positions=[kasubag_position, sekcam_position],
    )
    return Office(
        org, camat, sekcam, kasubag, drafter, admin, camat_position, sekcam_position, kasubag_position, tu,
        classification, template,
    )  # fmt: skip


@pytest.fixture
def signing_setup(settings, tmp_path_factory):
    settings.LONTAR_CA_DIR = tmp_path_factory.getbasetemp() / "outgoing-ca"
    settings.LONTAR_SIGNER = "lontar.core.documents.signing.LocalCASigner"
    settings.SITE_URL = "https://lontar.contoh.go.id"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return IssuedDocument._meta.get_field("file").storage


@pytest.fixture
def office(district, signing_setup) -> Office:
    return build_office(district)


def draft(office: Office, **overrides):
    fields = {
        "subject": "Undangan rapat koordinasi",
        "body_html": "<p>Dengan hormat, kami mengundang Saudara.</p>",
        "classification": office.classification,
        "recipients": [
            services.RecipientInput(role="to", name="Kepala Dinas Kominfo", email="kominfo@contoh.go.id")
        ],
    }
    fields.update(overrides)
    return services.create_draft(
        actor=fields.pop("actor", office.drafter),
        organisation=office.org,
        document_type=fields.pop("document_type", OutgoingType.SURAT_DINAS),
        **fields,
    )


def through_paraf(office: Office, document):
    services.submit(actor=office.drafter, document=document)
    services.give_paraf(actor=office.kasubag, document=document)
    services.give_paraf(actor=office.sekcam, document=document)
    document.refresh_from_db()
    return document


def acting(position, staff, kind=PositionAssignment.Kind.PLH):
    return PositionAssignmentFactory(
        position=position,
        staff=staff,
        kind=kind,
        start_date=dt.date.today() - dt.timedelta(days=2),
        end_date=dt.date.today() + dt.timedelta(days=10),
    )
