"""Reads for the account-security screens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, Sum
from django.utils import timezone

from lontar.core.models import Membership, Organisation, Staff
from lontar.core.permissions import MANAGE_STAFF, authorize, organisation_ids_with


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


def account_organisation(user):
    """The office whose audit trail records what happens to `user`'s account (sign-in, second factor,
    password): their staff record's office, else the highest office they hold a role in, else None
    (deployment-wide, e.g. a superuser without an office)."""
    if user is None or not getattr(user, "pk", None):
        return None
    staff = Staff.objects.filter(user=user).select_related("organisation").first()
    if staff is not None:
        return staff.organisation
    membership = (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("-is_active", "organisation__path")
        .first()
    )
    return membership.organisation if membership is not None else None


def managed_organisation(actor, target):
    """An office of `target` (a role or their staff record) in which `actor` may manage staff, or None."""
    memberships = Membership.objects.filter(user=target).select_related("organisation")
    orgs = {m.organisation_id: m.organisation for m in memberships}
    staff = Staff.objects.filter(user=target).select_related("organisation").first()
    if staff is not None:
        orgs.setdefault(staff.organisation_id, staff.organisation)
    for org in sorted(orgs.values(), key=lambda o: o.path):
        if authorize(actor, MANAGE_STAFF, organisation=org):
            return org
    return None


def managed_account(actor, pk: int):
    """The account `pk` if `actor` may manage it, else None.

    An unknown id and an account of another office give the same answer, so an administrator learns
    nothing about other offices' accounts."""
    target = get_user_model().objects.filter(pk=pk).first()
    if target is None or managed_organisation(actor, target) is None:
        return None
    return target


def is_locked_out(user) -> bool:
    """Whether django-axes refuses `user` now. Axes adds up the failures of every address and browser
    the name was tried from (an attacker may spread guesses), and so does this."""
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt

    attempts = AccessAttempt.objects.filter(username=user.username.lower())
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
    return failures >= settings.AXES_FAILURE_LIMIT
