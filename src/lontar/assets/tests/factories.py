"""Test data of the assets module, made through the services where a rule applies."""

from __future__ import annotations

from lontar.assets.models import AssetCode
from lontar.assets.services import register as services
from lontar.core.models import Role, UnitKind
from lontar.core.tests.factories import PositionAssignmentFactory, PositionFactory, UnitFactory, member

CODES = {
    "1.3.1.01.01.04.001": "Tanah Bangunan Kantor Pemerintah",
    "1.3.2.10.01.02.001": "P.C Unit",
    "1.3.2.05.02.01.003": "Kursi Besi/Metal",
    "1.3.2.02.01.04.001": "Sepeda Motor",
    "1.3.3.01.01.01.001": "Bangunan Gedung Kantor Permanen",
    "1.3.4.01.01": "Jalan",
    "1.3.5.01.01.01.002": "Buku Referensi",
}


def code(value: str = "1.3.2.10.01.02.001") -> AssetCode:
    obj, _created = AssetCode.objects.get_or_create(code=value, defaults={"title": CODES.get(value, value)})
    return obj


def keeper(org, **kwargs):
    """A Kasubag TU: section head who heads a sub-division today."""
    user = member(org, Role.SECTION_HEAD, **kwargs)
    unit = UnitFactory(organisation=org, kind=UnitKind.SUBDIVISION)
    position = PositionFactory(organisation=org, unit=unit, is_unit_head=True)
    PositionAssignmentFactory(position=position, staff=user.staff)
    return user


def room(org, actor, code_text: str = "R-01", name: str = "Ruang TU", **kwargs):
    return services.create_room(actor=actor, organisation=org, code=code_text, name=name, **kwargs)


def asset(
    org,
    actor,
    *,
    code_text: str = "1.3.2.10.01.02.001",
    name: str = "Komputer PC",
    value: int = 10_000_000,
    year: int = 2022,
    **kwargs,
):
    return services.register_asset(
        actor=actor,
        organisation=org,
        code=code(code_text),
        name=name,
        acquisition_year=year,
        value=value,
        **kwargs,
    )
