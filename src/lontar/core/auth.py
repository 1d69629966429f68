"""Sign-in rules: who needs a second factor."""

from __future__ import annotations

from lontar.core.models.organisations import Membership
from lontar.core.permissions import LEADER_ROLES


def second_factor_required(user) -> bool:
    """True when the user leads or administers an office whose policy demands TOTP."""
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user,
        is_active=True,
        role__in=LEADER_ROLES,
        organisation__require_2fa_for_leaders=True,
    ).exists()
