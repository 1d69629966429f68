"""Actions of the assets module and who holds them (granted from AssetsConfig.ready).

* Subbag TU keeps the register (rumah tangga): the Kasubag TU — a section head who heads a
  sub-division (Sub Bagian) of the office today —, the Sekcam and the office administrator manage
  assets, rooms, transfers, stock-taking, maintenance assignments and disposal proposals. Other
  section heads (Kasi) read the whole register but do not change it (an object/office rule below).
* The head (Camat) reads everything and approves or rejects disposal proposals.
* Every member of the office opens an asset's page (a scanned label), reports damage, and sees the
  assets they hold; the acquisition value is shown to the readers of the whole register only.
* The maintenance person assigned to a request records the work (an object rule).
* The auditor reads everything (read actions). The code list is kept by the city administrator.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from lontar.core.models import Role
from lontar.core.permissions import authorize, grant, organisation_ids_with, register_object_rule, roles_in

VIEW_ASSET = "assets.view_asset"  # an asset's page (scanned label) and the assets one holds
VIEW_REGISTER = "assets.view_register"  # the whole register, values, reports, KIR
EXPORT_REPORTS = "assets.view_export"  # read action: the auditor downloads reports too
MANAGE_ASSETS = "assets.manage_asset"
APPROVE_DISPOSAL = "assets.approve_disposal"
REPORT_DAMAGE = "assets.report_damage"
HANDLE_MAINTENANCE = "assets.handle_maintenance"
MANAGE_CODES = "assets.manage_codes"  # granted to no office role: the city administrator holds every action

OFFICE_ROLES = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN]
# Roles that manage without being a section head (whose unit must be a sub-division).
_MANAGE_WITHOUT_UNIT_CHECK = frozenset({Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN})


def heads_a_subdivision(user, organisation_id: int) -> bool:
    from django.db.models import Q
    from django.utils import timezone

    from lontar.core.models import PositionAssignment, UnitKind

    staff = getattr(user, "staff", None)
    if staff is None:
        return False
    today = timezone.localdate()
    return PositionAssignment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today),
        staff=staff,
        start_date__lte=today,
        position__organisation_id=organisation_id,
        position__is_unit_head=True,
        position__unit__kind=UnitKind.SUBDIVISION,
    ).exists()


def may_manage(user, organisation) -> bool:
    """Whether `user` keeps the register of `organisation` (see the module docstring)."""
    if organisation is None or not authorize(user, MANAGE_ASSETS, organisation=organisation):
        return False
    if user.is_superuser:
        return True
    roles = roles_in(user, organisation)
    if roles & _MANAGE_WITHOUT_UNIT_CHECK:
        return True
    return Role.SECTION_HEAD in roles and heads_a_subdivision(user, organisation.pk)


def require_manager(user, organisation) -> None:
    if not may_manage(user, organisation):
        raise PermissionDenied(MANAGE_ASSETS)


def managed_office_ids(user) -> list[int]:
    """The offices whose register `user` keeps (checked office by office: a user has a handful)."""
    from lontar.core.models import Organisation

    ids = organisation_ids_with(user, MANAGE_ASSETS)
    return [org.pk for org in Organisation.objects.filter(pk__in=ids) if may_manage(user, org)]


def _manager_rule(user, action, obj) -> bool:
    """Managing actions on the module's objects need a keeper of the office's register; the person
    assigned to a maintenance request may record its work."""
    if user.is_superuser:
        return True
    if action == MANAGE_ASSETS:
        return may_manage(user, obj.organisation)
    if action == HANDLE_MAINTENANCE:
        return getattr(obj, "assignee_id", None) == user.pk or may_manage(user, obj.organisation)
    return True


def grant_asset_actions() -> None:
    from lontar.assets.models import Asset, DisposalProposal, MaintenanceRequest, Room, StockTake

    grant(OFFICE_ROLES, VIEW_ASSET, REPORT_DAMAGE, HANDLE_MAINTENANCE)
    grant([Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN], VIEW_REGISTER, EXPORT_REPORTS)
    grant([Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN], MANAGE_ASSETS)
    grant([Role.HEAD], APPROVE_DISPOSAL)
    for model in (Asset, Room, StockTake, MaintenanceRequest, DisposalProposal):
        register_object_rule(model, _manager_rule)
