"""Creating one staff member from a confirmed row of the staff-list import (see `staff.importers`)."""

from __future__ import annotations

import datetime

from django.db import transaction

from lontar.core import audit
from lontar.core.models import Staff
from lontar.core.permissions import require
from lontar.staff.models import Education, Employee, RankHistory
from lontar.staff.permissions import MANAGE_PERSONNEL
from lontar.staff.services.personnel import EMPLOYEE_FIELDS, STAFF_FIELDS, check_against_nip


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def create_imported_staff(*, actor, organisation, values: dict) -> Staff:
    """`core.Staff`, its main sheet, a first rank-history row and the last education, from a row the
    importer has cleaned. Everything is checked again here: the office may have changed since the
    preview."""
    require(actor, MANAGE_PERSONNEL, organisation=organisation)
    staff = Staff(
        organisation=organisation,
        full_name=values["full_name"],
        front_title=values["front_title"],
        back_title=values["back_title"],
        nip=values["nip"],
        employment_type=values["employment_type"],
        rank=values["rank"],
        unit_id=values["unit_id"],
        email=values["email"],
        phone=values["phone"],
    )
    staff.full_clean(exclude=["user"])
    staff.save()
    employee = Employee(
        staff=staff,
        birth_place=values["birth_place"],
        birth_date=_day(values["birth_date"]),
        sex=values["sex"],
        service_start=_day(values["service_start"]),
        job_title=values["job_title"],
        position_type=values["position_type"],
    )
    employee.full_clean(exclude=["staff"])
    check_against_nip(staff, employee)
    employee.save()
    after = {**audit.snapshot(staff, (*STAFF_FIELDS, "rank")), **audit.snapshot(employee, EMPLOYEE_FIELDS)}
    if values["rank"] and values["rank_tmt"]:
        row = RankHistory(staff=staff, rank=values["rank"], tmt=_day(values["rank_tmt"]), recorded_by=actor)
        row.full_clean(exclude=["staff", "recorded_by"])
        row.save()
        after["rank_tmt"] = values["rank_tmt"]
    if values["education"]:
        level, major, year = values["education"]
        Education.objects.create(
            staff=staff, level=level, major=major[:150], graduation_year=year, recorded_by=actor
        )
        after["education"] = values["education"]
    audit.record(actor=actor, action="staff.employee.import", obj=staff, after=after)
    return staff
