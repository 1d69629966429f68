"""Platform reads shared by views and the API, already scoped to the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext

from lontar.core.models import Membership, Organisation, Staff, Unit
from lontar.core.permissions import LEADER_ROLES, visible_organisation_ids


def organisations_visible_to(user):
    return Organisation.objects.filter(pk__in=visible_organisation_ids(user)).order_by("path")


def staff_visible_to(user):
    return Staff.objects.visible_to(user).select_related("organisation", "unit")


def units_visible_to(user):
    return Unit.objects.visible_to(user).select_related("organisation")


@dataclass(frozen=True)
class DashboardContext:
    """What the dashboard shows around the modules' pending work: who and where the user is today."""

    roles: list[tuple[str, list[str]]]  # (office name, role labels) of the user's active memberships
    today: date
    off_reason: str  # why today is not a working day; empty on a working day
    next_working_day: date | None
    latest_notifications: list
    should_enable_second_factor: bool


def _roles_by_office(memberships) -> list[tuple[str, list[str]]]:
    by_office: dict[str, list[str]] = {}
    for membership in memberships:
        by_office.setdefault(membership.organisation.name, []).append(str(membership.get_role_display()))
    return list(by_office.items())


def dashboard_context(user) -> DashboardContext:
    from lontar.core.accounts.services import has_confirmed_device
    from lontar.core.notifications.selectors import inbox
    from lontar.core.workdays.calendar import WorkCalendar, organisation_today

    memberships = list(
        Membership.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation")
        .order_by("organisation__path", "role")
    )
    home = memberships[0].organisation if memberships else None
    calendar = WorkCalendar(home)
    today = organisation_today(home)
    working = calendar.is_working_day(today)
    day_off = calendar.day_off(today)
    leads = any(m.role in LEADER_ROLES for m in memberships) or user.is_superuser
    return DashboardContext(
        roles=_roles_by_office(memberships),
        today=today,
        off_reason="" if working else (day_off.description if day_off else gettext("Akhir pekan")),
        next_working_day=None if working else calendar.add_working_days(today, 1),
        latest_notifications=list(inbox(user)[:5]),
        should_enable_second_factor=leads and not has_confirmed_device(user),
    )
