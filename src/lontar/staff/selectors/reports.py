"""The DUK and the formation report of an office.

**DUK (Daftar Urut Kepangkatan)** lists the office's active PNS (PPPK and non-ASN staff have no
pangkat and are not in it), ordered as PP 15/1979 orders seniority:

1. golongan, highest first (IV/e before IV/d ... before I/a);
2. TMT of that golongan, earliest first (the TMT of the latest rank-history row for the current
   rank; people without it come after those with it);
3. jabatan, by level: JPT and Ahli Utama, then Administrator and Ahli Madya, then Pengawas and Ahli
   Muda, then Ahli Pertama, then Keterampilan, then Pelaksana;
4. masa kerja, longest first (from TMT CPNS to the DUK date);
5. pendidikan, highest level first, the earlier graduation first;
6. usia, oldest first;
and finally by name, so the order is stable.

**Formation versus filled**: for each formation row (job title, per unit or for the whole office),
filled counts the active staff of that unit (any unit for an office-wide row) whose main sheet names
that job title; the difference is filled - needed ("kurang" below zero, "lebih" above).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from lontar.core import civil_service
from lontar.core.models import Staff
from lontar.staff import facts
from lontar.staff.models import EducationLevel, Employee, PositionType
from lontar.staff.selectors.personnel import formations_of

POSITION_LEVEL = {
    PositionType.SENIOR_EXECUTIVE: 1,
    PositionType.FUNCTIONAL_MAIN: 1,
    PositionType.ADMINISTRATOR: 2,
    PositionType.FUNCTIONAL_MIDDLE: 2,
    PositionType.SUPERVISOR: 3,
    PositionType.FUNCTIONAL_YOUNG: 3,
    PositionType.FUNCTIONAL_FIRST: 4,
    PositionType.FUNCTIONAL_SKILLED: 5,
    PositionType.EXECUTOR: 6,
}
EDUCATION_ORDER = {level: index for index, level in enumerate(EducationLevel.values)}
FAR_FUTURE = datetime.date(9999, 12, 31)


def months_between(start: datetime.date, day: datetime.date) -> int:
    """Completed months from `start` to `day`."""
    months = (day.year - start.year) * 12 + day.month - start.month
    if day.day < start.day:
        months -= 1
    return max(0, months)


@dataclass
class DukRow:
    staff: Staff
    employee: Employee | None
    rank: str
    rank_tmt: datetime.date | None
    job_title: str
    position_type_label: str
    position_tmt: datetime.date | None
    service_years: int | None
    service_months: int | None
    education_label: str
    education_major: str
    graduation_year: int | None
    birth_date: datetime.date | None
    age: int | None
    notes: list[str] = field(default_factory=list)
    number: int = 0
    sort_key: tuple = ()


def _rank_tmt(staff) -> datetime.date | None:
    rows = [row for row in staff.rank_history.all() if row.rank == staff.rank]
    return max((row.tmt for row in rows), default=None)


def _duk_row(staff, day: datetime.date) -> DukRow:
    employee = facts.employee_of(staff)
    open_positions = [row for row in staff.position_history.all() if row.end_date is None]
    position = max(open_positions, key=lambda row: (row.tmt, row.pk), default=None)
    education = max(
        staff.education.all(),
        key=lambda row: (EDUCATION_ORDER.get(row.level, -1), -(row.graduation_year or 9999)),
        default=None,
    )
    start = facts.service_start(staff)
    born = facts.birth_date(staff)
    months = months_between(start, day) if start else None
    rank_tmt = _rank_tmt(staff)
    position_type = employee.position_type if employee is not None else ""
    notes = []
    if rank_tmt is None:
        notes.append("TMT golongan belum dicatat")
    if employee is None or not employee.job_title:
        notes.append("jabatan belum dicatat")
    if education is None:
        notes.append("pendidikan belum dicatat")
    rank_index = civil_service.PNS_RANKS.index(staff.rank) if staff.rank in civil_service.PNS_RANKS else -1
    row = DukRow(
        staff=staff,
        employee=employee,
        rank=staff.rank,
        rank_tmt=rank_tmt,
        job_title=employee.job_title if employee is not None else "",
        position_type_label=str(PositionType(position_type).label) if position_type else "",
        position_tmt=position.tmt if position is not None else None,
        service_years=months // 12 if months is not None else None,
        service_months=months % 12 if months is not None else None,
        education_label=str(EducationLevel(education.level).label) if education else "",
        education_major=" ".join(p for p in (education.major, education.institution) if p)
        if education
        else "",
        graduation_year=education.graduation_year if education else None,
        birth_date=born,
        age=facts.full_years_between(born, day) if born else None,
        notes=notes,
    )
    row.sort_key = (
        -rank_index,
        rank_tmt or FAR_FUTURE,
        POSITION_LEVEL.get(position_type, 7),
        -(months if months is not None else -1),
        -EDUCATION_ORDER.get(education.level, -1) if education else 1,
        (education.graduation_year or 9999) if education else 9999,
        born or FAR_FUTURE,
        staff.full_name,
        staff.pk,
    )
    return row


def duk(office, day: datetime.date) -> list[DukRow]:
    """The DUK of `office` on `day`, numbered in order."""
    staff = (
        Staff.objects.filter(organisation=office, is_active=True, employment_type=civil_service.PNS)
        .select_related("unit", "employee")
        .prefetch_related("rank_history", "position_history", "education")
    )
    rows = sorted((_duk_row(person, day) for person in staff), key=lambda row: row.sort_key)
    for number, row in enumerate(rows, start=1):
        row.number = number
    return rows


# --- formation versus filled ----------------------------------------------------------------------


def title_key(title: str) -> str:
    return " ".join((title or "").lower().split())


@dataclass
class FormationRow:
    formation: object
    holders: list
    difference: int

    @property
    def filled(self) -> int:
        return len(self.holders)

    @property
    def verdict(self) -> str:
        if self.difference < 0:
            return "kurang"
        if self.difference > 0:
            return "lebih"
        return "sesuai"


@dataclass
class FormationReport:
    rows: list[FormationRow]
    outside: list  # active staff whose job title is in no formation of their unit or the office
    needed: int
    filled: int


def formation_report(office) -> FormationReport:
    formations = list(formations_of(office))
    staff = list(
        Staff.objects.filter(organisation=office, is_active=True)
        .select_related("unit", "employee")
        .order_by("full_name", "pk")
    )
    placed: set[int] = set()
    holders_of: dict[int, list] = {}
    # A unit's own formation claims its people before an office-wide row of the same title does.
    for formation in sorted(formations, key=lambda f: f.unit_id is None):
        key = title_key(formation.job_title)
        holders = [
            person
            for person in staff
            if person.pk not in placed
            and (formation.unit_id is None or person.unit_id == formation.unit_id)
            and title_key(getattr(facts.employee_of(person), "job_title", "")) == key
        ]
        placed.update(person.pk for person in holders)
        holders_of[formation.pk] = holders
    rows = [FormationRow(f, holders_of[f.pk], len(holders_of[f.pk]) - f.needed) for f in formations]
    outside = [person for person in staff if person.pk not in placed]
    return FormationReport(
        rows=rows,
        outside=outside,
        needed=sum(f.needed for f in formations),
        filled=sum(row.filled for row in rows),
    )
