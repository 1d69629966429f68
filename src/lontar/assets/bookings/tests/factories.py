"""Building blocks for bookings tests: an office with a Subbag Umum that manages a room and a vehicle."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from lontar.assets.bookings.models import Resource, ResourceKind
from lontar.core.models import Role, UnitKind
from lontar.core.tests.factories import UnitFactory, member

WIB = ZoneInfo("Asia/Jakarta")


def next_weekday(weekday: int = 1, *, weeks: int = 1) -> dt.date:
    """A date `weeks` weeks ahead falling on `weekday` (0 = Monday), in WIB."""
    today = timezone.localdate(timezone=WIB)
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


def general_affairs(organisation):
    return UnitFactory(
        organisation=organisation, name="Subbagian Umum", code="UMUM", kind=UnitKind.SUBDIVISION
    )


def make_room(organisation, *, code="aula", name="Aula Kecamatan", capacity=40, manager_unit=None, **kwargs):
    return Resource.objects.create(
        organisation=organisation,
        kind=ResourceKind.ROOM,
        code=code,
        name=name,
        capacity=capacity,
        facilities="Proyektor\nPengeras suara",
        manager_unit=manager_unit,
        **kwargs,
    )


def make_vehicle(
    organisation, *, code="kb-01", name="Toyota Avanza", plate="T 1234 AB", manager_unit=None, **kw
):
    return Resource.objects.create(
        organisation=organisation,
        kind=ResourceKind.VEHICLE,
        code=code,
        name=name,
        plate_number=plate,
        seats=7,
        manager_unit=manager_unit,
        **kw,
    )


class Office:
    """An office with a Camat, a Sekcam, the head of Subbag Umum, a section head elsewhere, staff."""

    def __init__(self, organisation):
        self.org = organisation
        self.umum = general_affairs(organisation)
        self.other_unit = UnitFactory(organisation=organisation, name="Seksi Pemerintahan", code="PEM")
        self.head = member(organisation, Role.HEAD)
        self.secretary = member(organisation, Role.SECRETARY)
        self.kasubag = member(organisation, Role.SECTION_HEAD, unit=self.umum)
        self.kasi = member(organisation, Role.SECTION_HEAD, unit=self.other_unit)
        self.staff = member(organisation, Role.STAFF, unit=self.other_unit)
        self.auditor = member(organisation, Role.AUDITOR)
        self.admin = member(organisation, Role.ORG_ADMIN)
        self.room = make_room(organisation, manager_unit=self.umum)
        self.vehicle = make_vehicle(organisation, manager_unit=self.umum)
