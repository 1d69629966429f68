"""Who may read (and export) Subbag TU's monthly recap of an office.

The head, the secretary, the office administrator, the auditor (every read action) and the city
administrator (every office) may; of the section heads, only the head of a sub-division
(Kasubag TU/Umum): the recap is the sub-division's own report. The recap holds counts only, never a
letter's subject, so restricted letters are counted without being shown.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from lontar.core.models import Organisation, PositionAssignment, Role, UnitKind
from lontar.core.permissions import grant, organisation_ids_with, register_object_rule, roles_in

VIEW_RECAP = "correspondence.view_recap"
_WITHOUT_UNIT_CHECK = frozenset({Role.HEAD, Role.SECRETARY, Role.ORG_ADMIN, Role.AUDITOR, Role.CITY_ADMIN})


def heads_a_subdivision(user, organisation_id: int) -> bool:
    """Whether `user` holds today the head position of a sub-division (Subbag) of the office."""
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


def recap_rule(user, action: str, organisation) -> bool:
    if action != VIEW_RECAP or user.is_superuser:
        return True
    roles = roles_in(user, organisation)
    if roles & _WITHOUT_UNIT_CHECK:
        return True
    return Role.SECTION_HEAD in roles and heads_a_subdivision(user, organisation.pk)


def recap_office_ids(user) -> list[int]:
    """The offices whose recap `user` may read (a handful: checked office by office)."""
    ids = organisation_ids_with(user, VIEW_RECAP)
    offices = Organisation.objects.filter(pk__in=ids)
    return [office.pk for office in offices if recap_rule(user, VIEW_RECAP, office)]


def register_recap_permissions() -> None:
    grant([Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.ORG_ADMIN], VIEW_RECAP)
    register_object_rule(Organisation, recap_rule)
