"""Organisation services: permission, tenancy, assignment rules, audit entries."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.core.models import (
    AuditEvent,
    Membership,
    Organisation,
    OrganisationKind,
    Position,
    PositionAssignment,
    Role,
    Staff,
    Unit,
    UnitKind,
)
from lontar.core.orgadmin import services
from lontar.core.tests.factories import (
    OrganisationFactory,
    PositionAssignmentFactory,
    PositionFactory,
    StaffFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def _state():
    return (
        list(
            Organisation.objects.values_list(
                "pk", "name", "parent_id", "is_active", "require_2fa_for_leaders"
            )
        ),
        Unit.objects.count(),
        Position.objects.count(),
        list(PositionAssignment.objects.values_list("pk", "end_date")),
        list(Staff.objects.values_list("pk", "full_name", "user_id", "organisation_id")),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(
    "role",
    [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.AUDITOR],
)
def test_every_role_but_the_administrators_is_refused_and_nothing_changes(
    city, district, other_district, make_member, role
):
    actor = make_member(district, role)
    village = OrganisationFactory(kind=OrganisationKind.VILLAGE, parent=district, code="Kel.Satu")
    position = PositionFactory(organisation=district)
    other = StaffFactory(organisation=district, user=None)
    unit = UnitFactory(organisation=district)
    held = PositionAssignmentFactory(position=position)
    before = _state()
    attempts = [
        lambda: services.update_organisation(actor=actor, organisation=district, name="Diubah"),
        lambda: services.create_organisation(
            actor=actor, parent=district, kind=OrganisationKind.VILLAGE, name="Baru", code="Kel.Baru"
        ),
        lambda: services.move_organisation(actor=actor, organisation=village, parent=other_district),
        lambda: services.set_organisation_active(actor=actor, organisation=village, active=False),
        lambda: services.create_unit(
            actor=actor, organisation=district, kind=UnitKind.SECTION, name="X", code="X"
        ),
        lambda: services.update_unit(actor=actor, unit=unit, name="Diubah"),
        lambda: services.delete_unit(actor=actor, unit=unit),
        lambda: services.create_position(actor=actor, organisation=district, unit=unit, title="X"),
        lambda: services.update_position(actor=actor, position=position, title="Diubah"),
        lambda: services.create_staff(actor=actor, organisation=district, full_name="Orang Baru"),
        lambda: services.update_staff(actor=actor, staff=other, full_name="Diubah"),
        lambda: services.transfer_staff(actor=actor, staff=other, organisation=other_district),
        lambda: services.assign_position(
            actor=actor, position=position, staff=other, start_date=D(2025, 1, 1)
        ),
        lambda: services.end_assignment(actor=actor, assignment=held, end_date=D(2026, 1, 1)),
        lambda: services.create_account(
            actor=actor, staff=other, username="baru", role=Role.ORG_ADMIN, password="Sandi-Panjang-123"
        ),
        lambda: services.add_membership(actor=actor, user=actor, organisation=district, role=Role.ORG_ADMIN),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert _state() == before


def test_an_org_admin_cannot_change_another_kecamatan(district, other_district, org_admin):
    foreign_staff = StaffFactory(organisation=other_district, user=None)
    before = _state()
    with pytest.raises(PermissionDenied):
        services.update_staff(actor=org_admin, staff=foreign_staff, full_name="Diubah")
    with pytest.raises(PermissionDenied):
        services.update_organisation(actor=org_admin, organisation=other_district, name="Diubah")
    with pytest.raises(PermissionDenied):
        services.create_staff(actor=org_admin, organisation=other_district, full_name="Susup")
    assert _state() == before


def test_updating_the_office_profile_is_audited_with_before_and_after(district, org_admin):
    services.update_organisation(
        actor=org_admin,
        organisation=district,
        letterhead_government="PEMERINTAH KOTA BARU",
        require_2fa_for_leaders=True,
    )
    district.refresh_from_db()
    assert district.require_2fa_for_leaders is True
    event = AuditEvent.objects.get(action="organisation.update")
    assert event.before == {"letterhead_government": "PEMERINTAH KOTA UJI", "require_2fa_for_leaders": False}
    assert event.after == {"letterhead_government": "PEMERINTAH KOTA BARU", "require_2fa_for_leaders": True}
    assert event.actor_id == org_admin.pk and event.organisation_id == district.pk


def test_staff_of_another_office_cannot_be_assigned(district, other_district, org_admin):
    position = PositionFactory(organisation=district)
    outsider = StaffFactory(organisation=other_district, user=None)
    with pytest.raises(ValidationError):
        services.assign_position(actor=org_admin, position=position, staff=outsider, start_date=D(2025, 1, 1))
    assert not PositionAssignment.objects.exists()


def test_creating_an_account_links_the_staff_and_grants_the_role(
    district, org_admin, mailoutbox, django_capture_on_commit_callbacks, settings
):
    # The link is mailed by a task after the commit; run it as soon as it is queued.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    staff = StaffFactory(organisation=district, user=None, email="siti@contoh.go.id")
    with django_capture_on_commit_callbacks(execute=True):
        user = services.create_account(
            actor=org_admin, staff=staff, username="siti", role=Role.FRONT_DESK, send_reset_link=True
        )
    staff.refresh_from_db()
    assert staff.user == user and not user.has_usable_password()
    assert Membership.objects.filter(user=user, organisation=district, role=Role.FRONT_DESK).exists()
    assert len(mailoutbox) == 1 and "siti" in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="account.create", object_id=str(staff.pk)).exists()


def test_an_org_admin_cannot_grant_the_city_admin_role(city, district, org_admin, make_member):
    with pytest.raises(ValidationError):
        services.add_membership(actor=org_admin, user=org_admin, organisation=district, role=Role.CITY_ADMIN)
    city_admin = make_member(city, Role.CITY_ADMIN)
    user = make_member(city, Role.STAFF)
    services.add_membership(actor=city_admin, user=user, organisation=city, role=Role.CITY_ADMIN)
    assert Membership.objects.filter(user=user, role=Role.CITY_ADMIN).exists()
    assert not Membership.objects.filter(user=org_admin, role=Role.CITY_ADMIN).exists()


def test_removing_a_role_is_audited_and_an_admin_keeps_their_own(district, org_admin, staff_user):
    own = Membership.objects.get(user=org_admin, role=Role.ORG_ADMIN)
    with pytest.raises(ValidationError):
        services.remove_membership(actor=org_admin, membership=own)
    membership = Membership.objects.get(user=staff_user)
    services.remove_membership(actor=org_admin, membership=membership)
    assert not Membership.objects.filter(user=staff_user).exists()
    event = AuditEvent.objects.get(action="membership.remove")
    assert event.before == {"user": staff_user.username, "role": Role.STAFF}


def test_a_unit_with_positions_cannot_be_deleted(district, org_admin):
    position = PositionFactory(organisation=district)
    with pytest.raises(ValidationError):
        services.delete_unit(actor=org_admin, unit=position.unit)
    assert Unit.objects.filter(pk=position.unit_id).exists()


def test_a_position_cannot_report_to_itself_through_a_cycle(district, org_admin):
    top = PositionFactory(organisation=district)
    below = PositionFactory(organisation=district, unit=top.unit, superior=top)
    with pytest.raises(ValidationError):
        services.update_position(actor=org_admin, position=top, superior=below)
    top.refresh_from_db()
    assert top.superior_id is None


def test_a_staff_member_who_left_is_not_given_an_account(district, org_admin):
    retired = StaffFactory(organisation=district, user=None, is_active=False)
    with pytest.raises(ValidationError) as exc:
        services.create_account(
            actor=org_admin,
            staff=retired,
            username="pensiunan",
            role=Role.STAFF,
            password="Sandi-Panjang-123",
        )
    assert exc.value.messages == ["Pegawai yang tidak aktif tidak diberi akun."]
    retired.refresh_from_db()
    assert retired.user is None
