"""The REST API of outgoing documents goes through the same services and scopes as the screens."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from lontar.correspondence.models import OutgoingDocument, OutgoingStatus
from lontar.correspondence.tests.outgoing_helpers import draft

pytestmark = pytest.mark.django_db

BASE = "/api/v1/naskah-keluar/"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_draft_created_through_the_api_travels_the_whole_chain_to_a_number(office):
    response = api(office.drafter).post(
        BASE,
        {
            "organisation": office.org.pk,
            "document_type": "surat_dinas",
            "subject": "Permintaan data penduduk",
            "classification": office.classification.code,
            "body_html": "<p>Mohon data.</p><script>x</script>",
            "recipients": [{"role": "to", "name": "Kepala Dinas Dukcapil", "email": "dukcapil@contoh.go.id"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["body_html"] == "<p>Mohon data.</p>"

    assert api(office.drafter).post(f"{BASE}{pk}/submit/").json()["status"] == "in_review"
    assert api(office.sekcam).post(f"{BASE}{pk}/paraf/").status_code == 403
    assert api(office.kasubag).post(f"{BASE}{pk}/paraf/", {"comment": "Sesuai."}).status_code == 200
    assert api(office.sekcam).post(f"{BASE}{pk}/paraf/").json()["status"] == "awaiting_signature"
    signed = api(office.camat).post(f"{BASE}{pk}/sign/").json()

    assert signed["status"] == OutgoingStatus.SIGNED
    assert signed["number"].startswith("000.1.2/001/TU/")
    assert signed["verification_url"].startswith("https://lontar.contoh.go.id/")
    assert [s["state"] for s in signed["paraf_steps"]] == ["approved", "approved"]


def test_a_return_without_a_reason_is_refused_in_indonesian(office):
    document = draft(office)
    api(office.drafter).post(f"{BASE}{document.pk}/submit/")

    response = api(office.kasubag).post(f"{BASE}{document.pk}/return/", {"comment": ""})

    assert response.status_code == 400
    assert "alasan pengembalian" in response.content.decode()
    document.refresh_from_db()
    assert document.status == OutgoingStatus.IN_REVIEW


def test_the_list_never_carries_bodies_and_other_offices_see_nothing(office, foreign_user):
    document = draft(office)

    listed = api(office.drafter).get(BASE).json()["results"]
    assert [row["id"] for row in listed] == [document.pk]
    assert "body_html" not in listed[0]
    assert api(foreign_user).get(BASE).json()["results"] == []
    assert api(foreign_user).get(f"{BASE}{document.pk}/").status_code == 404
    assert api(foreign_user).post(f"{BASE}{document.pk}/submit/").status_code == 404


def test_a_user_cannot_create_a_draft_for_another_office(office, foreign_user):
    response = api(foreign_user).post(
        BASE,
        {"organisation": office.org.pk, "document_type": "nota_dinas", "subject": "Selundupan"},
        format="json",
    )
    assert response.status_code == 400
    assert not OutgoingDocument.objects.exists()
