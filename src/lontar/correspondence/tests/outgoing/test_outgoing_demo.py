"""The outgoing part of `manage.py load_demo`."""

from __future__ import annotations

import pytest

from lontar.core.demo.loader import load_demo
from lontar.core.demo.samples import load_samples
from lontar.correspondence.demo_outgoing import load_outgoing_demo
from lontar.correspondence.models import IncomingLetter, OutgoingDocument, OutgoingStatus, OutgoingTemplate
from lontar.records.tests.factories import ClassificationFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_templates_chains_and_documents_at_every_stage_and_loads_once(signing_setup):
    load_demo()
    load_samples()
    for code in ("000.1", "000.1.5", "000.8", "000.8.3.2", "800.1.11.1"):
        ClassificationFactory(code=code, title=f"Klasifikasi {code}")

    created = load_outgoing_demo()

    assert created["templat naskah keluar"] == 3 * 8
    assert created["naskah keluar"] == 5
    jatisari = OutgoingDocument.objects.filter(organisation__code="Kec.Jts")
    assert sorted(jatisari.values_list("status", flat=True)) == sorted(
        [
            OutgoingStatus.DRAFT,
            OutgoingStatus.IN_REVIEW,
            OutgoingStatus.RETURNED,
            OutgoingStatus.AWAITING_SIGNATURE,
            OutgoingStatus.SENT,
        ]
    )
    template = OutgoingTemplate.objects.get(organisation__code="Kec.Jts", document_type="surat_dinas")
    assert [v.position.title for v in template.verifiers.all()] == [
        "Kepala Subbagian Umum dan Kepegawaian",
        "Sekretaris Kecamatan",
    ]
    sent = jatisari.get(status=OutgoingStatus.SENT)
    assert sent.issued_document.signed
    assert IncomingLetter.objects.get(organisation__code="Kec.Mks").source_document == sent.issued_document

    assert +load_outgoing_demo() == {}
