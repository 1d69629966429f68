"""Fixtures of the records tests: an office with its record keeper, a head who signs, numbering
formats for the two berita acara, and classification codes with a retention schedule."""

from __future__ import annotations

import datetime as dt

import pytest

from lontar.core.models import Role
from lontar.core.numbering.models import CounterScope
from lontar.core.numbering.services import create_template
from lontar.core.tests import documents_helpers
from lontar.core.tests.factories import member
from lontar.records import services
from lontar.records.models import FinalDisposition
from lontar.records.tests.factories import ClassificationFactory

ca_dir = documents_helpers.ca_dir
documents_storage = documents_helpers.documents_storage


@pytest.fixture
def keeper(district):
    """The Kasubag TU: keeps the office's files and proposes their disposal."""
    return member(district, Role.SECTION_HEAD, full_name="Rina Kasubag")


@pytest.fixture
def signing_head(district):
    """The Camat, holding the head's position, so the berita acara is signed in his name."""
    assignment = documents_helpers.camat_assignment(district)
    user = assignment.staff.user
    from lontar.core.models import Membership

    Membership.objects.get_or_create(user=user, organisation=district, role=Role.HEAD)
    return user


@pytest.fixture
def report_numbering(district, org_admin):
    for document_type, name in (
        ("berita_acara_pemusnahan", "BA pemusnahan"),
        ("berita_acara_penyerahan", "BA penyerahan"),
    ):
        create_template(
            actor=org_admin,
            organisation=district,
            document_type=document_type,
            name=name,
            format="{klasifikasi}/{urut:3}/{org}/{tahun}",
            scope=CounterScope.SHARED,
            shared_key="surat_keluar",
        )


@pytest.fixture
def short_code(db):
    """2 years active, 3 inactive, then destroyed."""
    return ClassificationFactory(
        code="000.1.2.3",
        title="Perjalanan Dinas Pegawai",
        active_years=2,
        inactive_years=3,
        final_disposition=FinalDisposition.DESTROY,
    )


@pytest.fixture
def long_code(db):
    """5 + 10 years, destroyed: needs the national archive's approval (10 years or more)."""
    return ClassificationFactory(
        code="900.1.3.3",
        title="Belanja",
        active_years=5,
        inactive_years=10,
        final_disposition=FinalDisposition.DESTROY,
    )


@pytest.fixture
def permanent_code(db):
    return ClassificationFactory(
        code="000.8.3.2",
        title="Standar Pelayanan",
        active_years=2,
        inactive_years=3,
        final_disposition=FinalDisposition.PERMANENT,
    )


def make_file(
    actor, organisation, classification, *, number="BRK/001", opened=dt.date(2015, 1, 5), closed=None
):
    record_file = services.open_file(
        actor=actor,
        organisation=organisation,
        number=number,
        title=f"Berkas {number}",
        classification=classification,
        opened_on=opened,
    )
    if closed is not None:
        record_file = services.close_file(actor=actor, record_file=record_file, closed_on=closed)
    return record_file


def inactive_file(actor, organisation, classification, number="BRK/001"):
    """A file closed long ago and moved to inactive, so its retention has ended."""
    record_file = make_file(
        actor,
        organisation,
        classification,
        number=number,
        opened=dt.date(2000, 1, 3),
        closed=dt.date(2000, 6, 30),
    )
    services.apply_retention(organisation=organisation)
    record_file.refresh_from_db()
    return record_file
