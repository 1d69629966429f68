"""Actions of the planning module and who holds them (granted from PlanningConfig.ready).

* The Camat and the Sekcam read everything and decide: the warning thresholds of the year, and they may
  lock and unlock months.
* Subbag TU / Subbag Perencanaan dan Keuangan (the Sekcam, and section heads and staff who hold a post
  in the secretariat or one of its sub-divisions today) keep the structure (programs, kegiatan, sub
  kegiatan, pagu and its revisions, monthly plans, indicators) and enter realisation for any
  sub-activity. Of them, the heads of a sub-division (Kasubag) and the Sekcam lock months.
* The person responsible for a sub-activity (PPTK) enters its realisation (an object rule): a Kasi or a
  staff member outside the secretariat only for the sub-activities they are responsible for.
* The auditor reads everything (every "view" action) and changes nothing.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from lontar.core.models import Organisation, PositionAssignment, Role, UnitKind
from lontar.core.permissions import grant, register_object_rule, roles_in

VIEW_PLANNING = "planning.view_plan"
EXPORT_REPORT = "planning.view_export"
MANAGE_STRUCTURE = "planning.manage_structure"
ENTER_REALISATION = "planning.enter_realisation"
LOCK_MONTH = "planning.lock_month"
DECIDE = "planning.decide_thresholds"

OFFICE_READERS = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.ORG_ADMIN]
# Roles that hold planning actions without the post check below.
_WITHOUT_POST_CHECK = frozenset({Role.HEAD, Role.SECRETARY, Role.CITY_ADMIN})
_POST_CHECKED = frozenset({MANAGE_STRUCTURE, ENTER_REALISATION, LOCK_MONTH})
SECRETARIAT_KINDS = (UnitKind.SECRETARIAT, UnitKind.SUBDIVISION)


def _current_posts(user, organisation_id: int):
    staff = getattr(user, "staff", None)
    if staff is None:
        return PositionAssignment.objects.none()
    today = timezone.localdate()
    return PositionAssignment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today),
        staff=staff,
        start_date__lte=today,
        position__organisation_id=organisation_id,
        position__unit__kind__in=SECRETARIAT_KINDS,
    )


def works_in_secretariat(user, organisation_id: int) -> bool:
    """Whether `user` holds today a post in the office's secretariat or one of its sub-divisions."""
    return _current_posts(user, organisation_id).exists()


def heads_secretariat_unit(user, organisation_id: int) -> bool:
    """Whether `user` heads today a sub-division (Kasubag) or the secretariat of the office."""
    return _current_posts(user, organisation_id).filter(position__is_unit_head=True).exists()


def _organisation_id(obj) -> int:
    return obj.pk if isinstance(obj, Organisation) else obj.organisation_id


def is_planning_officer(user, action: str, obj) -> bool:
    """The post rule for structure, realisation of any sub-activity, and month locks."""
    if user.is_superuser:
        return True
    org_id = _organisation_id(obj)
    roles = roles_in(user, org_id)
    if roles & _WITHOUT_POST_CHECK:
        return True
    if action == LOCK_MONTH:
        return Role.SECTION_HEAD in roles and heads_secretariat_unit(user, org_id)
    return bool(roles & {Role.SECTION_HEAD, Role.STAFF}) and works_in_secretariat(user, org_id)


def _office_rule(user, action, organisation) -> bool:
    if action not in _POST_CHECKED:
        return True
    return is_planning_officer(user, action, organisation)


def _year_rule(user, action, plan_year) -> bool:
    if action not in _POST_CHECKED:
        return True
    return is_planning_officer(user, action, plan_year)


def _structure_rule(user, action, obj) -> bool:
    if action != MANAGE_STRUCTURE:
        return True
    return is_planning_officer(user, action, obj)


def _sub_activity_rule(user, action, sub_activity) -> bool:
    """The PPTK enters the realisation of their own sub-activities; planning officers of any."""
    if action not in _POST_CHECKED:
        return True
    if action == ENTER_REALISATION and sub_activity.responsible_id == user.pk:
        return True
    return is_planning_officer(user, action, sub_activity)


def grant_planning_actions() -> None:
    from lontar.planning.models import Activity, Indicator, PlanYear, Program, SubActivity

    grant(OFFICE_READERS, VIEW_PLANNING, EXPORT_REPORT)
    grant([Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF], MANAGE_STRUCTURE, ENTER_REALISATION)
    grant([Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD], LOCK_MONTH)
    grant([Role.HEAD, Role.SECRETARY], DECIDE)
    register_object_rule(Organisation, _office_rule)
    register_object_rule(PlanYear, _year_rule)
    register_object_rule(Program, _structure_rule)
    register_object_rule(Activity, _structure_rule)
    register_object_rule(Indicator, _structure_rule)
    register_object_rule(SubActivity, _sub_activity_rule)
