"""The office administrator creates and revokes Open311 client keys; nobody else does."""

from __future__ import annotations

import pytest

from lontar.complaints.open311 import keys
from lontar.complaints.open311.models import Open311Client
from lontar.complaints.open311.tests import helpers
from lontar.core.models import AuditEvent, Role
from lontar.core.tests.factories import member

pytestmark = pytest.mark.django_db


def test_the_administrator_creates_a_key_shown_once_and_stored_as_a_hash(client, district):
    admin = helpers.admin_of(district)
    client.force_login(admin)
    assert client.get("/open311/kelola/").status_code == 200
    response = client.post("/open311/kelola/baru/", {"organisation": district.pk, "name": "Aplikasi Warga"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    key = response.context["key"]
    assert key.startswith("o311_") and key in response.content.decode()
    stored = Open311Client.objects.get()
    assert stored.key_hash == keys.key_hash(key)
    assert key not in str(list(Open311Client.objects.values()))
    assert key not in client.get("/open311/kelola/").content.decode()
    event = AuditEvent.objects.get(action="open311.client.create")
    assert event.actor == admin and key not in str(event.after)


def test_revoking_is_audited_and_stops_the_key(client, district):
    api_client, key = helpers.client_key(district)
    admin = helpers.admin_of(district)
    client.force_login(admin)
    assert client.post(f"/open311/kelola/{api_client.pk}/cabut/").status_code == 302
    api_client.refresh_from_db()
    assert not api_client.is_active and api_client.revoked_by == admin
    event = AuditEvent.objects.get(action="open311.client.revoke")
    assert event.before["is_active"] is True and event.after["is_active"] is False
    response = client.post(
        "/open311/v2/requests.json", {"api_key": key, "service_code": "x", "description": "y" * 20}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", [Role.STAFF, Role.AUDITOR, Role.HEAD])
def test_other_roles_neither_see_nor_manage_keys(client, district, role):
    api_client, _key = helpers.client_key(district)
    client.force_login(member(district, role))
    assert client.get("/open311/kelola/").status_code == 403
    assert client.post("/open311/kelola/baru/", {"organisation": district.pk, "name": "X"}).status_code == 403
    assert client.post(f"/open311/kelola/{api_client.pk}/cabut/").status_code in (403, 404)
    assert Open311Client.objects.get().is_active
    assert Open311Client.objects.count() == 1


def test_another_offices_administrator_cannot_touch_office_a_keys(client, district, other_district):
    api_client, _key = helpers.client_key(district, name="Klien Kantor A")
    client.force_login(helpers.admin_of(other_district))
    page = client.get("/open311/kelola/")
    assert page.status_code == 200 and "Klien Kantor A" not in page.content.decode()
    response = client.post("/open311/kelola/baru/", {"organisation": district.pk, "name": "Selundupan"})
    assert response.status_code == 400
    assert "Pilih kantor yang Anda kelola" in response.content.decode()
    assert client.post(f"/open311/kelola/{api_client.pk}/cabut/").status_code == 404
    assert list(Open311Client.objects.values_list("name", "is_active")) == [("Klien Kantor A", True)]


def test_an_empty_name_is_refused_with_a_message(client, district):
    client.force_login(helpers.admin_of(district))
    response = client.post("/open311/kelola/baru/", {"organisation": district.pk, "name": ""})
    assert response.status_code == 400
    assert not Open311Client.objects.exists()
