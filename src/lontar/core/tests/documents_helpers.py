"""Shared setup for the issued-documents tests."""

from __future__ import annotations

import datetime as dt

import pytest

from lontar.core.documents.models import IssuedDocument
from lontar.core.documents.services import issue_document
from lontar.core.models import PositionAssignment, Staff
from lontar.core.tests.factories import PositionAssignmentFactory, PositionFactory, StaffFactory

DOCUMENT_DATE = dt.date(2026, 11, 22)
BODY = (
    "<p>Yang bertanda tangan di bawah ini menerangkan bahwa warga berikut berdomisili di wilayah kami.</p>"
    "<table><tr><td>Nama</td><td>:</td><td>Siti Aminah</td></tr></table>"
    "<p>Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.</p>"
)


@pytest.fixture(scope="session")
def ca_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("ca")


@pytest.fixture(autouse=True)
def documents_storage(settings, ca_dir):
    """One local CA for the session (key generation is slow); issued files in the per-test private
    folder that the root conftest sets."""
    settings.LONTAR_CA_DIR = ca_dir
    settings.LONTAR_SIGNER = "lontar.core.documents.signing.LocalCASigner"
    settings.SITE_URL = "https://lontar.contoh.go.id"
    # Pages render without `collectstatic` having produced a manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return IssuedDocument._meta.get_field("file").storage


def camat_assignment(
    organisation, *, kind=PositionAssignment.Kind.DEFINITIVE, title="Camat Satu", nip="197203151998031004"
):
    staff = Staff.objects.filter(organisation=organisation, nip=nip).first() or StaffFactory(
        organisation=organisation,
        full_name="Ahmad Subagja",
        front_title="Drs.",
        back_title="M.Si.",
        nip=nip,
        rank="Pembina Tingkat I (IV/b)",
    )
    position = PositionFactory(organisation=organisation, title=title, is_unit_head=True)
    return PositionAssignmentFactory(
        position=position,
        staff=staff,
        kind=kind,
        start_date=dt.date(2026, 1, 1),
        end_date=None if kind == PositionAssignment.Kind.DEFINITIVE else dt.date(2026, 12, 31),
    )


def issue(organisation, actor, **overrides) -> IssuedDocument:
    kwargs = {
        "organisation": organisation,
        "actor": actor,
        "document_type": "surat-keterangan",
        "number": "400.12/15/Kec.Satu/XI/2026",
        "title": "Keterangan domisili Siti Aminah",
        "body_html": BODY,
        "document_date": DOCUMENT_DATE,
    }
    if "signatory_assignment" not in overrides and "signatory_name" not in overrides:
        kwargs["signatory_assignment"] = camat_assignment(organisation)
    kwargs.update(overrides)
    return issue_document(**kwargs)
