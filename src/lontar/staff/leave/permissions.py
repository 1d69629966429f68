"""Actions of leave and who holds them (granted from LeaveConfig.ready).

* Every staff member of an office requests leave and reads their own requests (object rule below).
* The direct superior considers only the requests of their subordinates: the request names the
  superior's position when it is submitted, and whoever acts in that position (Plt./Plh. included)
  considers it.
* The authorised official is the holder of the office's top position (the Camat, or the Plt./Plh.);
  only they decide, and only in their office.
* The Camat, the Sekcam and the office administrator (Subbag TU's kepegawaian work, as for the
  personnel file) see every request of the office, keep the opening balances and export the list;
  the auditor reads everything (read actions).
* The office administrator and the Sekcam keep the leave settings (classification codes).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from lontar.core.models import PositionAssignment, Role
from lontar.core.permissions import grant, register_object_rule, roles_in
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.leave.models import CANCEL, CONSIDER, DECIDE, LeaveRequest

REQUEST_LEAVE = "leave.request_leave"
VIEW_LEAVE = "leave.view_leave"
VIEW_ALL_LEAVE = "leave.view_all_leave"
EXPORT_LEAVE = "leave.view_export"
MANAGE_BALANCES = "leave.manage_balances"
MANAGE_SETTINGS = "leave.manage_settings"
CONSIDER_LEAVE = CONSIDER
DECIDE_LEAVE = DECIDE
CANCEL_LEAVE = CANCEL

OFFICE_WIDE_ROLES = frozenset({Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN})
STAFF_ROLES = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN]


def acts_in(user, position, day=None) -> bool:
    """Whether `user` acts in `position` on `day` (its definitive holder, or the Plt./Plh.)."""
    if position is None or getattr(user, "staff", None) is None:
        return False
    day = day or organisation_today(position.organisation)
    holder = position.holder_on(day)
    return holder is not None and holder.staff_id == user.staff.pk


def is_requester(user, request: LeaveRequest) -> bool:
    staff = getattr(user, "staff", None)
    return staff is not None and staff.pk == request.staff_id


def is_considerer(user, request: LeaveRequest) -> bool:
    staff = getattr(user, "staff", None)
    if staff is None or staff.pk == request.staff_id:
        return False
    return staff.pk == request.superior_id or acts_in(user, request.superior_position)


def is_official(user, request: LeaveRequest) -> bool:
    staff = getattr(user, "staff", None)
    return staff is not None and staff.pk != request.staff_id and acts_in(user, request.official_position)


def sees_office(user, organisation) -> bool:
    return bool(user.is_superuser or roles_in(user, organisation) & OFFICE_WIDE_ROLES)


def _request_rule(user, action, request) -> bool:
    if user.is_superuser:
        return True
    if action == CONSIDER_LEAVE:
        return is_considerer(user, request)
    if action == DECIDE_LEAVE:
        return is_official(user, request)
    if action == CANCEL_LEAVE:
        return is_requester(user, request)
    if action == VIEW_LEAVE:
        return (
            is_requester(user, request)
            or is_considerer(user, request)
            or is_official(user, request)
            or sees_office(user, request.organisation)
        )
    return True


def official_positions(user, organisation_ids) -> list[int]:
    """Ids of positions in which `user` acts today in any of `organisation_ids` (for inbox queries):
    their own assignments in force whose position nobody else stands in for, and their Plt./Plh. posts."""
    staff = getattr(user, "staff", None)
    if staff is None:
        return []
    today = timezone.localdate()
    own = (
        PositionAssignment.objects.filter(
            staff=staff, organisation_id__in=organisation_ids, start_date__lte=today
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("position")
    )
    ids = []
    for assignment in own:
        holder = assignment.position.holder_on(today)
        if holder is not None and holder.pk == assignment.pk:
            ids.append(assignment.position_id)
    return ids


def grant_leave_actions() -> None:
    grant(STAFF_ROLES, REQUEST_LEAVE, VIEW_LEAVE, CANCEL_LEAVE, CONSIDER_LEAVE, DECIDE_LEAVE)
    grant([Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN], VIEW_ALL_LEAVE, EXPORT_LEAVE, MANAGE_BALANCES)
    grant([Role.SECRETARY, Role.ORG_ADMIN], MANAGE_SETTINGS)
    register_object_rule(LeaveRequest, _request_rule)
