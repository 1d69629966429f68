"""Every read of the supplies module, scoped to the offices the user may see."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum

from lontar.assets.bookings.permissions import units_of
from lontar.assets.supplies.models import Item, Movement, MovementKind, Receipt, RequestStatus, SupplyRequest
from lontar.assets.supplies.permissions import (
    APPROVE_REQUEST,
    MANAGE_STOCK,
    VIEW_REPORT,
    VIEW_SUPPLIES,
    is_keeper,
    keeper_unit_id,
)
from lontar.core.models import Organisation, Role, Unit
from lontar.core.permissions import get_visible_or_404, organisation_ids_with, roles_in


def offices(user, action: str = VIEW_SUPPLIES) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, action)).order_by("path")


def items_of(user, organisation=None, *, query: str = "", category: str = "", below_minimum: bool = False):
    qs = Item.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_SUPPLIES))
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(code__icontains=query))
    if category:
        qs = qs.filter(category=category)
    if below_minimum:
        qs = qs.below_minimum()
    return qs.select_related("organisation").order_by("organisation__path", "category", "name")


def requestable_items(user, organisation) -> QuerySet[Item]:
    return items_of(user, organisation).filter(is_active=True)


def categories(user, organisation=None) -> list[str]:
    return sorted(set(items_of(user, organisation).values_list("category", flat=True)))


def item_for(user, pk) -> Item:
    return get_visible_or_404(user, Item.objects.select_related("organisation"), VIEW_SUPPLIES, pk=pk)


@dataclass
class StockCard:
    item: Item
    start: dt.date | None
    end: dt.date | None
    opening_quantity: int
    opening_value: int
    movements: list = field(default_factory=list)


def stock_card(item: Item, *, start: dt.date | None = None, end: dt.date | None = None) -> StockCard:
    """The kartu persediaan: opening balance before `start`, then each movement with its running balance."""
    movements = Movement.objects.filter(item=item).select_related("unit", "recorded_by").chronological()
    opening_quantity = opening_value = 0
    if start is not None:
        before = movements.filter(occurred_on__lt=start).last()
        if before is not None:
            opening_quantity, opening_value = before.balance_quantity, before.balance_value
        movements = movements.filter(occurred_on__gte=start)
    if end is not None:
        movements = movements.filter(occurred_on__lte=end)
    return StockCard(item, start, end, opening_quantity, opening_value, list(movements))


def receipts_of(user, organisation) -> QuerySet[Receipt]:
    return (
        Receipt.objects.filter(
            organisation=organisation, organisation_id__in=organisation_ids_with(user, VIEW_SUPPLIES)
        )
        .prefetch_related("lines__item")
        .select_related("recorded_by")
    )


def receipt_for(user, pk) -> Receipt:
    return get_visible_or_404(user, Receipt.objects.prefetch_related("lines__item"), VIEW_SUPPLIES, pk=pk)


def _requests(user) -> QuerySet[SupplyRequest]:
    return SupplyRequest.objects.filter(
        organisation_id__in=organisation_ids_with(user, VIEW_SUPPLIES)
    ).select_related("unit", "requested_by", "requested_by__staff", "organisation")


def request_for(user, pk) -> SupplyRequest:
    return get_visible_or_404(user, _requests(user).prefetch_related("lines__item"), VIEW_SUPPLIES, pk=pk)


def requests_of(user, organisation=None, *, status: str = "") -> QuerySet[SupplyRequest]:
    """Requests of the offices the user keeps, requests they may approve, and their own."""
    qs = _requests(user)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if status:
        qs = qs.filter(status=status)
    return qs.filter(Q(requested_by=user) | _approvable(user) | _kept(user)).order_by("-created_at", "-pk")


def _kept(user) -> Q:
    ids = [org.pk for org in offices(user, MANAGE_STOCK) if is_keeper(user, org)]
    return Q(organisation_id__in=ids)


def _approvable(user) -> Q:
    if user.is_superuser:
        return Q()
    condition = Q(pk__in=[])
    for org in offices(user, APPROVE_REQUEST):
        if roles_in(user, org) & {Role.HEAD, Role.SECRETARY, Role.CITY_ADMIN}:
            condition |= Q(organisation=org)
            continue
        units = units_of(user, org)
        if keeper_unit_id(org) in units:
            condition |= Q(organisation=org)
        else:
            condition |= Q(organisation=org, unit_id__in=units)
    return condition


def pending_approval(user) -> QuerySet[SupplyRequest]:
    if not organisation_ids_with(user, APPROVE_REQUEST):
        return SupplyRequest.objects.none()
    return _requests(user).filter(_approvable(user), status=RequestStatus.PENDING).order_by("created_at")


def to_issue(user) -> QuerySet[SupplyRequest]:
    return _requests(user).filter(_kept(user), status=RequestStatus.APPROVED).order_by("decided_at")


def below_minimum_for(user) -> QuerySet[Item]:
    return Item.objects.filter(_kept(user)).below_minimum()


def counts_for_dashboard(user) -> dict[str, int]:
    return {
        "to_approve": pending_approval(user).count(),
        "to_issue": to_issue(user).count(),
        "below_minimum": below_minimum_for(user).count(),
    }


def units_for_request(user, organisation) -> QuerySet[Unit]:
    return Unit.objects.filter(organisation=organisation, pk__in=units_of(user, organisation))


def units_of_office(organisation) -> QuerySet[Unit]:
    return Unit.objects.filter(organisation=organisation).order_by("order", "name")


# --- monthly report ------------------------------------------------------------------------------


@dataclass
class ReportRow:
    item: Item
    opening_quantity: int = 0
    opening_value: int = 0
    in_quantity: int = 0
    in_value: int = 0
    out_quantity: int = 0
    out_value: int = 0
    adjustment_quantity: int = 0
    adjustment_value: int = 0
    closing_quantity: int = 0
    closing_value: int = 0


@dataclass
class MonthlyReport:
    organisation: Organisation
    year: int
    month: int
    rows: list[ReportRow]
    totals: ReportRow

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, self.month, monthrange(self.year, self.month)[1])


TOTAL_FIELDS = [
    "opening_value",
    "in_value",
    "out_value",
    "adjustment_value",
    "closing_value",
    "opening_quantity",
    "in_quantity",
    "out_quantity",
    "adjustment_quantity",
    "closing_quantity",
]


def may_read_report(user, organisation) -> bool:
    return organisation.pk in organisation_ids_with(user, VIEW_REPORT)


def monthly_report(organisation: Organisation, year: int, month: int) -> MonthlyReport:
    """Opening, in, out, adjustment and closing per item for one month (quantities and rupiah).

    Opening is the balance after the item's last movement before the month; closing is opening plus
    the month's movements, which equals the balance after its last movement in the month."""
    start = dt.date(year, month, 1)
    end = dt.date(year, month, monthrange(year, month)[1])
    rows = []
    items = Item.objects.filter(organisation=organisation).order_by("category", "name")
    movements = Movement.objects.filter(organisation=organisation, occurred_on__lte=end)
    last_before = {}
    for movement in movements.filter(occurred_on__lt=start).order_by("item_id", "occurred_on", "pk"):
        last_before[movement.item_id] = movement
    sums = {
        (row["item_id"], row["kind"]): row
        for row in movements.filter(occurred_on__gte=start)
        .values("item_id", "kind")
        .annotate(quantity=Sum("quantity"), value=Sum("value"))
    }
    for item in items:
        row = ReportRow(item)
        opening = last_before.get(item.pk)
        if opening is not None:
            row.opening_quantity, row.opening_value = opening.balance_quantity, opening.balance_value
        got_in = sums.get((item.pk, MovementKind.IN.value))
        got_out = sums.get((item.pk, MovementKind.OUT.value))
        got_adj = sums.get((item.pk, MovementKind.ADJUSTMENT.value))
        if got_in:
            row.in_quantity, row.in_value = got_in["quantity"], got_in["value"]
        if got_out:
            row.out_quantity, row.out_value = -got_out["quantity"], -got_out["value"]
        if got_adj:
            row.adjustment_quantity, row.adjustment_value = got_adj["quantity"], got_adj["value"]
        row.closing_quantity = (
            row.opening_quantity + row.in_quantity - row.out_quantity + row.adjustment_quantity
        )
        row.closing_value = row.opening_value + row.in_value - row.out_value + row.adjustment_value
        if not item.is_active and not any(getattr(row, name) for name in TOTAL_FIELDS):
            continue
        rows.append(row)
    totals = ReportRow(item=None)
    for name in TOTAL_FIELDS:
        if name.endswith("_value"):
            setattr(totals, name, sum(getattr(row, name) for row in rows))
    return MonthlyReport(organisation, year, month, rows, totals)


def history_of(supply_request: SupplyRequest):
    from lontar.core.workflow.services import history

    return history(supply_request)
