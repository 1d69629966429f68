"""Organisation screens: tenancy (404 across offices), masking, writes through services."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lontar.core.models import AuditEvent, Organisation, OrganisationKind, PositionAssignment, Role, Staff
from lontar.core.tests.factories import (
    PASSWORD,
    OrganisationFactory,
    PositionFactory,
    StaffFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_an_org_admin_of_one_kecamatan_gets_404_for_staff_of_another(
    client, district, other_district, org_admin
):
    foreign = StaffFactory(organisation=other_district, user=None, full_name="Orang Lain")
    _login(client, org_admin)
    for name in ("core:staff_detail", "core:staff_edit", "core:account_create"):
        assert client.get(reverse(name, args=[foreign.pk])).status_code == 404
    response = client.post(reverse("core:staff_edit", args=[foreign.pk]), {"full_name": "Diubah"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.full_name == "Orang Lain"
    assert client.get(reverse("core:organisation_detail", args=[other_district.pk])).status_code == 404
    assert "Orang Lain" not in client.get(reverse("core:staff_list")).content.decode()


def test_everyone_in_the_office_sees_the_directory_but_personal_data_is_masked(client, district, staff_user):
    colleague = StaffFactory(
        organisation=district,
        user=None,
        full_name="Siti Aminah",
        nip="199005122015032007",
        phone="0812-3456-7890",
        email="siti.aminah@contoh.go.id",
    )
    position = PositionFactory(organisation=district, title="Kepala Seksi Pelayanan")
    position.assignments.create(organisation=district, staff=colleague, start_date="2024-01-01")
    _login(client, staff_user)
    page = client.get(reverse("core:staff_list")).content.decode()
    assert "Siti Aminah" in page and "Kepala Seksi Pelayanan" in page
    assert "19900512" not in page and "•••••••• •••••• • 007" in page
    detail = client.get(reverse("core:staff_detail", args=[colleague.pk])).content.decode()
    for private in ("0812-3456-7890", "19900512", "siti.aminah@"):
        assert private not in detail
    for masked in ("0812-••••-890", "•••••••• •••••• • 007", "si•••@contoh.go.id"):
        assert masked in detail
    own = client.get(reverse("core:staff_detail", args=[staff_user.staff.pk])).content.decode()
    assert staff_user.staff.nip_display in own


def test_the_camat_and_the_org_admin_see_personal_data_in_full(client, district, org_admin, head):
    colleague = StaffFactory(
        organisation=district, user=None, phone="0812-3456-7890", nip="199005122015032007"
    )
    for viewer in (org_admin, head):
        _login(client, viewer)
        detail = client.get(reverse("core:staff_detail", args=[colleague.pk])).content.decode()
        assert "0812-3456-7890" in detail and "19900512 201503 2 007" in detail


def test_a_nip_prefix_finds_people_only_for_those_who_may_see_nips(client, district, staff_user, org_admin):
    StaffFactory(organisation=district, user=None, full_name="Siti Aminah", nip="199005122015032007")
    url = reverse("core:staff_list")
    _login(client, staff_user)
    assert "Siti Aminah" not in client.get(url, {"q": "19900512"}).content.decode()
    assert "Siti Aminah" in client.get(url, {"q": "19900512 201503 2 007"}).content.decode()
    _login(client, org_admin)
    assert "Siti Aminah" in client.get(url, {"q": "19900512"}).content.decode()


def test_the_directory_filters_by_unit_and_status_and_finds_staff_who_left(client, district, org_admin):
    pelayanan = UnitFactory(organisation=district, name="Seksi Pelayanan")
    StaffFactory(organisation=district, user=None, full_name="Neng Siti Aisyah", unit=pelayanan)
    StaffFactory(organisation=district, user=None, full_name="Taufik Ramadhan", employment_type="pppk")
    StaffFactory(organisation=district, user=None, full_name="Odang Suhendar", is_active=False)
    _login(client, org_admin)

    def names(**query):
        people = client.get(reverse("core:staff_list"), query).context["people"]
        return sorted(p.full_name for p in people)

    assert names(unit=pelayanan.pk) == ["Neng Siti Aisyah"]
    assert names(status_kepegawaian="pppk") == ["Taufik Ramadhan"]
    assert "Odang Suhendar" not in names()
    assert names(keaktifan="nonaktif") == ["Odang Suhendar"]
    assert "Odang Suhendar" in names(keaktifan="semua")
    # A stale or foreign filter value is ignored, not an error page.
    assert "Neng Siti Aisyah" in names(unit="999999", keaktifan="apa")


def test_a_staff_member_cannot_open_the_office_edit_form_or_post_to_it(client, district, staff_user):
    _login(client, staff_user)
    url = reverse("core:organisation_edit", args=[district.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Diubah", "code": district.code}).status_code == 403
    district.refresh_from_db()
    assert district.name == "Kecamatan Satu"


def test_an_org_admin_adds_a_staff_member_and_an_account_through_the_screens(client, district, org_admin):
    _login(client, org_admin)
    response = client.post(
        reverse("core:staff_create", args=[district.pk]),
        {
            "full_name": "Dewi Lestari",
            "back_title": "S.E.",
            "nip": "19900512 201503 2 007",
            "employment_type": "pns",
            "email": "dewi@contoh.go.id",
            "is_active": "on",
        },
    )
    staff = Staff.objects.get(full_name="Dewi Lestari")
    assert response.status_code == 302
    assert staff.nip == "199005122015032007" and staff.organisation == district
    response = client.post(
        reverse("core:account_create", args=[staff.pk]),
        {"username": "dewi", "role": Role.STAFF, "method": "password", "password": PASSWORD},
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.user.username == "dewi" and staff.user.check_password(PASSWORD)
    assert AuditEvent.objects.filter(action="staff.create", actor=org_admin).count() == 1


def test_an_overlapping_holder_is_refused_on_screen_with_the_form_kept(client, district, org_admin):
    position = PositionFactory(organisation=district)
    holder = StaffFactory(organisation=district, user=None)
    position.assignments.create(organisation=district, staff=holder, start_date="2024-01-01")
    newcomer = StaffFactory(organisation=district, user=None)
    _login(client, org_admin)
    response = client.post(
        reverse("core:position_detail", args=[position.pk]),
        {"staff": newcomer.pk, "kind": "1_definitif", "start_date": "2025-01-01", "decree_number": "SK-99"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "sudah dipangku secara definitif" in page
    assert 'value="SK-99"' in page
    assert position.assignments.count() == 1


def test_the_navigation_shows_administration_and_audit_to_the_org_admin_only(
    client, district, org_admin, staff_user
):
    _login(client, org_admin)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert 'data-nav="organisations"' in page and 'data-nav="audit"' in page
    client.logout()
    _login(client, staff_user)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert 'data-nav="staff"' in page and 'data-nav="audit"' not in page


def test_the_dashboard_counts_staff_without_an_account_for_the_admin(client, district, org_admin):
    StaffFactory(organisation=district, user=None)
    StaffFactory(organisation=district, user=None)
    _login(client, org_admin)
    pending = client.get(reverse("core:dashboard")).context["pending"]
    counts = {item.label: item.count for item in pending}
    assert counts["Pegawai belum memiliki akun"] == 2


def test_the_city_admin_adds_a_kelurahan_under_any_kecamatan_of_the_kota(
    client, city, district, other_district, make_member, foreign_user
):
    city_admin = make_member(city, Role.CITY_ADMIN)
    _login(client, city_admin)
    form = {"name": "Kelurahan Baru", "code": "Kel.Baru", "timezone": "Asia/Jakarta"}
    response = client.post(reverse("core:organisation_create", args=[district.pk]), form)
    assert response.status_code == 302
    village = district.children.get(code="Kel.Baru")
    assert village.kind == "kelurahan"
    assert AuditEvent.objects.filter(action="organisation.create", object_id=str(village.pk)).exists()
    client.logout()
    _login(client, foreign_user)
    form["code"] = "Kel.Susup"
    assert client.post(reverse("core:organisation_create", args=[district.pk]), form).status_code == 404
    assert not district.children.filter(code="Kel.Susup").exists()


def test_a_bad_nip_is_explained_under_the_field_and_everything_typed_stays(client, district, org_admin):
    _login(client, org_admin)
    response = client.post(
        reverse("core:staff_create", args=[district.pk]),
        {
            "full_name": "Dewi Lestari",
            "back_title": "S.E.",
            "employment_type": "pns",
            "nip": "19920101 202221 2 001",
            "rank": "III/a Penata Muda",
            "email": "dewi@contoh.go.id",
            "phone": "0812-1111-2222",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "nip": [
            "Angka ke-13 dan ke-14 bernilai 21: ini nomor induk PPPK, bukan NIP PNS. "
            "Pilih status kepegawaian PPPK."
        ]
    }
    page = response.content.decode()
    for typed in (
        'value="Dewi Lestari"',
        'value="S.E."',
        'value="dewi@contoh.go.id"',
        'value="0812-1111-2222"',
    ):
        assert typed in page
    assert '<option value="III/a Penata Muda" selected>' in page
    assert 'aria-invalid="true"' in page
    assert not Staff.objects.filter(full_name="Dewi Lestari").exists()


def test_the_position_page_shows_who_acts_today_and_the_admin_ends_a_plh_early(client, district, org_admin):
    today = timezone.localdate()
    position = PositionFactory(organisation=district, title="Kepala Seksi Pemerintahan")
    holder = StaffFactory(organisation=district, user=None, full_name="Parlindungan Siregar")
    acting = StaffFactory(organisation=district, user=None, full_name="Muhammad Rojali")
    position.assignments.create(organisation=district, staff=holder, start_date=datetime.date(2023, 2, 1))
    plh = position.assignments.create(
        organisation=district,
        staff=acting,
        kind=PositionAssignment.Kind.PLH,
        start_date=today - datetime.timedelta(days=2),
        end_date=today + datetime.timedelta(days=10),
    )
    _login(client, org_admin)
    url = reverse("core:position_detail", args=[position.pk])
    response = client.get(url)
    current = {a.staff.full_name: (a.acts, a.away) for a in response.context["current"]}
    assert current == {"Parlindungan Siregar": (False, True), "Muhammad Rojali": (True, False)}
    assert "Menandatangani sebagai Plh. Kepala Seksi Pemerintahan" in response.content.decode()
    assert reverse("core:assignment_end", args=[plh.pk]) in response.content.decode()
    client.post(reverse("core:assignment_end", args=[plh.pk]), {"end_date": today.isoformat()})
    plh.refresh_from_db()
    assert plh.end_date == today
    tomorrow = today + datetime.timedelta(days=1)
    assert position.holder_on(tomorrow).staff == holder


def test_the_city_admin_moves_a_kelurahan_and_the_kecamatan_admin_closes_one(
    client, city, district, other_district, org_admin, make_member
):
    village = OrganisationFactory(kind=OrganisationKind.VILLAGE, parent=district, code="Kel.Satu")
    city_admin = make_member(city, Role.CITY_ADMIN)
    _login(client, city_admin)
    page = client.get(reverse("core:organisation_detail", args=[village.pk])).content.decode()
    assert reverse("core:organisation_move", args=[village.pk]) in page
    response = client.post(
        reverse("core:organisation_move", args=[village.pk]), {"parent": other_district.pk}
    )
    assert response.status_code == 302
    village.refresh_from_db()
    assert village.parent == other_district

    second = OrganisationFactory(kind=OrganisationKind.VILLAGE, parent=district, code="Kel.Dua")
    _login(client, org_admin)
    page = client.get(reverse("core:organisation_detail", args=[second.pk])).content.decode()
    assert reverse("core:organisation_move", args=[second.pk]) not in page  # no other kecamatan to move to
    client.post(reverse("core:organisation_set_active", args=[second.pk]), {"aktif": "0"})
    assert Organisation.objects.get(pk=second.pk).is_active is False
    # The kecamatan admin cannot close their own kecamatan.
    assert (
        client.post(reverse("core:organisation_set_active", args=[district.pk]), {"aktif": "0"}).status_code
        == 403
    )
    assert Organisation.objects.get(pk=district.pk).is_active is True


def test_a_staff_member_cannot_close_or_move_an_office(client, district, other_district, staff_user):
    village = OrganisationFactory(kind=OrganisationKind.VILLAGE, parent=district, code="Kel.Satu")
    _login(client, staff_user)
    assert (
        client.post(reverse("core:organisation_set_active", args=[district.pk]), {"aktif": "0"}).status_code
        == 403
    )
    response = client.post(
        reverse("core:organisation_move", args=[village.pk]), {"parent": other_district.pk}
    )
    assert response.status_code in (403, 404)
    village.refresh_from_db()
    assert village.parent == district and village.is_active


def test_the_city_admin_transfers_a_staff_member_through_the_screens(
    client, city, district, other_district, make_member
):
    staff = StaffFactory(organisation=district, user=None, full_name="Siti Aminah")
    city_admin = make_member(city, Role.CITY_ADMIN)
    _login(client, city_admin)
    page = client.get(reverse("core:staff_detail", args=[staff.pk])).content.decode()
    assert reverse("core:staff_transfer", args=[staff.pk]) in page
    response = client.post(
        reverse("core:staff_transfer", args=[staff.pk]), {"organisation": other_district.pk}
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.organisation == other_district
    # Transferring to the office it is already in is not offered, and a forged choice is refused.
    response = client.post(
        reverse("core:staff_transfer", args=[staff.pk]), {"organisation": other_district.pk}
    )
    assert response.status_code == 200 and "organisation" in response.context["form"].errors


def test_the_office_list_is_in_tree_order_with_active_staff_counts(client, city, district, make_member):
    village = OrganisationFactory(kind=OrganisationKind.VILLAGE, parent=district, code="Kel.Satu")
    camat = make_member(district, Role.HEAD)
    StaffFactory(organisation=district, user=None)
    StaffFactory(organisation=district, user=None, is_active=False)
    StaffFactory(organisation=village, user=None)
    _login(client, camat)
    rows = client.get(reverse("core:organisation_list")).context["rows"]
    assert [(org.code, depth, org.staff_count) for org, depth in rows] == [
        ("Kec.Satu", 0, 2),
        ("Kel.Satu", 1, 1),
    ]
