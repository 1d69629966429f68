"""The office tree: kind rules, unique codes, moving and closing offices, transferring staff, and who
may do each."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.core.models import AuditEvent, Membership, Organisation, OrganisationKind, Role
from lontar.core.orgadmin import services
from lontar.core.permissions import VIEW_STAFF, authorize, visible_organisation_ids
from lontar.core.tests.factories import OrganisationFactory, PositionFactory, StaffFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_admin(city, make_member):
    return make_member(city, Role.CITY_ADMIN)


@pytest.fixture
def village(district):
    return OrganisationFactory(
        kind=OrganisationKind.VILLAGE, parent=district, name="Kelurahan Satu", code="Kel.Satu"
    )


def fresh(user):
    """The same account without the roles cached on the object by earlier checks."""
    return type(user).objects.get(pk=user.pk)


def test_each_kind_of_office_sits_under_the_kind_above_it(city, district, city_admin):
    with pytest.raises(ValidationError) as exc:
        services.create_organisation(
            actor=city_admin, parent=city, kind=OrganisationKind.VILLAGE, name="Kelurahan Salah", code="Kel.X"
        )
    assert exc.value.message_dict == {"parent": ["Kelurahan/desa harus berada di bawah sebuah kecamatan."]}
    with pytest.raises(ValidationError) as exc:
        services.create_organisation(
            actor=city_admin,
            parent=district,
            kind=OrganisationKind.DISTRICT,
            name="Kecamatan Salah",
            code="K.X",
        )
    assert exc.value.message_dict == {"parent": ["Kecamatan harus berada di bawah sebuah kota/kabupaten."]}
    assert not Organisation.objects.filter(code__in=["Kel.X", "K.X"]).exists()


def test_office_codes_are_unique_whatever_their_case(district, other_district, city_admin, city):
    with pytest.raises(ValidationError) as exc:
        services.create_organisation(
            actor=city_admin,
            parent=city,
            kind=OrganisationKind.DISTRICT,
            name="Kecamatan Tiga",
            code="KEC.SATU",
        )
    assert exc.value.message_dict == {
        "code": [
            "Kode Kec.Satu sudah dipakai Kecamatan Satu. Kode kantor tidak boleh sama, huruf besar dan kecil "
            "tidak dibedakan."
        ]
    }
    with pytest.raises(ValidationError):
        services.update_organisation(actor=city_admin, organisation=other_district, code="kec.satu")
    other_district.refresh_from_db()
    assert other_district.code == "Kec.Dua"


def test_unit_codes_are_unique_within_an_office_whatever_their_case(district, other_district, org_admin):
    UnitFactory(organisation=district, code="TU", name="Subbagian Tata Usaha")
    UnitFactory(organisation=other_district, code="PEM", name="Seksi Pemerintahan")
    with pytest.raises(ValidationError) as exc:
        services.create_unit(actor=org_admin, organisation=district, kind="subbagian", name="Umum", code="tu")
    assert exc.value.message_dict == {
        "code": ["Kode unit TU sudah dipakai Subbagian Tata Usaha di kantor ini."]
    }
    # Another office's codes are its own business.
    unit = services.create_unit(
        actor=org_admin, organisation=district, kind="seksi", name="Pemerintahan", code="PEM"
    )
    assert unit.code == "PEM"


def test_the_city_admin_moves_a_kelurahan_to_another_kecamatan(
    district, other_district, village, city_admin, make_member
):
    old_admin = make_member(district, Role.ORG_ADMIN)
    new_admin = make_member(other_district, Role.ORG_ADMIN)
    assert village.pk in visible_organisation_ids(fresh(old_admin))
    services.move_organisation(actor=city_admin, organisation=village, parent=other_district)
    village.refresh_from_db()
    assert village.parent == other_district
    assert village.path == f"{other_district.path}{village.pk}/"
    assert village.pk not in visible_organisation_ids(fresh(old_admin))
    assert village.pk in visible_organisation_ids(fresh(new_admin))
    event = AuditEvent.objects.get(action="organisation.move")
    assert (event.before, event.after) == ({"parent": "Kec.Satu"}, {"parent": "Kec.Dua"})


def test_moving_a_kecamatan_under_another_kota_carries_its_kelurahan(district, village):
    other_city = OrganisationFactory(kind=OrganisationKind.CITY, parent=None, code="Kota.Lain")
    services.move_organisation(actor=None, organisation=district, parent=other_city)
    village.refresh_from_db()
    assert village.path == f"{other_city.path}{district.pk}/{village.pk}/"


def test_a_kecamatan_admin_cannot_move_a_kelurahan_out_to_another_kecamatan(
    district, other_district, village, org_admin
):
    with pytest.raises(PermissionDenied):
        services.move_organisation(actor=org_admin, organisation=village, parent=other_district)
    village.refresh_from_db()
    assert village.parent == district
    assert not AuditEvent.objects.filter(action="organisation.move").exists()


def test_a_kelurahan_cannot_be_moved_under_a_kota(city, village, city_admin):
    with pytest.raises(ValidationError) as exc:
        services.move_organisation(actor=city_admin, organisation=village, parent=city)
    assert exc.value.message_dict == {"parent": ["Kelurahan/desa harus berada di bawah sebuah kecamatan."]}
    village.refresh_from_db()
    assert village.parent.kind == OrganisationKind.DISTRICT


def test_closing_a_kelurahan_ends_its_members_roles_there_and_reopening_restores_them(
    district, village, org_admin, make_member
):
    lurah = make_member(village, Role.HEAD)
    assert authorize(fresh(lurah), VIEW_STAFF, organisation=village)
    services.set_organisation_active(actor=org_admin, organisation=village, active=False)
    village.refresh_from_db()
    assert not village.is_active
    assert not authorize(fresh(lurah), VIEW_STAFF, organisation=village)
    # The kecamatan still reads the closed office's records.
    assert authorize(fresh(org_admin), VIEW_STAFF, organisation=village)
    services.set_organisation_active(actor=org_admin, organisation=village, active=True)
    assert authorize(fresh(lurah), VIEW_STAFF, organisation=village)
    events = AuditEvent.objects.filter(object_id=str(village.pk)).order_by("pk")
    actions = list(events.values_list("action", flat=True))
    assert actions[-2:] == ["organisation.deactivate", "organisation.activate"]


def test_an_office_cannot_close_itself(district, org_admin):
    with pytest.raises(PermissionDenied):
        services.set_organisation_active(actor=org_admin, organisation=district, active=False)
    district.refresh_from_db()
    assert district.is_active


def test_a_kecamatan_with_open_kelurahan_cannot_be_closed(district, village, city_admin):
    with pytest.raises(ValidationError) as exc:
        services.set_organisation_active(actor=city_admin, organisation=district, active=False)
    assert exc.value.messages == [
        "Kecamatan Satu masih membawahi kantor yang aktif. Nonaktifkan atau pindahkan dahulu kantor "
        "di bawahnya."
    ]
    services.set_organisation_active(actor=city_admin, organisation=village, active=False)
    services.set_organisation_active(actor=city_admin, organisation=district, active=False)
    with pytest.raises(ValidationError) as exc:
        services.set_organisation_active(actor=city_admin, organisation=village, active=True)
    assert exc.value.messages == ["Aktifkan dahulu kantor induknya, Kecamatan Satu."]


def test_the_profile_form_cannot_switch_an_office_off(district, org_admin):
    with pytest.raises(ValueError):
        services.update_organisation(actor=org_admin, organisation=district, is_active=False)
    district.refresh_from_db()
    assert district.is_active


def test_the_city_admin_transfers_a_staff_member_keeping_nip_account_and_history(
    district, other_district, city_admin, make_member
):
    user = make_member(district, Role.SECTION_HEAD)
    staff = user.staff
    position = PositionFactory(organisation=district, title="Kepala Seksi Pemerintahan")
    held = services.assign_position(
        actor=city_admin, position=position, staff=staff, start_date=datetime.date(2023, 1, 2)
    )
    with pytest.raises(ValidationError) as exc:
        services.transfer_staff(actor=city_admin, staff=staff, organisation=other_district)
    assert "masih memangku Kepala Seksi Pemerintahan di Kecamatan Satu" in exc.value.messages[0]
    services.end_assignment(actor=city_admin, assignment=held, end_date=datetime.date(2026, 1, 31))
    nip = staff.nip
    services.transfer_staff(actor=city_admin, staff=staff, organisation=other_district)
    staff.refresh_from_db()
    assert (staff.organisation, staff.nip, staff.user) == (other_district, nip, user)
    assert staff.assignments.get() == held  # the old post stays in the history
    assert not Membership.objects.filter(user=user).exists()
    assert not authorize(fresh(user), VIEW_STAFF, organisation=district)
    trail = AuditEvent.objects.filter(action__startswith="staff.transfer").order_by("pk")
    assert [(e.action, e.organisation_id) for e in trail] == [
        ("staff.transfer_out", district.pk),
        ("staff.transfer_in", other_district.pk),
    ]


def test_a_kecamatan_admin_cannot_transfer_staff_to_another_kecamatan(district, other_district, org_admin):
    staff = StaffFactory(organisation=district, user=None)
    with pytest.raises(PermissionDenied):
        services.transfer_staff(actor=org_admin, staff=staff, organisation=other_district)
    staff.refresh_from_db()
    assert staff.organisation == district
    assert not AuditEvent.objects.filter(action__startswith="staff.transfer").exists()
