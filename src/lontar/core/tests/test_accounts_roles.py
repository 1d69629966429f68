"""Granting and revoking roles is audited with who, when, before and after, in the office concerned."""

import pytest
from django.core.exceptions import PermissionDenied

from lontar.core.models import AuditEvent, Membership, Role
from lontar.core.orgadmin import services

pytestmark = pytest.mark.django_db


def test_granting_a_role_is_audited_in_the_office_with_who_and_after(district, org_admin, staff_user):
    membership = services.add_membership(
        actor=org_admin, user=staff_user, organisation=district, role=Role.FRONT_DESK
    )
    event = AuditEvent.objects.get(action="membership.add", object_id=str(membership.pk))
    assert (event.actor_id, event.organisation_id) == (org_admin.pk, district.pk)
    assert event.before is None
    assert event.after == {
        "user": staff_user.username,
        "role": Role.FRONT_DESK,
        "organisation": district.code,
        "is_active": True,
    }


def test_granting_again_a_role_that_was_switched_off_shows_it_was_inactive(district, org_admin, staff_user):
    Membership.objects.filter(user=staff_user).update(is_active=False)
    services.add_membership(actor=org_admin, user=staff_user, organisation=district, role=Role.STAFF)
    event = AuditEvent.objects.get(action="membership.add")
    assert event.before == {
        "user": staff_user.username,
        "role": Role.STAFF,
        "organisation": district.code,
        "is_active": False,
    }
    assert event.after["is_active"] is True


def test_revoking_a_role_is_audited_with_what_was_there(district, org_admin, staff_user):
    membership = Membership.objects.get(user=staff_user)
    membership_id = str(membership.pk)
    services.remove_membership(actor=org_admin, membership=membership)
    event = AuditEvent.objects.get(action="membership.remove")
    assert (event.actor_id, event.organisation_id) == (org_admin.pk, district.pk)
    assert event.object_id == membership_id
    assert event.before == {"user": staff_user.username, "role": Role.STAFF}
    assert event.after is None


def test_an_office_outsider_can_neither_grant_nor_revoke_and_nothing_is_recorded(
    district, foreign_user, staff_user
):
    membership = Membership.objects.get(user=staff_user)
    with pytest.raises(PermissionDenied):
        services.add_membership(actor=foreign_user, user=staff_user, organisation=district, role=Role.HEAD)
    with pytest.raises(PermissionDenied):
        services.remove_membership(actor=foreign_user, membership=membership)
    assert Membership.objects.filter(user=staff_user).count() == 1
    assert not AuditEvent.objects.filter(action__startswith="membership.").exists()
