"""Who may sign for an office today: the positions in which a user acts (Plh./Plt. included).

Every module that issues signed documents (service results, leave letters, surat tugas) asks here.
"""

from __future__ import annotations

from django.db.models import Q

from lontar.core.models import PositionAssignment
from lontar.core.workdays.calendar import organisation_today


def _depth(position) -> int:
    depth, seen = 0, set()
    while position.superior_id and position.pk not in seen:
        seen.add(position.pk)
        position = position.superior
        depth += 1
    return depth


def signing_assignments(user, organisation, day=None) -> list[PositionAssignment]:
    """The positions in which `user` acts in `organisation` on `day` (a Plh./Plt. appointment while it
    runs, or their own post when nobody stands in for them), highest in the hierarchy first."""
    staff = getattr(user, "staff", None)
    if staff is None:
        return []
    day = day or organisation_today(organisation)
    in_force = Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))
    own = PositionAssignment.objects.filter(in_force, staff=staff, organisation=organisation).select_related(
        "position__superior", "staff"
    )
    acting = []
    for assignment in own:
        holder = assignment.position.holder_on(day)
        if holder is not None and holder.pk == assignment.pk:
            acting.append(assignment)
    return sorted(acting, key=lambda a: (_depth(a.position), a.position.order, a.position.title))
