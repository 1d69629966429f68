"""Reads of organisation administration, always scoped to what the user may see."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from lontar.core.models import Membership, Organisation, Position, PositionAssignment, Staff, Unit
from lontar.core.permissions import (
    MANAGE_ORGANISATION,
    MANAGE_STAFF,
    VIEW_ORGANISATION,
    VIEW_STAFF,
    get_visible_or_404,
    visible_organisation_ids,
)


def organisations_visible_to(user):
    return Organisation.objects.filter(pk__in=visible_organisation_ids(user)).order_by("path")


def home_organisation(user):
    """The highest office the user belongs to: where their screens open by default."""
    membership = (
        Membership.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation")
        .order_by("organisation__path")
        .first()
    )
    return membership.organisation if membership else organisations_visible_to(user).first()


def _current_assignments(day=None):
    day = day or timezone.localdate()
    return (
        PositionAssignment.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day
        )
        .select_related("staff", "position")
        .order_by("kind", "-start_date")
    )


def unit_tree(organisation) -> list[tuple[Unit, int]]:
    """The office's units in tree order, each with its depth."""
    units = list(Unit.objects.filter(organisation=organisation).order_by("order", "name"))
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[tuple[Unit, int]] = []

    def walk(parent_id, depth):
        for unit in children.get(parent_id, []):
            ordered.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered


def positions_of(organisation):
    """Positions with their current holders (definitive first, then Plt./Plh.) in two queries."""
    return (
        Position.objects.filter(organisation=organisation)
        .select_related("unit", "superior")
        .prefetch_related(Prefetch("assignments", queryset=_current_assignments(), to_attr="current"))
        .order_by("order", "title")
    )


def current_assignments_of(position):
    """Who holds `position` today: the definitive holder first, then Plt./Plh."""
    return list(_current_assignments().filter(position=position))


def assignments_of(position):
    return position.assignments.select_related("staff").order_by("-start_date", "kind")


def staff_directory(user, *, organisation=None, query: str = ""):
    """Active staff the user may see, with their current positions."""
    qs = Staff.objects.visible_to(user).filter(is_active=True).select_related("organisation", "unit")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if query:
        qs = qs.filter(Q(full_name__icontains=query) | Q(nip__startswith=query.replace(" ", "")))
    return qs.prefetch_related(
        Prefetch("assignments", queryset=_current_assignments(), to_attr="current")
    ).order_by("organisation__path", "unit__order", "full_name")


def memberships_of(user_account):
    return Membership.objects.filter(user=user_account).select_related("organisation").order_by("role")


def staff_without_account(organisation_ids):
    return Staff.objects.filter(organisation_id__in=organisation_ids, is_active=True, user__isnull=True)


def positions_without_holder(organisation_ids):
    current = _current_assignments().filter(position=OuterRef("pk"))
    return Position.objects.filter(organisation_id__in=organisation_ids).filter(~Exists(current))


# --- single objects, each checked against the central authorisation ----------------------------
def organisation_for(user, pk, action: str = VIEW_ORGANISATION) -> Organisation:
    return get_visible_or_404(user, organisations_visible_to(user), action, pk=pk)


def unit_for(user, pk, action: str = MANAGE_ORGANISATION) -> Unit:
    return get_visible_or_404(user, Unit.objects.select_related("organisation"), action, pk=pk)


def position_for(user, pk, action: str = VIEW_ORGANISATION) -> Position:
    return get_visible_or_404(
        user, Position.objects.select_related("organisation", "unit", "superior"), action, pk=pk
    )


def assignment_for(user, pk, action: str = MANAGE_STAFF) -> PositionAssignment:
    return get_visible_or_404(user, PositionAssignment.objects.all(), action, pk=pk)


def staff_for(user, pk, action: str = VIEW_STAFF) -> Staff:
    return get_visible_or_404(
        user, Staff.objects.select_related("organisation", "unit", "user"), action, pk=pk
    )


def membership_for(user, pk, action: str = MANAGE_STAFF) -> Membership:
    return get_visible_or_404(user, Membership.objects.select_related("user"), action, pk=pk)


def staff_record_of(account) -> Staff | None:
    return Staff.objects.filter(user=account).first()


def assignments_of_staff(staff):
    return staff.assignments.select_related("position").order_by("-start_date")


def visible_children(user, organisation):
    return organisation.children.filter(pk__in=visible_organisation_ids(user))


def editable_copy(obj):
    """A fresh instance for a ModelForm to change, so `obj` keeps the values the audit 'before' needs."""
    return type(obj)._default_manager.get(pk=obj.pk)
