"""Every read of the assets module, scoped to the user in SQL (TenantQuerySet.visible_to and the
offices where the user holds the action)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.http import Http404

from lontar.assets.models import (
    Asset,
    AssetCode,
    AssetMovement,
    AssetStatus,
    DisposalProposal,
    MaintenanceRequest,
    MaintenanceStatus,
    Room,
    StockTake,
    StockTakeItem,
)

# Re-exported for the views, which may not import models.
from lontar.assets.models import StockTakeStatus as StockTakeStatus
from lontar.assets.permissions import EXPORT_REPORTS, VIEW_ASSET, VIEW_REGISTER, managed_office_ids
from lontar.core.files.models import StoredFile
from lontar.core.models import Membership, Organisation, Staff
from lontar.core.permissions import get_visible_or_404, organisation_ids_with, require
from lontar.core.workflow.services import history

PAGE_SIZE = 50


def offices(user, action: str = VIEW_REGISTER):
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, action)).order_by("path")


def managed_offices(user):
    return Organisation.objects.filter(pk__in=managed_office_ids(user)).order_by("path")


def office_for(user, pk, action: str = VIEW_REGISTER) -> Organisation:
    if int(pk) not in organisation_ids_with(user, action):
        raise Http404
    return Organisation.objects.get(pk=pk)


def sees_register(user, asset_or_org) -> bool:
    org_id = getattr(asset_or_org, "organisation_id", None) or asset_or_org.pk
    return org_id in organisation_ids_with(user, VIEW_REGISTER)


# --- codes ----------------------------------------------------------------------------------------


def codes(query: str = "", *, registrable_only: bool = False, limit: int = 200):
    qs = AssetCode.objects.registrable() if registrable_only else AssetCode.objects.all()
    if query:
        qs = qs.filter(Q(code__startswith=query) | Q(title__icontains=query))
    return qs.order_by("code")[:limit]


def code_by_pk(pk) -> AssetCode:
    try:
        return AssetCode.objects.get(pk=pk)
    except (AssetCode.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# --- assets ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssetFilters:
    office: int | None = None
    kind: str = ""
    room: int | None = None
    condition: str = ""
    status: str = ""
    query: str = ""
    mine: bool = False


def assets_for(user, filters: AssetFilters = AssetFilters()):
    """Assets the user may list: the whole register of offices where they read it, and elsewhere
    (an ordinary staff member) only the assets they hold."""
    register = organisation_ids_with(user, VIEW_REGISTER)
    own = organisation_ids_with(user, VIEW_ASSET)
    scope = Q(organisation__in=register) | Q(organisation__in=own, holder__user=user)
    qs = Asset.objects.filter(scope).select_related("code", "room", "holder", "organisation")
    if filters.mine:
        qs = qs.filter(holder__user=user)
    if filters.office:
        qs = qs.filter(organisation_id=filters.office)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.room:
        qs = qs.filter(room_id=filters.room)
    if filters.condition:
        qs = qs.filter(condition=filters.condition)
    qs = qs.filter(status=filters.status) if filters.status else qs.exclude(status=AssetStatus.REMOVED)
    if filters.query:
        q = filters.query.strip()
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(code__code__startswith=q)
            | Q(brand_type__icontains=q)
            | Q(label=q.upper())
        )
    return qs.order_by("organisation__path", "code__code", "register_number")


def asset_for(user, pk) -> Asset:
    return get_visible_or_404(
        user, Asset.objects.select_related("code", "room", "holder", "organisation"), VIEW_ASSET, pk=pk
    )


def asset_by_label(label: str) -> Asset | None:
    return Asset.objects.select_related("code", "organisation").filter(label=(label or "").upper()).first()


def photos_of(asset: Asset):
    return StoredFile.objects.attached_to(asset).for_listing().filter(content_type__startswith="image/")


def movements_of(asset: Asset):
    return AssetMovement.objects.filter(asset=asset).select_related(
        "from_room", "to_room", "from_holder", "to_holder", "recorded_by"
    )


def maintenance_of(asset: Asset):
    return MaintenanceRequest.objects.filter(asset=asset).select_related("reported_by", "assignee")


def disposals_of(asset: Asset):
    return asset.disposals.all()


def kind_totals(user, office_id: int):
    """Count and value of the office's assets per KIB (removed assets excluded)."""
    rows = (
        Asset.objects.filter(
            organisation_id=office_id, organisation__in=organisation_ids_with(user, VIEW_REGISTER)
        )
        .exclude(status=AssetStatus.REMOVED)
        .values("kind")
        .annotate(count=Count("pk"), value=Sum("value"))
        .order_by("kind")
    )
    return list(rows)


# --- rooms ----------------------------------------------------------------------------------------


def rooms_for(user, office_id: int | None = None):
    qs = Room.objects.filter(organisation__in=organisation_ids_with(user, VIEW_ASSET)).select_related(
        "responsible", "organisation"
    )
    if office_id:
        qs = qs.filter(organisation_id=office_id)
    return qs.annotate(asset_count=Count("assets", filter=~Q(assets__status=AssetStatus.REMOVED))).order_by(
        "organisation__path", "code"
    )


def room_for(user, pk, action: str = VIEW_ASSET) -> Room:
    return get_visible_or_404(user, Room.objects.select_related("responsible", "organisation"), action, pk=pk)


def room_choices(organisation):
    return Room.objects.filter(organisation=organisation, is_active=True).order_by("code")


def staff_choices(organisation):
    return Staff.objects.filter(organisation=organisation).order_by("full_name")


def member_choices(organisation):
    from django.contrib.auth import get_user_model

    ids = Membership.objects.filter(organisation=organisation, is_active=True).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("username")


def room_assets(room: Room):
    return (
        Asset.objects.filter(room=room)
        .exclude(status=AssetStatus.REMOVED)
        .select_related("code")
        .order_by("code__code", "register_number")
    )


# --- stock-taking ---------------------------------------------------------------------------------


def stocktakes_for(user):
    return (
        StockTake.objects.filter(organisation__in=organisation_ids_with(user, VIEW_REGISTER))
        .select_related("room", "organisation")
        .annotate(
            total=Count("items"),
            checked=Count("items", filter=~Q(items__result="belum")),
        )
    )


def stocktake_for(user, pk) -> StockTake:
    return get_visible_or_404(
        user, StockTake.objects.select_related("room", "organisation", "opened_by"), VIEW_REGISTER, pk=pk
    )


def stocktake_items(session: StockTake):
    return StockTakeItem.objects.filter(stock_take=session).select_related(
        "asset", "asset__code", "expected_room", "found_room", "checked_by"
    )


def stocktake_history(session: StockTake):
    return history(session)


# --- maintenance ----------------------------------------------------------------------------------


def maintenance_for(user, *, status: str = "", mine: bool = False):
    """Requests of offices whose register the user reads, plus those they reported or are assigned."""
    register = organisation_ids_with(user, VIEW_REGISTER)
    own = organisation_ids_with(user, VIEW_ASSET)
    qs = MaintenanceRequest.objects.filter(
        Q(organisation__in=register) | Q(organisation__in=own) & (Q(reported_by=user) | Q(assignee=user))
    ).select_related("asset", "asset__code", "reported_by", "assignee", "organisation")
    if mine:
        qs = qs.filter(assignee=user)
    if status:
        qs = qs.filter(status=status)
    return qs


def maintenance_request_for(user, pk) -> MaintenanceRequest:
    request = get_visible_or_404(
        user,
        MaintenanceRequest.objects.select_related("asset", "asset__code", "reported_by", "assignee"),
        pk=pk,
    )
    if not maintenance_for(user).filter(pk=request.pk).exists():
        raise Http404
    return request


def pending_maintenance_counts(user) -> dict:
    managed = managed_office_ids(user)
    open_states = [MaintenanceStatus.REPORTED, MaintenanceStatus.ASSIGNED]
    return {
        "to_assign": MaintenanceRequest.objects.filter(
            organisation__in=managed, status=MaintenanceStatus.REPORTED
        ).count()
        if managed
        else 0,
        "mine": MaintenanceRequest.objects.filter(assignee=user, status__in=open_states).count(),
    }


# --- disposal -------------------------------------------------------------------------------------


def disposals_for(user):
    return (
        DisposalProposal.objects.filter(organisation__in=organisation_ids_with(user, VIEW_REGISTER))
        .select_related("organisation", "proposed_by")
        .annotate(asset_count=Count("assets"), total_value=Sum("assets__value"))
    )


def disposal_for(user, pk) -> DisposalProposal:
    return get_visible_or_404(
        user,
        DisposalProposal.objects.select_related("organisation", "proposed_by", "proposal_file"),
        VIEW_REGISTER,
        pk=pk,
    )


def disposal_candidates(organisation):
    return (
        Asset.objects.filter(organisation=organisation, status=AssetStatus.ACTIVE)
        .select_related("code")
        .order_by("-condition", "code__code", "register_number")
    )


def pending_disposal_count(user) -> int:
    from lontar.assets.permissions import APPROVE_DISPOSAL

    ids = organisation_ids_with(user, APPROVE_DISPOSAL)
    return DisposalProposal.objects.filter(organisation__in=ids, status="diusulkan").count() if ids else 0


def require_export(user, organisation) -> None:
    require(user, EXPORT_REPORTS, organisation=organisation)
