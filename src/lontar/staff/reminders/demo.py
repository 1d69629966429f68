"""Demo data of the career agenda, for Kecamatan Jatisari.

* The office's lead times, saved by the Sekcam through the service (audited).
* Where a demo staff member's personnel file is still empty, the few rows the agenda counts from:
  the employee sheet (birth date, sex and TMT CPNS as the NIP says), the current rank with its TMT in
  a promotion period, the latest KGB on the first of a month, and the contracts that expire (the PPPK's
  agreement, the non-ASN operator's yearly contract). Dates are placed relative to today so the
  agenda always has something due: two KGBs inside the 60 days, a promotion in the next period, two
  contracts about to end. Nobody retires soon: the demo's oldest official was born in 1972.

A staff member whose file already holds anything (filled by Subbag TU, or by the personnel-file
module's own demo) is left alone. Idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction

from lontar.core import civil_service
from lontar.core.models import Organisation, Staff
from lontar.core.workdays.calendar import organisation_today
from lontar.staff import facts
from lontar.staff.models import (
    DocumentKind,
    Employee,
    EmployeeDocument,
    PositionType,
    RankHistory,
    SalaryIncrease,
)
from lontar.staff.reminders import selectors, services
from lontar.staff.reminders.models import ReminderSettings

SETTINGS = {
    "kgb_lead_days": 60,
    "promotion_lead_days": 120,
    "retirement_lead_months": 12,
    "document_lead_days": 45,
}

POSITION_TYPES = {
    "Camat": PositionType.ADMINISTRATOR,
    "Sekretaris Kecamatan": PositionType.ADMINISTRATOR,
    "Kepala": PositionType.SUPERVISOR,
    "Analis": PositionType.FUNCTIONAL_FIRST,
    "Pranata Komputer": PositionType.FUNCTIONAL_SKILLED,
}


def _position_type(title: str) -> str:
    for start, kind in POSITION_TYPES.items():
        if title.startswith(start):
            return kind
    return PositionType.EXECUTOR


def _first_of_month_after(day: dt.date, months: int) -> dt.date:
    return selectors.add_months(day.replace(day=1), months)


def _file_is_empty(staff: Staff) -> bool:
    return not (
        Employee.objects.filter(staff=staff).exists()
        or RankHistory.objects.filter(staff=staff).exists()
        or SalaryIncrease.objects.filter(staff=staff).exists()
        or EmployeeDocument.objects.filter(staff=staff).exists()
    )


def _title(staff: Staff) -> str:
    holding = staff.assignments.select_related("position").order_by("kind", "-start_date").first()
    return holding.position.title if holding else ""


def _career(staff: Staff, index: int, today: dt.date) -> dict:
    """When this person's rank and KGB last changed, spread so that a few fall due soon."""
    # The 1st and 3rd PNS in the list get their KGB on the 1st of next month; the others later.
    kgb_due = _first_of_month_after(today, 1 if index in (0, 2) else 3 + (index * 5) % 20)
    next_period = selectors.promotion_period_on_or_after(today + dt.timedelta(days=1))
    rank_due = next_period if index in (1, 4) else selectors.add_months(next_period, 6 * (1 + index % 5))
    return {
        "kgb_tmt": selectors.add_years(kgb_due, -selectors.KGB_YEARS),
        "rank_tmt": selectors.add_years(rank_due, -selectors.PROMOTION_YEARS),
    }


def _fill(staff: Staff, index: int, today: dt.date, recorder, created: Counter) -> None:
    title = _title(staff)
    start = facts.service_start(staff)
    if staff.employment_type == civil_service.PPPK and staff.nip:
        start = dt.date(int(staff.nip[8:12]), 3, 1)
    Employee.objects.create(
        staff=staff,
        birth_date=facts.birth_date(staff),
        sex=facts.sex(staff) or "",
        service_start=start,
        tmt_pns=selectors.add_years(start, 1)
        if start and staff.employment_type == civil_service.PNS
        else None,
        job_title=title,
        position_type=_position_type(title),
    )
    created["staff.employee"] += 1
    if staff.employment_type == civil_service.PNS and staff.rank:
        career = _career(staff, index, today)
        if start is None or career["rank_tmt"] > start:
            RankHistory.objects.create(
                staff=staff,
                rank=staff.rank,
                kind=RankHistory.Kind.REGULAR,
                tmt=career["rank_tmt"],
                decree_number=f"823.3/{100 + index}-BKPSDM/{career['rank_tmt']:%Y}",
                recorded_by=recorder,
            )
            created["staff.rankhistory"] += 1
        if start is None or career["kgb_tmt"] > start:
            SalaryIncrease.objects.create(
                staff=staff,
                tmt=career["kgb_tmt"],
                decree_number=f"822.4/{200 + index}-Kec/{career['kgb_tmt']:%Y}",
                recorded_by=recorder,
            )
            created["staff.salaryincrease"] += 1
    if staff.employment_type == civil_service.PPPK and start:
        ends = selectors.add_months(today, 1).replace(day=1) - dt.timedelta(days=1)
        EmployeeDocument.objects.create(
            staff=staff,
            kind=DocumentKind.CONTRACT,
            title="Perjanjian Kerja PPPK",
            number=f"800.1.2.2/{300 + index}-BKPSDM/{selectors.add_years(ends, -5):%Y}",
            issued_on=selectors.add_years(ends, -5) + dt.timedelta(days=1),
            expires_on=ends,
            recorded_by=recorder,
        )
        created["staff.employeedocument"] += 1
    if staff.employment_type == civil_service.NON_ASN:
        ends = dt.date(today.year, 12, 31)
        EmployeeDocument.objects.create(
            staff=staff,
            kind=DocumentKind.CONTRACT,
            title="Perjanjian Kerja Tenaga Non-ASN",
            number=f"800.1.2.5/{400 + index}-Kec/{today.year}",
            issued_on=dt.date(today.year, 1, 2),
            expires_on=ends,
            recorded_by=recorder,
        )
        created["staff.employeedocument"] += 1


@transaction.atomic
def load_reminders_demo() -> Counter:
    created: Counter = Counter()
    office = Organisation.objects.filter(code="Kec.Jts").first()
    if office is None:
        return created
    users = get_user_model().objects
    sekcam = users.filter(username="sekcam.jatisari").first()
    recorder = users.filter(username="kasubag.tu.jatisari").first() or sekcam
    if sekcam is not None and not ReminderSettings.objects.filter(organisation=office).exists():
        services.update_settings(actor=sekcam, organisation=office, **SETTINGS)
        created["staff_reminders.settings"] += 1
    today = organisation_today(office)
    people = Staff.objects.filter(organisation=office, is_active=True).order_by("pk")
    pns_index = 0
    for staff in people:
        if not _file_is_empty(staff):
            if staff.employment_type == civil_service.PNS:
                pns_index += 1
            continue
        _fill(staff, pns_index, today, recorder, created)
        if staff.employment_type == civil_service.PNS:
            pns_index += 1
    return created
