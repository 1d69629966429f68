"""The read-only personnel API: scoped to the offices where the caller reads personnel files (and the
caller's own record), histories on one person, the DUK in order."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.staff.sections import SECTIONS
from lontar.staff.services import personnel as services
from lontar.staff.tests.factories import keeper, nip, person

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_employees_come_with_their_current_rank_and_histories(district, other_district):
    sekcam = keeper(district)
    budi = person(district, full_name="Budi Santoso", number=nip("19860926", "201506", "1"))
    services.add_row(
        actor=sekcam,
        staff=budi,
        section=SECTIONS["pangkat"],
        data={"rank": "III/b Penata Muda Tingkat I", "tmt": datetime.date(2019, 4, 1)},
    )
    person(other_district, full_name="Orang Kantor Lain")
    listed = api(sekcam).get("/api/v1/kepegawaian/").json()["results"]
    names = {row["full_name"] for row in listed}
    assert "Budi Santoso" in names and "Orang Kantor Lain" not in names
    detail = api(sekcam).get(f"/api/v1/kepegawaian/{budi.pk}/").json()
    assert detail["rank"] == "III/b Penata Muda Tingkat I"
    assert detail["rank_history"][0]["tmt"] == "2019-04-01"
    assert api(keeper(other_district)).get(f"/api/v1/kepegawaian/{budi.pk}/").status_code == 404


def test_a_staff_member_sees_only_their_own_record(district):
    own = member(district, Role.STAFF)
    person(district, full_name="Rekan Kerja")
    listed = api(own).get("/api/v1/kepegawaian/").json()["results"]
    assert [row["id"] for row in listed] == [own.staff.pk]


def test_the_duk_is_in_order_and_scoped(district, other_district):
    sekcam = keeper(district)
    person(district, full_name="Muda", rank="III/a Penata Muda")
    person(district, full_name="Senior", number=nip("19750101", "200001", "1"), rank="IV/a Pembina")
    body = api(sekcam).get(f"/api/v1/duk/{district.pk}/", {"tanggal": "2026-01-01"}).json()
    assert [row["name"] for row in body["rows"]][:2] == ["Senior", "Muda"]
    assert body["day"] == "2026-01-01"
    assert api(sekcam).get(f"/api/v1/duk/{district.pk}/", {"tanggal": "kemarin"}).status_code == 400
    assert api(keeper(other_district)).get(f"/api/v1/duk/{district.pk}/").status_code == 404
    assert api(member(district, Role.STAFF)).get(f"/api/v1/duk/{district.pk}/").status_code == 404
