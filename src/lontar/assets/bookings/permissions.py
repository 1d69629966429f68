"""Actions of the bookings module and who holds them (granted from BookingsConfig.ready).

* Everyone of the office sees the shared calendar and may request a room or a vehicle.
* The Camat and the Sekcam approve or reject any booking of their office; a section head (Kasubag
  Umum/TU) approves the bookings of the resources their unit manages (`Resource.manager_unit`).
* The requester cancels their own booking; whoever may approve it may cancel it too.
* The Sekcam and the office administrator manage the resources and the calendar feed links; the
  head of a resource's managing unit also edits that resource.
* The auditor reads everything (read actions only, by construction).
"""

from __future__ import annotations

from django.utils import timezone

from lontar.core.models import Role
from lontar.core.permissions import grant, register_object_rule, roles_in

VIEW_BOOKINGS = "bookings.view_booking"
REQUEST_BOOKING = "bookings.request_booking"
APPROVE_BOOKING = "bookings.approve_booking"
CANCEL_BOOKING = "bookings.cancel_booking"
RECORD_RETURN = "bookings.record_return"
MANAGE_RESOURCES = "bookings.manage_resources"
MANAGE_FEEDS = "bookings.manage_feeds"

OFFICE_ROLES = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN]
# Roles that decide on every booking of their office, whoever manages the resource.
OFFICE_DECIDERS = frozenset({Role.HEAD, Role.SECRETARY, Role.CITY_ADMIN})


def units_of(user, organisation) -> set[int]:
    """Ids of the units `user` works in at `organisation` today: their staff record's unit and the
    units of the positions they hold (definitive, Plt. or Plh.)."""
    from lontar.core.models import PositionAssignment, Staff

    if user is None or not user.is_authenticated:
        return set()
    cache = getattr(user, "_lontar_units_of", None)
    if cache is None:
        cache = user._lontar_units_of = {}
    key = organisation.pk
    if key not in cache:
        today = timezone.localdate()
        units = set(
            Staff.objects.filter(user=user, organisation=organisation, unit__isnull=False).values_list(
                "unit_id", flat=True
            )
        )
        units.update(
            PositionAssignment.objects.filter(
                staff__user=user, organisation=organisation, start_date__lte=today
            )
            .exclude(end_date__lt=today)
            .values_list("position__unit_id", flat=True)
        )
        cache[key] = units
    return cache[key]


def manages_resource(user, resource) -> bool:
    """The Camat/Sekcam of the office, or a section head of the unit that manages the resource."""
    if user.is_superuser:
        return True
    roles = roles_in(user, resource.organisation)
    if roles & OFFICE_DECIDERS:
        return True
    return (
        Role.SECTION_HEAD in roles
        and resource.manager_unit_id is not None
        and resource.manager_unit_id in units_of(user, resource.organisation)
    )


def _booking_rule(user, action, booking) -> bool:
    if action in (APPROVE_BOOKING, RECORD_RETURN):
        return manages_resource(user, booking.resource)
    if action == CANCEL_BOOKING:
        return booking.requested_by_id == user.pk or manages_resource(user, booking.resource)
    return True


def _resource_rule(user, action, resource) -> bool:
    if action == MANAGE_RESOURCES:
        roles = roles_in(user, resource.organisation)
        return (
            user.is_superuser
            or bool(roles & {Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN})
            or (manages_resource(user, resource))
        )
    return True


def grant_booking_actions() -> None:
    from lontar.assets.bookings.models import Booking, Resource

    grant(OFFICE_ROLES, VIEW_BOOKINGS, REQUEST_BOOKING, CANCEL_BOOKING)
    grant([Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD], APPROVE_BOOKING, RECORD_RETURN)
    # Section heads pass the role check; the object rule keeps them to their unit's resources.
    grant([Role.SECRETARY, Role.ORG_ADMIN, Role.SECTION_HEAD], MANAGE_RESOURCES)
    grant([Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN], MANAGE_FEEDS)
    register_object_rule(Booking, _booking_rule)
    register_object_rule(Resource, _resource_rule)
