"""Load the demo city through the organisation services, so every row is audited as "sistem".

Idempotent: each object is looked up by its natural key first and only created when missing, so
a second run changes nothing.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from lontar.core.demo import data
from lontar.core.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Position,
    PositionAssignment,
    Staff,
    Unit,
)
from lontar.core.orgadmin import services

ACTING_KINDS = {"plt": PositionAssignment.Kind.PLT, "plh": PositionAssignment.Kind.PLH}


def _rng(*parts) -> random.Random:
    return random.Random(":".join(str(p) for p in parts))


def make_nip(person: data.Person, office_code: str, sequence: int) -> str:
    """An 18-digit NIP (PNS) or NI PPPK of the right shape; empty for non-ASN staff."""
    if person.employment == "non_asn":
        return ""
    rng = _rng(office_code, person.full_name)
    _rank, year_from, year_to = data.SENIORITY[person.position]
    born = datetime.date(rng.randint(year_from, year_to), rng.randint(1, 12), rng.randint(1, 28))
    sex = "1" if person.sex == "L" else "2"
    if person.employment == "pppk":
        # NI PPPK: birth date, year of appointment, the marker 21, sex, sequence.
        middle = f"{rng.randint(2022, 2024)}21"
    else:
        tmt_year = min(born.year + rng.randint(22, 27), 2024)
        middle = f"{tmt_year}{rng.choice([1, 2, 3, 4, 12]):02d}"
    return f"{born:%Y%m%d}{middle}{sex}{sequence:03d}"


def _rank(person: data.Person) -> str:
    if person.employment == "non_asn":
        return ""
    if person.employment == "pppk":
        return "Golongan IX" if person.back_title.startswith("S.") else "Golongan VII"
    return data.RANKS[data.SENIORITY[person.position][0]]


def _email(person: data.Person) -> str:
    if person.username:
        return f"{person.username}@{data.MAIL_DOMAIN}"
    parts = person.full_name.lower().split()
    local = f"{parts[0]}.{parts[-1]}" if len(parts) > 1 else parts[0]
    return f"{local}@{data.MAIL_DOMAIN}"


def _phone(person: data.Person, office_code: str) -> str:
    rng = _rng("phone", office_code, person.full_name)
    return f"0812-0{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"


def _start_date(person: data.Person, nip: str) -> datetime.date:
    rng = _rng("start", person.full_name)
    earliest = int(nip[8:12]) + 1 if nip else 2021
    year = max(rng.randint(2019, 2025), earliest)
    return datetime.date(min(year, 2025), rng.randint(1, 12), 1)


class DemoLoader:
    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.sequence = 0
        # Hashed once: hashing is deliberately slow, and every demo account shares the password.
        self.password_hash = make_password(data.DEMO_PASSWORD)

    # --- lookups that create only what is missing ----------------------------------------------
    def organisation(self, *, parent, kind, code, **fields) -> Organisation:
        found = Organisation.objects.filter(code=code).first()
        if found:
            return found
        self.created["kantor"] += 1
        return services.create_organisation(actor=None, parent=parent, kind=kind, code=code, **fields)

    def units(self, organisation, rows) -> dict[str, Unit]:
        units: dict[str, Unit] = {}
        for order, (code, name, kind, parent_code) in enumerate(rows, start=1):
            unit = Unit.objects.filter(organisation=organisation, code=code).first()
            if unit is None:
                self.created["unit"] += 1
                unit = services.create_unit(
                    actor=None,
                    organisation=organisation,
                    kind=kind,
                    name=name,
                    code=code,
                    parent=units.get(parent_code),
                    order=order,
                )
            units[code] = unit
        return units

    def positions(self, organisation, units, rows) -> dict[str, Position]:
        positions: dict[str, Position] = {}
        for order, (key, title, unit_code, superior_key, is_head) in enumerate(rows, start=1):
            position = Position.objects.filter(organisation=organisation, title=title).first()
            if position is None:
                self.created["jabatan"] += 1
                position = services.create_position(
                    actor=None,
                    organisation=organisation,
                    unit=units[unit_code],
                    title=title,
                    superior=positions.get(superior_key),
                    is_unit_head=is_head,
                    order=order,
                )
            positions[key] = position
        return positions

    def person(self, organisation, positions, person: data.Person, *, vacant=()) -> Staff:
        self.sequence += 1
        position = positions[person.position]
        staff = Staff.objects.filter(organisation=organisation, full_name=person.full_name).first()
        if staff is None:
            self.created["pegawai"] += 1
            nip = make_nip(person, organisation.code, self.sequence)
            staff = services.create_staff(
                actor=None,
                organisation=organisation,
                full_name=person.full_name,
                front_title=person.front_title,
                back_title=person.back_title,
                nip=nip,
                employment_type=person.employment,
                rank=_rank(person),
                unit=position.unit,
                email=_email(person),
                phone=_phone(person, organisation.code),
            )
        if person.position not in vacant and not position.assignments.filter(staff=staff).exists():
            self.created["penugasan"] += 1
            services.assign_position(
                actor=None,
                position=position,
                staff=staff,
                start_date=_start_date(person, staff.nip),
                decree_number=f"800.1.3.3/{self.sequence:03d}-BKPSDM",
            )
        self.account(staff, person, organisation)
        return staff

    def account(self, staff: Staff, person: data.Person, organisation) -> None:
        if not person.username:
            return
        User = get_user_model()
        if staff.user_id is None and not User.objects.filter(username=person.username).exists():
            self.created["akun"] += 1
            services.create_account(
                actor=None,
                staff=staff,
                username=person.username,
                role=person.roles[0],
                password_hash=self.password_hash,
            )
            staff.refresh_from_db()
        user = staff.user or User.objects.get(username=person.username)
        for role in person.roles[1:]:
            if not Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
                self.created["peran"] += 1
                services.add_membership(actor=None, user=user, organisation=organisation, role=role)

    def acting(self, organisation, positions, staff_by_position, rows) -> None:
        today = timezone.localdate()
        for position_key, holder_key, kind, days_before, days_after in rows:
            position = positions[position_key]
            staff = staff_by_position[holder_key]
            if position.assignments.filter(staff=staff, kind=ACTING_KINDS[kind]).exists():
                continue
            self.created["penugasan"] += 1
            services.assign_position(
                actor=None,
                position=position,
                staff=staff,
                kind=ACTING_KINDS[kind],
                start_date=today - datetime.timedelta(days=days_before),
                end_date=today + datetime.timedelta(days=days_after),
                decree_number=f"800.1.11.1/{position.pk:03d}-{organisation.code}",
            )

    # --- the whole city ------------------------------------------------------------------------
    @transaction.atomic
    def load(self) -> Counter[str]:
        city = self.organisation(parent=None, kind=OrganisationKind.CITY, **data.CITY)
        units = self.units(city, data.CITY_UNITS)
        positions = self.positions(city, units, data.CITY_POSITIONS)
        for person in data.CITY_PEOPLE:
            self.person(city, positions, person)
        for number, district in enumerate(data.DISTRICTS, start=1):
            self.district(city, number, district)
        return self.created

    def district(self, city, number: int, district: data.District) -> None:
        org = self.organisation(
            parent=city,
            kind=OrganisationKind.DISTRICT,
            code=district.code,
            name=district.name,
            short_name=district.name.removeprefix("Kecamatan "),
            letterhead_government=data.CITY["letterhead_government"],
            region_code=f"{data.CITY['region_code']}.{number:02d}",
            address=f"Jl. Raya {district.name.removeprefix('Kecamatan ')} No. {10 + number}, Kota Sukamaju",
            postal_code=f"401{number}0",
            phone=f"(022) 555-01{number}0",
            email=f"kec.{district.slug}@{data.MAIL_DOMAIN}",
            website=f"https://{district.slug}.{data.MAIL_DOMAIN}",
        )
        units = self.units(org, data.district_units(district.tu_name))
        positions = self.positions(org, units, data.district_positions(district.tu_name, org.short_name))
        staff_by_position = {
            person.position: self.person(org, positions, person, vacant=district.vacant)
            for person in district.people
        }
        self.acting(org, positions, staff_by_position, district.acting)
        for village_number, village in enumerate(district.villages, start=1):
            self.village(org, number, village_number, village)

    def village(self, district_org, number: int, village_number: int, village: data.Village) -> None:
        org = self.organisation(
            parent=district_org,
            kind=OrganisationKind.VILLAGE,
            code=village.code,
            name=village.name,
            short_name=village.name.removeprefix("Kelurahan "),
            letterhead_government=data.CITY["letterhead_government"],
            region_code=f"{district_org.region_code}.{1000 + village_number}",
            address=f"Jl. {village.name.removeprefix('Kelurahan ')} No. {village_number}, Kota Sukamaju",
            postal_code=f"401{number}{village_number}",
            email=f"kel.{village.slug}@{data.MAIL_DOMAIN}",
        )
        units = self.units(org, data.VILLAGE_UNITS)
        positions = self.positions(org, units, data.village_positions(org.short_name))
        for person in village.people:
            self.person(org, positions, person)


def load_demo() -> Counter[str]:
    return DemoLoader().load()
