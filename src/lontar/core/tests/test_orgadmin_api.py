"""REST API of offices, units, positions and staff: scoped like the screens, personal data masked alike."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from lontar.core.models import PositionAssignment, Role
from lontar.core.tests.factories import PositionFactory, StaffFactory, UnitFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def get(client, user, path):
    client.force_login(user)
    response = client.get(f"{API}{path}")
    return response.status_code, response.json() if response.status_code == 200 else None


def test_staff_of_the_office_see_colleagues_with_personal_data_masked_but_their_own_in_full(
    client, district, other_district, staff_user
):
    colleague = StaffFactory(
        organisation=district,
        user=None,
        full_name="Siti Aminah",
        nip="199005122015032007",
        phone="0812-3456-7890",
        email="siti.aminah@contoh.go.id",
    )
    StaffFactory(organisation=other_district, user=None, full_name="Orang Lain")
    status, body = get(client, staff_user, "/pegawai/")
    assert status == 200
    rows = {row["full_name"]: row for row in body["results"]}
    assert set(rows) == {"Siti Aminah", staff_user.staff.full_name}
    assert {k: rows["Siti Aminah"][k] for k in ("nip", "phone", "email", "personal_data_masked")} == {
        "nip": "•••••••• •••••• • 007",
        "phone": "0812-••••-890",
        "email": "si•••@contoh.go.id",
        "personal_data_masked": True,
    }
    own = rows[staff_user.staff.full_name]
    assert own["nip"] == staff_user.staff.nip_display and own["personal_data_masked"] is False
    status, body = get(client, staff_user, f"/pegawai/{colleague.pk}/")
    assert status == 200 and body["nip"] == "•••••••• •••••• • 007"


def test_the_org_admin_reads_nips_in_full_and_finds_people_by_their_first_digits(client, district, org_admin):
    StaffFactory(organisation=district, user=None, full_name="Siti Aminah", nip="199005122015032007")
    status, body = get(client, org_admin, "/pegawai/?q=19900512")
    assert status == 200
    assert [(row["full_name"], row["nip"]) for row in body["results"]] == [
        ("Siti Aminah", "19900512 201503 2 007")
    ]


def test_a_staff_member_cannot_probe_birth_dates_by_searching_nip_prefixes(client, district, staff_user):
    StaffFactory(organisation=district, user=None, full_name="Siti Aminah", nip="199005122015032007")
    assert get(client, staff_user, "/pegawai/?q=19900512")[1]["results"] == []
    found = get(client, staff_user, "/pegawai/?q=19900512 201503 2 007")[1]["results"]
    assert [row["full_name"] for row in found] == ["Siti Aminah"]


def test_positions_list_who_holds_them_today_and_who_acts(client, district, other_district, staff_user):
    today = timezone.localdate()
    position = PositionFactory(organisation=district, title="Kepala Seksi Pemerintahan")
    PositionFactory(organisation=other_district, title="Jabatan Kantor Lain")
    holder = StaffFactory(organisation=district, user=None, full_name="Parlindungan Siregar")
    acting = StaffFactory(organisation=district, user=None, full_name="Muhammad Rojali")
    position.assignments.create(organisation=district, staff=holder, start_date=datetime.date(2023, 2, 1))
    position.assignments.create(
        organisation=district,
        staff=acting,
        kind=PositionAssignment.Kind.PLH,
        start_date=today - datetime.timedelta(days=2),
        end_date=today + datetime.timedelta(days=10),
    )
    status, body = get(client, staff_user, "/jabatan/")
    assert status == 200
    assert [row["title"] for row in body["results"]] == ["Kepala Seksi Pemerintahan"]
    holders = [(h["name"], h["kind"], h["acts"]) for h in body["results"][0]["holders"]]
    assert holders == [
        ("Parlindungan Siregar", PositionAssignment.Kind.DEFINITIVE, False),
        ("Muhammad Rojali", PositionAssignment.Kind.PLH, True),
    ]
    detail = get(client, staff_user, f"/jabatan/{position.pk}/")[1]
    assert [h["acts"] for h in detail["holders"]] == [False, True]


def test_units_can_be_narrowed_to_one_office_of_those_visible(client, city, district, make_member):
    village = district.children.create(kind="kelurahan", name="Kelurahan Satu", code="Kel.Satu")
    UnitFactory(organisation=district, name="Seksi Pemerintahan", code="PEM")
    UnitFactory(organisation=village, name="Seksi Pemerintahan dan Pelayanan", code="PEM")
    camat = make_member(district, Role.HEAD)
    everything = get(client, camat, "/unit/")[1]["results"]
    assert sorted(row["name"] for row in everything) == [
        "Seksi Pemerintahan",
        "Seksi Pemerintahan dan Pelayanan",
    ]
    only_village = get(client, camat, f"/unit/?organisasi={village.pk}")[1]["results"]
    assert [row["organisation"] for row in only_village] == [village.pk]


def test_another_office_gets_404_and_nothing_can_be_written(client, district, foreign_user, org_admin):
    staff = StaffFactory(organisation=district, user=None, full_name="Siti Aminah")
    unit = UnitFactory(organisation=district)
    position = PositionFactory(organisation=district, unit=unit)
    for path in (f"/pegawai/{staff.pk}/", f"/unit/{unit.pk}/", f"/jabatan/{position.pk}/"):
        assert get(client, foreign_user, path)[0] == 404
    client.force_login(org_admin)
    assert (
        client.patch(f"{API}/pegawai/{staff.pk}/", {"full_name": "Diubah"}, "application/json").status_code
        == 405
    )
    assert client.post(f"{API}/unit/", {"name": "Baru"}, "application/json").status_code == 405
    staff.refresh_from_db()
    assert staff.full_name == "Siti Aminah"
