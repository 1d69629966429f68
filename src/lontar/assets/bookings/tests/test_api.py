"""Bookings and supplies through the REST API: the same services, scoped, refusals in Indonesian."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from lontar.assets.bookings.models import BookingStatus
from lontar.assets.bookings.tests.factories import Office, at, next_weekday
from lontar.core.tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(district):
    return Office(district)


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_request_clash_approve_and_calendar_events(office, other_district):
    day = next_weekday(1)
    payload = {
        "resource": office.room.pk,
        "starts_at": at(day, 9).isoformat(),
        "ends_at": at(day, 11).isoformat(),
        "purpose": "Rapat RT",
        "attendees_count": 10,
    }
    created = _client(office.staff).post("/api/v1/peminjaman/", payload, format="json")
    assert created.status_code == 201 and created.json()["status"] == BookingStatus.PENDING
    reference = created.json()["reference"]
    clash = _client(office.kasi).post("/api/v1/peminjaman/", {**payload, "purpose": "Lain"}, format="json")
    assert clash.status_code == 400 and reference in str(clash.json())
    pk = created.json()["id"]
    assert (
        _client(office.kasi).post(f"/api/v1/peminjaman/{pk}/setujui/", {}, format="json").status_code == 403
    )
    approved = _client(office.kasubag).post(
        f"/api/v1/peminjaman/{pk}/setujui/", {"note": "ok"}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["status"] == BookingStatus.APPROVED
    events = _client(office.staff).get(
        "/api/v1/peminjaman/kalender/",
        {"organisasi": office.org.pk, "dari": at(day, 0).isoformat(), "sampai": at(day, 23).isoformat()},
    )
    assert events.status_code == 200 and [e["id"] for e in events.json()] == [pk]
    stranger = member(other_district)
    assert _client(stranger).get(f"/api/v1/peminjaman/{pk}/").status_code == 404
    assert _client(stranger).post("/api/v1/peminjaman/", payload, format="json").status_code == 400
