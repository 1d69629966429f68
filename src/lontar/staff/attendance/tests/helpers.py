"""Building blocks for attendance tests: a unit with its people, a frozen clock in the office's zone."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from lontar.core.models import Role, UnitKind
from lontar.core.tests.factories import UnitFactory, member

WIB = dt.timezone(dt.timedelta(hours=7))
# A quiet fortnight: no national holiday, no cuti bersama (Imlek is on Tuesday 17 February 2026).
MONDAY = dt.date(2026, 2, 2)


def at(day: dt.date, hour: int = 8, minute: int = 0, zone=WIB):
    """Run the block as if it were hour:minute on `day` in `zone` (WIB unless given)."""
    moment = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    return mock.patch("django.utils.timezone.now", return_value=moment)


def team(
    organisation, size: int, *, kind=UnitKind.SECTION, name: str = "Seksi Pemerintahan", head: bool = True
):
    """A unit with a section head (when `head`) and `size - head` staff members; returns (unit, users)."""
    unit = UnitFactory(organisation=organisation, kind=kind, name=name)
    users = []
    for index in range(size):
        role = Role.SECTION_HEAD if head and index == 0 else Role.STAFF
        users.append(member(organisation, role, unit=unit, full_name=f"{name} {index + 1:02d}"))
    return unit, users
