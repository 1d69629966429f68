"""The one authorisation function: which role may do what, where, and which rows a user's lists hold."""

from __future__ import annotations

import pytest

from lontar.core import permissions
from lontar.core.models import Membership, OrganisationKind, Role, Staff, Unit
from lontar.core.permissions import (
    ISSUE_DOCUMENT,
    MANAGE_ORGANISATION,
    MANAGE_STAFF,
    VIEW_AUDIT,
    VIEW_DOCUMENT,
    VIEW_STAFF,
    authorize,
    forget_cached_roles,
    is_read_action,
    organisation_ids_with,
    visible_organisation_ids,
)
from lontar.core.tests.factories import OrganisationFactory, UnitFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(district):
    return OrganisationFactory(kind=OrganisationKind.VILLAGE, parent=district, name="Kelurahan Satu")


# Each office role and what it may do in its own office.
ROLE_MATRIX = {
    Role.HEAD: {VIEW_STAFF, VIEW_AUDIT, VIEW_DOCUMENT, ISSUE_DOCUMENT},
    Role.SECRETARY: {VIEW_STAFF, VIEW_AUDIT, VIEW_DOCUMENT, ISSUE_DOCUMENT},
    # A Kasi issues the PDF when signing as Plh./Plt. or a unit's nota dinas (granted by correspondence).
    Role.SECTION_HEAD: {VIEW_STAFF, VIEW_DOCUMENT, ISSUE_DOCUMENT},
    Role.STAFF: {VIEW_STAFF, VIEW_DOCUMENT},
    Role.FRONT_DESK: {VIEW_STAFF, VIEW_DOCUMENT},
    Role.ORG_ADMIN: {VIEW_STAFF, VIEW_AUDIT, VIEW_DOCUMENT, MANAGE_STAFF, MANAGE_ORGANISATION},
    Role.AUDITOR: {VIEW_STAFF, VIEW_AUDIT, VIEW_DOCUMENT},
}
ACTIONS = (VIEW_STAFF, VIEW_AUDIT, VIEW_DOCUMENT, ISSUE_DOCUMENT, MANAGE_STAFF, MANAGE_ORGANISATION)


def test_every_role_of_the_issue_exists():
    assert set(Role.values) == {
        "head",
        "secretary",
        "section_head",
        "staff",
        "front_desk",
        "org_admin",
        "auditor",
        "city_admin",
    }


@pytest.mark.parametrize("role", list(ROLE_MATRIX))
def test_each_office_role_holds_exactly_its_actions_in_its_own_office(district, role):
    user = member(district, role)
    granted = {action for action in ACTIONS if authorize(user, action, organisation=district)}
    assert granted == ROLE_MATRIX[role]


@pytest.mark.parametrize("role", list(ROLE_MATRIX))
def test_no_office_role_acts_in_another_kecamatan(district, other_district, role):
    user = member(district, role)
    assert [a for a in ACTIONS if authorize(user, a, organisation=other_district)] == []
    assert other_district.pk not in visible_organisation_ids(user)


def test_the_auditor_holds_every_read_action_and_no_write_whatever_modules_grant(district):
    auditor = member(district, Role.AUDITOR)
    permissions.grant([Role.AUDITOR], "uji.approve", "uji.viewer_edit")
    try:
        assert authorize(auditor, "uji.view", organisation=district)
        assert authorize(auditor, "uji.view_secret_register", organisation=district)
        assert not authorize(auditor, "uji.approve", organisation=district)
        # A verb that merely begins with the letters "view" is not a read.
        assert not authorize(auditor, "uji.viewer_edit", organisation=district)
        assert not authorize(auditor, MANAGE_STAFF, organisation=district)
    finally:
        permissions.ROLE_ACTIONS[Role.AUDITOR].difference_update({"uji.approve", "uji.viewer_edit"})


def test_read_actions_are_view_verbs_only():
    assert is_read_action("core.view_audit")
    assert is_read_action("records.view")
    assert not is_read_action("records.viewer_update")
    assert not is_read_action("core.manage_staff")
    assert not is_read_action("view_audit.delete")


def test_the_city_admin_acts_in_every_office_of_the_kota(city, district, other_district, village):
    admin = member(city, Role.CITY_ADMIN)
    for office in (city, district, other_district, village):
        assert authorize(admin, MANAGE_ORGANISATION, organisation=office)
        assert authorize(admin, "uji.anything_at_all", organisation=office)
    everywhere = {city.pk, district.pk, other_district.pk, village.pk}
    assert set(visible_organisation_ids(admin)) == everywhere
    assert set(organisation_ids_with(admin, MANAGE_STAFF)) == everywhere


def test_leaders_reach_their_kelurahan_but_section_heads_and_staff_do_not(district, village):
    head = member(district, Role.HEAD)
    section_head = member(district, Role.SECTION_HEAD)
    admin = member(district, Role.ORG_ADMIN)
    assert authorize(head, VIEW_AUDIT, organisation=village)
    assert authorize(admin, MANAGE_STAFF, organisation=village)
    assert not authorize(section_head, VIEW_STAFF, organisation=village)
    assert set(visible_organisation_ids(section_head)) == {district.pk}


def test_organisation_ids_with_agrees_with_authorize_office_by_office(
    city, district, other_district, village
):
    users = [
        member(district, Role.HEAD),
        member(district, Role.SECTION_HEAD),
        member(village, Role.ORG_ADMIN),
        member(city, Role.AUDITOR),
        member(city, Role.CITY_ADMIN),
    ]
    offices = [city, district, other_district, village]
    for user in users:
        for action in ACTIONS:
            expected = sorted(o.pk for o in offices if authorize(user, action, organisation=o))
            assert organisation_ids_with(user, action) == expected, (user.username, action)


def test_inactive_membership_office_or_account_grants_nothing(district):
    user = member(district, Role.ORG_ADMIN)
    Membership.objects.filter(user=user).update(is_active=False)
    forget_cached_roles(user)
    assert not authorize(user, VIEW_STAFF, organisation=district)
    assert visible_organisation_ids(user) == []

    other = member(district, Role.ORG_ADMIN)
    other.is_active = False
    assert not authorize(other, VIEW_STAFF, organisation=district)
    assert organisation_ids_with(other, VIEW_STAFF) == []


def test_an_object_is_judged_by_the_office_that_owns_it(district, other_district):
    admin = member(district, Role.ORG_ADMIN)
    own_unit = UnitFactory(organisation=district)
    foreign_unit = UnitFactory(organisation=other_district)
    assert authorize(admin, MANAGE_ORGANISATION, own_unit)
    assert not authorize(admin, MANAGE_ORGANISATION, foreign_unit)


def test_object_rules_registered_by_a_module_narrow_what_roles_grant(district):
    head = member(district, Role.HEAD)
    secret = UnitFactory(organisation=district, code="RHS")
    plain = UnitFactory(organisation=district, code="BIASA")

    def only_plain_units(user, action, obj):
        return obj.code != "RHS"

    permissions.register_object_rule(Unit, only_plain_units)
    try:
        assert authorize(head, VIEW_STAFF, plain)
        assert not authorize(head, VIEW_STAFF, secret)
    finally:
        permissions._OBJECT_RULES[Unit].remove(only_plain_units)


def test_tenant_querysets_hold_only_visible_offices(district, other_district, village):
    head = member(district, Role.HEAD)
    section_head = member(district, Role.SECTION_HEAD)
    member(other_district, Role.STAFF)
    member(village, Role.STAFF)

    def offices_seen_by(user):
        return set(Staff.objects.visible_to(user).values_list("organisation_id", flat=True))

    assert offices_seen_by(head) == {district.pk, village.pk}
    assert offices_seen_by(section_head) == {district.pk}


def test_anonymous_and_missing_users_are_refused_everything(district):
    from django.contrib.auth.models import AnonymousUser

    for user in (None, AnonymousUser()):
        assert not authorize(user, VIEW_STAFF, organisation=district)
        assert visible_organisation_ids(user) == []
        assert organisation_ids_with(user, VIEW_STAFF) == []
