"""Facts about a staff member that leave, travel and reminders rely on, read from the personnel file
and, where Subbag TU has not filled it yet, from what the NIP itself says (REFERENCE §6).

A PNS's NIP carries the birth date (digits 1-8), the month of TMT CPNS (9-14) and the sex (15). The
personnel file wins when it is filled; the NIP is the fallback, so a new office can start using leave
before every file is complete.
"""

from __future__ import annotations

import datetime

from lontar.core import civil_service
from lontar.staff.models import Employee, FamilyMember, Sex


def employee_of(staff) -> Employee | None:
    try:
        return staff.employee
    except Employee.DoesNotExist:
        return None


def _nip_of_pns(staff) -> str:
    nip = staff.nip or ""
    if staff.employment_type != civil_service.PNS or len(nip) != civil_service.NIP_LENGTH:
        return ""
    return nip if not civil_service.nip_errors(nip, civil_service.PNS) else ""


def birth_date(staff) -> datetime.date | None:
    employee = employee_of(staff)
    if employee is not None and employee.birth_date:
        return employee.birth_date
    nip = _nip_of_pns(staff) or (staff.nip if staff.employment_type == civil_service.PPPK else "")
    if len(nip) == civil_service.NIP_LENGTH:
        try:
            return datetime.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
        except ValueError:
            return None
    return None


def service_start(staff) -> datetime.date | None:
    """TMT CPNS/PPPK or the start of work: from the file, else the first of the NIP's TMT month."""
    employee = employee_of(staff)
    if employee is not None and employee.service_start:
        return employee.service_start
    nip = _nip_of_pns(staff)
    if nip:
        return datetime.date(int(nip[8:12]), int(nip[12:14]), 1)
    return None


def sex(staff) -> str:
    """Sex.MALE, Sex.FEMALE, or "" when neither the file nor the NIP says."""
    employee = employee_of(staff)
    if employee is not None and employee.sex:
        return employee.sex
    nip = _nip_of_pns(staff)
    return nip[14] if nip else ""


def is_female(staff) -> bool:
    return sex(staff) == Sex.FEMALE


def children_count(staff) -> int:
    return FamilyMember.objects.filter(staff=staff, relation=FamilyMember.Relation.CHILD).count()


def full_years_between(start: datetime.date, day: datetime.date) -> int:
    """Completed years from `start` to `day` (a birthday or anniversary on `day` counts)."""
    years = day.year - start.year
    if (day.month, day.day) < (start.month, start.day):
        years -= 1
    return years


def years_of_service(staff, day: datetime.date) -> int | None:
    start = service_start(staff)
    return None if start is None else max(0, full_years_between(start, day))
