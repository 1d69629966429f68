"""Organisation screens: tenancy (404 across offices), masking, writes through services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lontar.core.models import AuditEvent, Role, Staff
from lontar.core.tests.factories import PASSWORD, PositionFactory, StaffFactory

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


def test_everyone_in_the_office_sees_the_directory_but_phones_are_masked(client, district, staff_user):
    colleague = StaffFactory(
        organisation=district, user=None, full_name="Siti Aminah", phone="0812-3456-7890"
    )
    position = PositionFactory(organisation=district, title="Kepala Seksi Pelayanan")
    position.assignments.create(organisation=district, staff=colleague, start_date="2024-01-01")
    _login(client, staff_user)
    page = client.get(reverse("core:staff_list")).content.decode()
    assert "Siti Aminah" in page and "Kepala Seksi Pelayanan" in page
    detail = client.get(reverse("core:staff_detail", args=[colleague.pk])).content.decode()
    assert "0812-3456-7890" not in detail
    assert "0812-••••-890" in detail


def test_the_org_admin_sees_the_full_phone_number(client, district, org_admin):
    colleague = StaffFactory(organisation=district, user=None, phone="0812-3456-7890")
    _login(client, org_admin)
    detail = client.get(reverse("core:staff_detail", args=[colleague.pk])).content.decode()
    assert "0812-3456-7890" in detail


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
