"""Test helpers for personnel files: people with real-shaped NIPs and the office's file keepers."""

from __future__ import annotations

import itertools

from lontar.core import civil_service
from lontar.core.models import Role, Staff
from lontar.core.tests.factories import UnitFactory, member

_sequence = itertools.count(101)


def nip(born: str = "19870415", tmt: str = "201203", sex: str = "1") -> str:
    """An 18-digit NIP with a fresh sequence number (the core StaffFactory uses 19860926 201505, so
    callers pick other dates to never collide with it)."""
    return f"{born}{tmt}{sex}{next(_sequence) % 1000:03d}"


def person(org, *, employment_type=civil_service.PNS, number=None, rank="", unit=None, **fields) -> Staff:
    """A staff member without an account (most staff in a file have none)."""
    if number is None:
        number = nip() if employment_type == civil_service.PNS else ""
    return Staff.objects.create(
        organisation=org,
        full_name=fields.pop("full_name", f"Pegawai {next(_sequence)}"),
        nip=number,
        employment_type=employment_type,
        rank=rank,
        unit=unit or UnitFactory(organisation=org),
        **fields,
    )


def keeper(org):
    """Subbag TU's file keeper: the Sekcam holds MANAGE_PERSONNEL."""
    return member(org, Role.SECRETARY)
