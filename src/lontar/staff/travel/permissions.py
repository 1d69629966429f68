"""Actions of duty travel and who holds them (granted from TravelConfig.ready).

* Every staff member of an office requests surat tugas (for themselves; a section head also for the
  people of their unit; the Camat, the Sekcam, the administrator and Sub Bagian staff for anyone).
* The Camat and the Sekcam approve, reject, return and sign; a traveller never approves their own trip.
* Travellers report; the requester or an approver cancels before departure.
* Who sees what (object rule on `travel.view_trip`): travellers and the requester their trips; the
  Camat, the Sekcam, the administrator, Sub Bagian staff (Subbag TU / Umum-Kepegawaian and Perencanaan-
  Keuangan, who type the letters and pay the SPPD) and the auditor every trip of the office. Other
  offices see nothing (tenant scope).
"""

from __future__ import annotations

from lontar.core.models import Role, UnitKind
from lontar.core.permissions import grant, register_object_rule, roles_in
from lontar.staff.travel.models import APPROVE_TRIP, CANCEL_TRIP, REPORT_TRIP, REQUEST_TRIP

VIEW_TRIP = "travel.view_trip"
# Read actions held by roles that see every trip of the office (the auditor holds them as reads).
VIEW_ALL_TRIPS = "travel.view_all_trips"
EXPORT_TRIPS = "travel.view_export"
MANAGE_TRAVEL_SETTINGS = "travel.manage_settings"
APPROVE = APPROVE_TRIP
REQUEST = REQUEST_TRIP
REPORT = REPORT_TRIP
CANCEL = CANCEL_TRIP

OFFICE_ROLES = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN]
# Roles that see (and may draft for) the whole office without being Sub Bagian staff.
WHOLE_OFFICE_ROLES = frozenset({Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN})
APPROVER_ROLES = frozenset({Role.HEAD, Role.SECRETARY, Role.CITY_ADMIN})


def _staff_of(user):
    return getattr(user, "staff", None) if user is not None and user.is_authenticated else None


def in_subdivision(user, organisation_id: int) -> bool:
    """Staff of a Sub Bagian of this office (Subbag TU/Umum-Kepegawaian, Perencanaan-Keuangan)."""
    staff = _staff_of(user)
    return bool(
        staff is not None
        and staff.organisation_id == organisation_id
        and staff.unit_id
        and staff.unit.kind == UnitKind.SUBDIVISION
    )


def sees_whole_office(user, organisation) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser or roles_in(user, organisation) & WHOLE_OFFICE_ROLES:
        return True
    return in_subdivision(user, organisation.pk)


def is_traveller(user, trip) -> bool:
    staff = _staff_of(user)
    return staff is not None and trip.travellers.filter(staff=staff).exists()


def _sends_anyone(actor, organisation) -> bool:
    return bool(
        actor.is_superuser
        or roles_in(actor, organisation) & WHOLE_OFFICE_ROLES
        or in_subdivision(actor, organisation.pk)
    )


def _own_unit_ids(actor, organisation) -> set[int]:
    from lontar.core.models import Unit

    own = _staff_of(actor)
    if own is None or not own.unit_id or Role.SECTION_HEAD not in roles_in(actor, organisation):
        return set()
    return {own.unit_id, *Unit.objects.filter(parent_id=own.unit_id).values_list("pk", flat=True)}


def may_send(actor, organisation, staff) -> bool:
    """Whom `actor` may put on a request: themselves; a section head the people of their unit (and its
    sub-units); the Camat, the Sekcam, the administrator and Sub Bagian staff anyone of the office."""
    if _sends_anyone(actor, organisation):
        return True
    own = _staff_of(actor)
    if own is not None and own.pk == staff.pk:
        return True
    return staff.unit_id in _own_unit_ids(actor, organisation)


def may_send_ids(actor, organisation, candidates) -> set[int]:
    """The ids among `candidates` (Staff of `organisation`) that `may_send` allows, in one pass."""
    if _sends_anyone(actor, organisation):
        return {s.pk for s in candidates}
    own = _staff_of(actor)
    units = _own_unit_ids(actor, organisation)
    return {s.pk for s in candidates if (own is not None and s.pk == own.pk) or s.unit_id in units}


def _trip_rule(user, action, trip) -> bool:
    if user.is_superuser:
        return True
    if action in (VIEW_TRIP, REPORT_TRIP, CANCEL_TRIP, REQUEST_TRIP):
        mine = trip.requested_by_id == user.pk or is_traveller(user, trip)
        if action == VIEW_TRIP:
            return mine or sees_whole_office(user, trip.organisation)
        if action == REPORT_TRIP:
            return is_traveller(user, trip)
        if action == CANCEL_TRIP:
            return trip.requested_by_id == user.pk or bool(roles_in(user, trip.organisation) & APPROVER_ROLES)
        return trip.requested_by_id == user.pk
    if action == APPROVE_TRIP:
        # Nobody approves or signs the letter that sends themselves.
        return not is_traveller(user, trip)
    return True


def grant_travel_actions() -> None:
    from lontar.staff.travel.models import Trip

    grant(OFFICE_ROLES, VIEW_TRIP, REQUEST_TRIP, REPORT_TRIP, CANCEL_TRIP)
    grant([Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN], VIEW_ALL_TRIPS, EXPORT_TRIPS)
    grant([Role.HEAD, Role.SECRETARY], APPROVE_TRIP)
    grant([Role.SECRETARY, Role.ORG_ADMIN], MANAGE_TRAVEL_SETTINGS)
    register_object_rule(Trip, _trip_rule)


def _report_audience(report):
    """A report's attachments (photos, minutes) follow the trip: travellers, the requester, the
    approver and those who see every trip of the office."""
    from lontar.core.files.audience import Audience
    from lontar.core.models import Membership

    trip = report.trip
    ids = {trip.requested_by_id, trip.approved_by_id, report.submitted_by_id}
    ids.update(trip.travellers.exclude(staff__user=None).values_list("staff__user_id", flat=True))
    ids.update(
        Membership.objects.filter(
            organisation__in=[trip.organisation, *trip.organisation.ancestors()],
            is_active=True,
            role__in=list(WHOLE_OFFICE_ROLES),
        ).values_list("user_id", flat=True)
    )
    ids.update(_subdivision_user_ids(trip.organisation_id))
    return Audience(True, tuple(sorted(i for i in ids if i)))


def _subdivision_user_ids(organisation_id: int) -> list[int]:
    from lontar.core.models import Staff

    return list(
        Staff.objects.filter(
            organisation_id=organisation_id, unit__kind=UnitKind.SUBDIVISION, user__isnull=False
        ).values_list("user_id", flat=True)
    )


def register_report_audience() -> None:
    from lontar.core.files.audience import register_owner_audience
    from lontar.staff.travel.models import TripReport

    register_owner_audience(TripReport, _report_audience)
