"""Personnel-file rows for the agenda's tests, created directly (the personnel-file screens are another
module's); staff come from the platform's factories."""

from __future__ import annotations

import datetime as dt

from lontar.core.models import Position, PositionAssignment, Role, Unit, UnitKind
from lontar.core.tests.factories import StaffFactory, member
from lontar.staff.models import Employee, EmployeeDocument, PositionType, RankHistory, SalaryIncrease

_serial = iter(range(100, 1000))


def nip(born: dt.date, tmt: dt.date, sex: str = "1") -> str:
    return f"{born:%Y%m%d}{tmt:%Y%m}{sex}{next(_serial):03d}"


def person(
    organisation,
    *,
    born: dt.date = dt.date(1986, 9, 26),
    start: dt.date = dt.date(2015, 5, 1),
    employment_type: str = "pns",
    role: str | None = Role.STAFF,
    position_type: str = PositionType.EXECUTOR,
    with_file: bool = True,
    **staff_kwargs,
):
    """A staff member (with an account and `role`, unless role is None) and their employee sheet."""
    number = nip(born, start) if employment_type == "pns" else ""
    if employment_type == "pppk":
        number = f"{born:%Y%m%d}{start:%Y}211{next(_serial):03d}"
    if role is None:
        staff = StaffFactory(
            organisation=organisation, user=None, employment_type=employment_type, nip=number, **staff_kwargs
        )
    else:
        user = member(organisation, role, employment_type=employment_type, nip=number, **staff_kwargs)
        staff = user.staff
    if with_file:
        Employee.objects.create(
            staff=staff, birth_date=born, service_start=start, position_type=position_type
        )
    return staff


def rank(staff, name: str, tmt: dt.date) -> RankHistory:
    return RankHistory.objects.create(staff=staff, rank=name, tmt=tmt)


def kgb(staff, tmt: dt.date) -> SalaryIncrease:
    return SalaryIncrease.objects.create(staff=staff, tmt=tmt)


def document(
    staff, expires_on: dt.date, *, kind: str = "kontrak", title: str = "Perjanjian kerja"
) -> EmployeeDocument:
    return EmployeeDocument.objects.create(staff=staff, kind=kind, title=title, expires_on=expires_on)


def subbag_tu_head(organisation, **kwargs):
    """A section head who heads the office's Subbag Tata Usaha (code TU)."""
    user = member(organisation, Role.SECTION_HEAD, **kwargs)
    unit = Unit.objects.create(
        organisation=organisation, kind=UnitKind.SUBDIVISION, name="Subbagian Tata Usaha", code="TU"
    )
    position = Position.objects.create(
        organisation=organisation, unit=unit, title="Kepala Subbagian Tata Usaha", is_unit_head=True
    )
    PositionAssignment.objects.create(
        organisation=organisation, position=position, staff=user.staff, start_date=dt.date(2020, 1, 1)
    )
    return user
