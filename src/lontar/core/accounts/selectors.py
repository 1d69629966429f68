"""Reads for the account-security screens."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from lontar.core.models import Membership, Organisation
from lontar.core.permissions import MANAGE_STAFF, organisation_ids_with


def organisations_managed_by(user):
    """Offices in which `user` may manage staff accounts."""
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, MANAGE_STAFF)).order_by("path")


def accounts_managed_by(user, *, search: str = ""):
    """Accounts with a role in an office `user` may manage, ordered by name."""
    org_ids = organisation_ids_with(user, MANAGE_STAFF)
    user_ids = Membership.objects.filter(organisation_id__in=org_ids).values("user_id")
    qs = get_user_model().objects.filter(pk__in=user_ids).select_related("staff").order_by("username")
    if search:
        digits = "".join(ch for ch in search if ch.isdigit())
        condition = Q(username__icontains=search) | Q(staff__full_name__icontains=search)
        if len(digits) >= 4:
            condition |= Q(staff__nip__contains=digits)
        qs = qs.filter(condition)
    return qs
