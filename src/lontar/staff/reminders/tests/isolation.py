"""Career agenda URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A gets a non-ASN staff member (named with a marker) whose contract expires within the month,
its lead times, and a reminder already sent about that contract: the agenda, its export and the
settings page of office B must show none of it. The settings page takes its office from `kantor`,
never from a path, so a POST from office B changes only office B.
"""

from __future__ import annotations

import datetime as dt

from lontar.core.models import Staff
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.models import EmployeeDocument
from lontar.staff.reminders.models import ReminderKind, ReminderLog, ReminderSettings, ReminderStage


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    staff = office.add(
        "reminder_staff",
        Staff.objects.create(
            organisation=org, full_name=office.marker("reminder_staff_name"), employment_type="non_asn"
        ),
    )
    expires = organisation_today(org) + dt.timedelta(days=10)
    EmployeeDocument.objects.create(
        staff=staff, kind="kontrak", title=office.marker("reminder_document_title"), expires_on=expires
    )
    ReminderSettings.objects.create(organisation=org, kgb_lead_days=61, document_lead_days=31)
    ReminderLog.objects.create(
        organisation=org,
        staff=staff,
        kind=ReminderKind.DOCUMENT,
        due_date=expires,
        stage=ReminderStage.AHEAD,
        recipients=1,
    )


ROUTES: dict = {
    "staff_reminders:agenda": Route(),
    "api:staff-agenda-list": Route(),
    "api:staff-agenda-mine": Route(),
    "staff_reminders:export": Route(),
    "staff_reminders:settings": Route(
        post_data=lambda office: {
            "kgb_lead_days": "1",
            "promotion_lead_days": "1",
            "retirement_lead_months": "1",
            "document_lead_days": "1",
        }
    ),
}
