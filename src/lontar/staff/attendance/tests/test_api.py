"""The attendance API: check-in/check-out through the same services (a repeat answers 200 with the first
record), my records, roster cells and the recap, each scoped like the screens."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.staff.attendance import services
from lontar.staff.attendance.models import AttendanceRecord
from lontar.staff.attendance.tests.helpers import MONDAY, at, team


@pytest.fixture
def people(district):
    unit, users = team(district, 3)
    other, others = team(district, 2, name="Subbagian Umum")
    sekcam = member(district, Role.SECRETARY)
    with at(MONDAY - dt.timedelta(days=3)):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=1)
        services.generate_roster(actor=sekcam, unit=other, start=MONDAY, weeks=1)
    return {"unit": unit, "users": users, "others": others, "sekcam": sekcam}


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_check_in_and_out_are_idempotent(people):
    client = api(people["users"][1])
    planned = services.rostered_mode(people["users"][1].staff, MONDAY)
    with at(MONDAY, 7, 40):
        first = client.post(
            "/api/v1/kehadiran/masuk/", {"work_mode": planned, "note": "Kantor"}, format="json"
        )
        again = client.post("/api/v1/kehadiran/masuk/", {}, format="json")
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["is_late"] is True and again.json()["id"] == first.json()["id"]
    with at(MONDAY, 16, 1):
        out = client.post("/api/v1/kehadiran/pulang/", {}, format="json")
        repeat = client.post("/api/v1/kehadiran/pulang/", {}, format="json")
    assert out.status_code == 201 and repeat.status_code == 200
    assert AttendanceRecord.objects.count() == 1
    mine = client.get("/api/v1/kehadiran/")
    assert [row["id"] for row in mine.json()["results"]] == [first.json()["id"]]


def test_check_in_refusals_answer_400_in_bahasa_indonesia(people):
    client = api(people["users"][1])
    planned = services.rostered_mode(people["users"][1].staff, MONDAY)
    other = "wfh" if planned == "wfo" else "wfo"
    with at(MONDAY, 7):
        refused = client.post("/api/v1/kehadiran/masuk/", {"work_mode": other}, format="json")
        out = client.post("/api/v1/kehadiran/pulang/", {}, format="json")
    assert refused.status_code == 400 and "mode_note" in refused.json()
    assert out.status_code == 400 and "belum tercatat masuk" in str(out.json())


def test_the_auditor_cannot_check_in(people, district):
    with at(MONDAY, 7):
        assert (
            api(member(district, Role.AUDITOR))
            .post("/api/v1/kehadiran/masuk/", {}, format="json")
            .status_code
            == 403
        )


def test_roster_cells_are_scoped_like_the_grid(people):
    staff_rows = api(people["users"][1]).get("/api/v1/jadwal-kerja/").json()["results"]
    assert {row["unit"] for row in staff_rows} == {people["unit"].pk}
    all_rows = api(people["sekcam"]).get(
        "/api/v1/jadwal-kerja/", {"mulai": MONDAY.isoformat(), "sampai": MONDAY.isoformat()}
    )
    assert {row["date"] for row in all_rows.json()["results"]} == {MONDAY.isoformat()}
    assert len(all_rows.json()["results"]) == 5
    assert api(people["sekcam"]).get("/api/v1/jadwal-kerja/", {"mulai": "kemarin"}).status_code == 400


def test_recap_read(people, district):
    with at(MONDAY, 7):
        services.check_in(actor=people["users"][1], mode="wfo", mode_note="x")
    with at(MONDAY + dt.timedelta(days=1), 9):
        head = api(people["users"][0]).get("/api/v1/rekap-kehadiran/").json()
        assert [unit["name"] for unit in head["units"]] == [people["unit"].name]
        line = next(p for p in head["units"][0]["people"] if p["staff"] == people["users"][1].staff.pk)
        assert line["present_office"] == 1 and line["working_days"] == 1
        assert api(people["users"][1]).get("/api/v1/rekap-kehadiran/").status_code == 403
        assert api(people["sekcam"]).get("/api/v1/rekap-kehadiran/", {"bulan": "2099-01"}).status_code == 400
        assert api(people["sekcam"]).get("/api/v1/rekap-kehadiran/", {"kantor": "999999"}).status_code == 404
