"""Actions of flexible work and attendance, and who holds them (granted from AttendanceConfig.ready).

* Every member with a staff record checks in and out for themselves and reads their own attendance.
* A section head (Kasi/Kasubag) reads, rosters and corrects the attendance of their own unit.
* The Camat and the Sekcam do so for the whole office; the Sekcam and the office administrator set the
  quotas and office hours.
* The auditor reads everything (read actions), and may export the recap (an audited read).

The unit limit of section heads is `may_act_on_unit` below: the role grants the action in the office,
the unit check narrows it to the unit the person belongs to.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from lontar.core.models import Role
from lontar.core.permissions import authorize, grant, organisation_ids_with, roles_in

RECORD_OWN = "attendance.record_own_attendance"
VIEW_ROSTER = "attendance.view_roster"
VIEW_RECAP = "attendance.view_recap"
EXPORT_RECAP = "attendance.view_recap_export"
MANAGE_ROSTER = "attendance.manage_roster"
CORRECT_ATTENDANCE = "attendance.correct_attendance"
MANAGE_QUOTA = "attendance.manage_quota"

MEMBERS = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN]
SUPERVISORS = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD]
# Roles that act on every unit of the office; a section head acts on their own unit only.
OFFICE_WIDE = frozenset({Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN})


def grant_attendance_actions() -> None:
    grant(MEMBERS, RECORD_OWN, VIEW_ROSTER)
    grant([*SUPERVISORS, Role.ORG_ADMIN], VIEW_RECAP, EXPORT_RECAP)
    grant(SUPERVISORS, MANAGE_ROSTER, CORRECT_ATTENDANCE)
    grant([Role.SECRETARY, Role.ORG_ADMIN], MANAGE_QUOTA)


def _own_unit_id(user):
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return staff.unit_id if staff is not None else None


def may_act_on_unit(user, action: str, unit) -> bool:
    """Whether `action` holds for `unit`: office-wide roles anywhere in the office, section heads (and
    staff, for the roster they read) only in their own unit."""
    if not authorize(user, action, organisation=unit.organisation):
        return False
    if user.is_superuser or roles_in(user, unit.organisation) & OFFICE_WIDE:
        return True
    return _own_unit_id(user) == unit.pk


def require_unit(user, action: str, unit) -> None:
    if not may_act_on_unit(user, action, unit):
        raise PermissionDenied(action)


def unit_scope(user, action: str) -> tuple[list[int], list[int]]:
    """(office ids where the user acts on every unit, unit ids where they act on their own unit only),
    for filtering lists in SQL."""
    offices = organisation_ids_with(user, action)
    if not offices:
        return [], []
    if user.is_superuser:
        return offices, []
    wide = [org_id for org_id in offices if roles_in(user, org_id) & OFFICE_WIDE]
    staff = getattr(user, "staff", None)
    narrow = []
    if (
        staff is not None
        and staff.unit_id
        and staff.organisation_id in offices
        and staff.organisation_id not in wide
    ):
        narrow = [staff.unit_id]
    return wide, narrow


def require_for_staff(user, action: str, staff) -> None:
    """`action` on one person: through their unit, or office-wide roles only for a person without one."""
    if staff.unit_id is not None:
        require_unit(user, action, staff.unit)
        return
    if not authorize(user, action, organisation=staff.organisation) or not (
        user.is_superuser or roles_in(user, staff.organisation) & OFFICE_WIDE
    ):
        raise PermissionDenied(action)
