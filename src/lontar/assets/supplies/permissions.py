"""Actions of the supplies module and who holds them (granted from SuppliesConfig.ready).

* Everyone of the office sees the items and their stock, and requests supplies for their unit.
* The keepers of the store (the head and staff of the office's keeper unit, usually Subbag Umum/TU,
  chosen in `Store.keeper_unit`), the Camat, the Sekcam and the office administrator record receipts,
  issue supplies (against requests or directly), adjust stock after an opname and manage items.
* A request is approved (whole or partly) by the head of the requesting unit, the head of the keeper
  unit, the Sekcam or the Camat. The requester cancels their own request before it is issued.
* The stock card and the monthly report are read actions: the auditor reads and downloads them.
"""

from __future__ import annotations

from lontar.assets.bookings.permissions import units_of
from lontar.core.models import Role
from lontar.core.permissions import grant, register_object_rule, roles_in

VIEW_SUPPLIES = "supplies.view_supplies"
VIEW_REPORT = "supplies.view_report"
REQUEST_SUPPLIES = "supplies.request_supplies"
APPROVE_REQUEST = "supplies.approve_request"
CANCEL_REQUEST = "supplies.cancel_request"
MANAGE_STOCK = "supplies.manage_stock"
CONFIGURE_STORE = "supplies.configure_store"

OFFICE_ROLES = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN]
LEADERS = frozenset({Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.CITY_ADMIN})


def keeper_unit_id(organisation) -> int | None:
    from lontar.assets.supplies.models import Store

    return Store.objects.filter(organisation=organisation).values_list("keeper_unit_id", flat=True).first()


def is_keeper(user, organisation) -> bool:
    """May `user` move stock at `organisation`: a leader, or a member of the keeper unit."""
    if user.is_superuser:
        return True
    roles = roles_in(user, organisation)
    if roles & LEADERS:
        return True
    keeper = keeper_unit_id(organisation)
    return (
        bool(roles & {Role.SECTION_HEAD, Role.STAFF})
        and keeper is not None
        and keeper in units_of(user, organisation)
    )


def _stock_rule(user, action, obj) -> bool:
    """For objects of the store (store, item, request): moving stock needs a keeper."""
    if action == MANAGE_STOCK:
        return is_keeper(user, obj.organisation)
    return True


def _request_rule(user, action, request) -> bool:
    if action == MANAGE_STOCK:
        return is_keeper(user, request.organisation)
    if action == APPROVE_REQUEST:
        if user.is_superuser or roles_in(user, request.organisation) & {
            Role.HEAD,
            Role.SECRETARY,
            Role.CITY_ADMIN,
        }:
            return True
        units = units_of(user, request.organisation)
        return request.unit_id in units or keeper_unit_id(request.organisation) in units
    if action == CANCEL_REQUEST:
        return request.requested_by_id == user.pk or is_keeper(user, request.organisation)
    return True


def grant_supply_actions() -> None:
    from lontar.assets.supplies.models import Item, Store, SupplyRequest

    grant(OFFICE_ROLES, VIEW_SUPPLIES, REQUEST_SUPPLIES, CANCEL_REQUEST)
    grant([Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN], VIEW_REPORT)
    grant([Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD], APPROVE_REQUEST)
    # Section heads and staff pass the role check; the object rules keep it to the keeper unit.
    grant([Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.ORG_ADMIN], MANAGE_STOCK)
    grant([Role.SECRETARY, Role.ORG_ADMIN], CONFIGURE_STORE)
    register_object_rule(Store, _stock_rule)
    register_object_rule(Item, _stock_rule)
    register_object_rule(SupplyRequest, _request_rule)
