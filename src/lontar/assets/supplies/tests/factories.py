"""Building blocks for supplies tests: an office whose Subbag Umum keeps the store."""

from __future__ import annotations

import datetime as dt

from lontar.assets.supplies.models import Item, Store
from lontar.core.models import Role, UnitKind
from lontar.core.tests.factories import UnitFactory, member


def make_item(organisation, *, code="KRT-A4", name="Kertas HVS A4 70 gram", uom="rim", minimum=5, **kwargs):
    return Item.objects.create(
        organisation=organisation,
        code=code,
        name=name,
        category=kwargs.pop("category", "Kertas"),
        unit_of_measure=uom,
        minimum_stock=minimum,
        **kwargs,
    )


class Office:
    def __init__(self, organisation):
        self.org = organisation
        self.umum = UnitFactory(
            organisation=organisation, name="Subbagian Umum", code="UMUM", kind=UnitKind.SUBDIVISION
        )
        self.pem = UnitFactory(organisation=organisation, name="Seksi Pemerintahan", code="PEM")
        Store.objects.create(organisation=organisation, keeper_unit=self.umum)
        self.head = member(organisation, Role.HEAD)
        self.secretary = member(organisation, Role.SECRETARY)
        self.kasubag = member(organisation, Role.SECTION_HEAD, unit=self.umum)
        self.keeper = member(organisation, Role.STAFF, unit=self.umum)
        self.kasi = member(organisation, Role.SECTION_HEAD, unit=self.pem)
        self.staff = member(organisation, Role.STAFF, unit=self.pem)
        self.auditor = member(organisation, Role.AUDITOR)
        self.paper = make_item(organisation)
        self.pen = make_item(
            organisation, code="PLP-HT", name="Pulpen hitam", uom="buah", minimum=10, category="Alat tulis"
        )


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)
