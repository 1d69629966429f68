"""Reads of organisation administration, always scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from lontar.core import civil_service
from lontar.core.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Position,
    PositionAssignment,
    Staff,
    Unit,
)
from lontar.core.orgadmin.access import VIEW_STAFF_PERSONAL, sees_personal_data, show_personal_data
from lontar.core.permissions import (
    MANAGE_ORGANISATION,
    MANAGE_STAFF,
    VIEW_ORGANISATION,
    VIEW_STAFF,
    get_visible_or_404,
    organisation_ids_with,
    visible_organisation_ids,
)


def organisations_visible_to(user):
    return Organisation.objects.filter(pk__in=visible_organisation_ids(user)).order_by("path")


def organisation_tree(user) -> list[tuple[Organisation, int]]:
    """The offices the user may see in tree order, each with its depth below the highest one and
    its number of active staff (`staff_count`)."""
    active_staff = (
        Staff.objects.filter(organisation=OuterRef("pk"), is_active=True)
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    offices = sorted(
        organisations_visible_to(user).annotate(staff_count=Coalesce(Subquery(active_staff), 0)),
        # Compare path segments as numbers, so office 14 sorts after office 2.
        key=lambda o: [int(part) for part in o.path.strip("/").split("/") if part],
    )
    base_depth = min((o.path.count("/") for o in offices), default=0)
    return [(o, o.path.count("/") - base_depth) for o in offices]


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


def mark_who_acts(assignments: list[PositionAssignment]) -> PositionAssignment | None:
    """Of the assignments in force today, the one whose holder acts (as `Position.holder_on`
    decides: Plh. before Plt. before the definitive holder). Flags each assignment with `acts`,
    and a definitive holder stood in for by a Plt./Plh. with `away`."""
    acting = max(assignments, key=lambda a: a.kind, default=None)
    for assignment in assignments:
        assignment.acts = assignment is acting
        assignment.away = not assignment.is_acting and acting is not None and acting.is_acting
    return acting


def _with_holders(positions):
    positions = list(positions)
    for position in positions:
        position.acting = mark_who_acts(position.current)
    return positions


def unit_tree(organisation) -> list[tuple[Unit, int]]:
    """The office's units in tree order, each with its depth."""
    units = list(Unit.objects.filter(organisation=organisation).order_by("order", "name"))
    return _tree_order(units)


def _tree_order(units) -> list[tuple[Unit, int]]:
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


@dataclass
class UnitNode:
    unit: Unit
    depth: int
    positions: list[Position] = field(default_factory=list)

    @property
    def deletable(self) -> bool:
        return not (self.unit.has_children or self.unit.has_staff or self.positions)


def organisation_structure(organisation) -> list[UnitNode]:
    """The office's units in tree order, each with its positions and who holds them today.

    Four queries whatever the size of the office: units, positions, assignments in force, staff.
    """
    units = Unit.objects.filter(organisation=organisation).annotate(
        has_children=Exists(Unit.objects.filter(parent=OuterRef("pk"))),
        has_staff=Exists(Staff.objects.filter(unit=OuterRef("pk"))),
    )
    nodes = {unit.pk: UnitNode(unit, depth) for unit, depth in _tree_order(units.order_by("order", "name"))}
    for position in positions_of(organisation):
        nodes[position.unit_id].positions.append(position)
    return list(nodes.values())


def positions_of(organisation):
    """Positions with their holders today (definitive first, then Plt./Plh.), who acts flagged."""
    return _with_holders(
        Position.objects.filter(organisation=organisation)
        .select_related("unit", "superior")
        .prefetch_related(Prefetch("assignments", queryset=_current_assignments(), to_attr="current"))
        .order_by("order", "title")
    )


def current_assignments_of(position):
    """Who holds `position` today: the definitive holder first, then Plt./Plh.; who acts flagged."""
    current = list(_current_assignments().filter(position=position))
    mark_who_acts(current)
    return current


def assignments_of(position):
    return position.assignments.select_related("staff").order_by("-start_date", "kind")


STAFF_STATUSES = ("aktif", "nonaktif", "semua")


def staff_search(
    user,
    *,
    organisation_id: int | None = None,
    query: str = "",
    unit=None,
    employment_type: str = "",
    status: str = "aktif",
):
    """Staff the user may see, with their assignments in force today (`current`).

    A NIP finds a person by its first digits only in offices where the user may see NIPs;
    elsewhere only the whole NIP does, so birth dates cannot be probed digit by digit."""
    qs = Staff.objects.visible_to(user).select_related("organisation", "unit")
    if status == "aktif":
        qs = qs.filter(is_active=True)
    elif status == "nonaktif":
        qs = qs.filter(is_active=False)
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if employment_type:
        qs = qs.filter(employment_type=employment_type)
    if query:
        condition = Q(full_name__icontains=query)
        digits = civil_service.digits_of(query)
        if digits:
            condition |= Q(nip=digits)
            if len(digits) >= 4:
                personal_ids = organisation_ids_with(user, VIEW_STAFF_PERSONAL)
                condition |= Q(nip__startswith=digits, organisation_id__in=personal_ids)
        qs = qs.filter(condition)
    return qs.prefetch_related(Prefetch("assignments", queryset=_current_assignments(), to_attr="current"))


def show_personal_data_to(user, people):
    """Mark each staff record with what `user` may see of its NIP, telephone and e-mail, and who
    acts in each of its positions today."""
    personal_ids = set(organisation_ids_with(user, VIEW_STAFF_PERSONAL))
    people = list(people)
    for staff in people:
        own = staff.user_id is not None and staff.user_id == user.pk
        mark_who_acts(getattr(staff, "current", []))
        show_personal_data(staff, own or staff.organisation_id in personal_ids)
    return people


def staff_directory(user, *, organisation=None, limit: int, **criteria) -> tuple[list[Staff], int]:
    """The first `limit` staff of the directory, in office and unit order, and how many match."""
    qs = staff_search(
        user, organisation_id=organisation.pk if organisation is not None else None, **criteria
    ).order_by("organisation__path", "unit__order", "unit__name", "full_name")
    return show_personal_data_to(user, qs[:limit]), qs.count()


def positions_visible_to(user, *, organisation_id: int | None = None):
    """Positions the user may see, with their assignments in force today (`current`)."""
    qs = Position.objects.visible_to(user).select_related("unit")
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    return qs.prefetch_related(Prefetch("assignments", queryset=_current_assignments(), to_attr="current"))


def units_of(organisation):
    return [unit for unit, _depth in unit_tree(organisation)]


def offices_to_transfer_to(user, staff):
    """Active offices, other than the staff member's own, where `user` manages staff."""
    return (
        Organisation.objects.filter(pk__in=organisation_ids_with(user, MANAGE_STAFF), is_active=True)
        .exclude(pk=staff.organisation_id)
        .order_by("path")
    )


def parents_to_move_to(user, organisation):
    """Offices `organisation` may be moved under by `user`: of the right kind, active, managed by them."""
    kind = {
        OrganisationKind.VILLAGE: OrganisationKind.DISTRICT,
        OrganisationKind.DISTRICT: OrganisationKind.CITY,
    }
    if organisation.kind not in kind:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(
            pk__in=organisation_ids_with(user, MANAGE_ORGANISATION),
            kind=kind[organisation.kind],
            is_active=True,
        )
        .exclude(pk=organisation.parent_id)
        .order_by("name")
    )


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


def staff_profile(user, pk) -> Staff:
    """One staff record as `user` may see it, NIP, telephone and e-mail shown or masked."""
    staff = staff_for(user, pk, VIEW_STAFF)
    return show_personal_data(staff, sees_personal_data(user, staff))


def membership_for(user, pk, action: str = MANAGE_STAFF) -> Membership:
    return get_visible_or_404(user, Membership.objects.select_related("user"), action, pk=pk)


def staff_record_of(account) -> Staff | None:
    return Staff.objects.filter(user=account).first()


def assignments_of_staff(staff):
    return staff.assignments.select_related("position", "position__organisation").order_by("-start_date")


def visible_children(user, organisation):
    return organisation.children.filter(pk__in=visible_organisation_ids(user))


def editable_copy(obj):
    """A fresh instance for a ModelForm to change, so `obj` keeps the values the audit 'before' needs."""
    return type(obj)._default_manager.get(pk=obj.pk)


def _acting_assignment_of(staff, day):
    """The staff member's own assignment in force on `day` in which they act (the highest post first)."""
    own = (
        PositionAssignment.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day
        )
        .filter(staff=staff, position__organisation_id=staff.organisation_id)
        .select_related("position__superior", "position__unit")
        .order_by("kind", "position__order", "pk")
    )
    return next(iter(own), None)


def _head_position_of(unit):
    if unit is None:
        return None
    return Position.objects.filter(unit=unit, is_unit_head=True).order_by("order", "pk").first()


def direct_superior_position(staff, day=None) -> Position | None:
    """The position of the staff member's direct superior on `day` (see `direct_superior`)."""
    day = day or timezone.localdate()
    assignment = _acting_assignment_of(staff, day)
    if assignment is not None:
        return assignment.position.superior
    superior = _head_position_of(staff.unit)
    holder = superior.holder_on(day) if superior is not None else None
    if holder is not None and holder.staff_id == staff.pk:
        superior = _head_position_of(staff.unit.parent) if staff.unit.parent_id else None
    return superior


def direct_superior(staff, day=None) -> Staff | None:
    """The staff member's direct superior (atasan langsung) on `day`, Plt./Plh. respected.

    From the staff member's own position in force: its `superior` position's holder on `day`. A staff
    member holding no position reports to the head of their unit, or of the parent unit when they head
    it themselves. None when nobody acts in that position."""
    day = day or timezone.localdate()
    superior = direct_superior_position(staff, day)
    if superior is None:
        return None
    holder = superior.holder_on(day)
    if holder is None or holder.staff_id == staff.pk:
        return None
    return holder.staff
