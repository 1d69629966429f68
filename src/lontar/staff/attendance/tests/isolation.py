"""Attendance URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A gets a quota with a note, a roster for this week and the next of its unit (section head and a
staff member named by markers), a person marked out of the roster with a marked reason, and a check-in
with a marked note and no check-out (so the correction screen has a record to point at)."""

from __future__ import annotations

import datetime as dt

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.staff.attendance import services
from lontar.staff.attendance.models import RosterEntry


def populate_office_a(office: OfficeA) -> None:
    org, unit = office.org, office.unit
    supervisor = office.add(
        "attendance_supervisor",
        member(org, Role.SECTION_HEAD, unit=unit, full_name=office.marker("attendance_head")),
    )
    worker = office.add(
        "attendance_worker", member(org, Role.STAFF, unit=unit, full_name=office.marker("attendance_worker"))
    )
    member(org, Role.STAFF, unit=unit, full_name=office.marker("attendance_colleague"))
    services.set_unit_quota(
        actor=office.admin_user, unit=unit, percent=60, note=office.marker("attendance_quota_note")
    )
    today = organisation_today(org)
    monday = today - dt.timedelta(days=today.weekday())
    services.generate_roster(actor=supervisor, unit=unit, start=monday, weeks=2)
    office.add(
        "roster_entry", RosterEntry.objects.filter(unit=unit, date__gte=today).order_by("date", "pk").first()
    )
    calendar = WorkCalendar(org)
    later = calendar.add_working_days(today, 3)
    office.add(
        "roster_exclusion",
        services.mark_excluded(
            actor=supervisor,
            staff=worker.staff,
            day=later,
            reason=office.marker("attendance_exclusion_reason"),
        ).exclusion,
    )
    office.add(
        "attendance_record",
        services.check_in(
            actor=worker, mode="wfh", mode_note="x", note=office.marker("attendance_check_in_note")
        ).record,
    )


ROUTES: dict = {
    "attendance:mine": Route(),
    "attendance:check_in": Route(post_data=lambda office: {"mode": "wfo", "note": "Masuk"}),
    "attendance:check_out": Route(post_data=lambda office: {"note": "Pulang"}),
    "attendance:roster": Route(),
    "attendance:roster_generate": Route(
        post_data=lambda office: {
            "unit": office.unit.pk,
            "mulai": "2026-11-30",
            "minggu": "1",
            "konfirmasi": "on",
        }
    ),
    "attendance:roster_cell": Route(
        kwargs=lambda office: {"pk": office.roster_entry.pk},
        post_data=lambda office: {"mode": "wfh", "note": "X"},
    ),
    "attendance:roster_exclude": Route(
        post_data=lambda office: {
            "unit": office.unit.pk,
            "staff": office.attendance_worker.staff.pk,
            "tanggal": "2026-12-01",
            "alasan": "Diambil alih",
        }
    ),
    "attendance:exclusion_delete": Route(
        kwargs=lambda office: {"pk": office.roster_exclusion.pk}, post_data=lambda office: {}
    ),
    "attendance:quota": Route(),
    "attendance:quota_edit": Route(
        kwargs=lambda office: {"pk": office.unit.pk},
        post_data=lambda office: {
            f"u{office.unit.pk}-min_office_percent": "0",
            f"u{office.unit.pk}-note": "X",
        },
    ),
    "attendance:office_hours": Route(
        kwargs=lambda office: {"pk": office.org.pk},
        post_data=lambda office: {
            f"o{office.org.pk}-start": "10:00",
            f"o{office.org.pk}-end": "11:00",
            f"o{office.org.pk}-friday_end": "11:00",
        },
    ),
    "attendance:recap": Route(),
    "attendance:recap_export": Route(),
    "attendance:correct": Route(
        kwargs=lambda office: {"pk": office.attendance_record.pk},
        post_data=lambda office: {"time": "23:59", "note": "Diambil alih"},
    ),
    "api:attendance-list": Route(),
    "api:attendance-check-in": Route(post_data=lambda office: {"work_mode": "wfo", "note": "Masuk"}),
    "api:attendance-check-out": Route(post_data=lambda office: {"note": "Pulang"}),
    "api:roster-entry-list": Route(),
    "api:roster-entry-detail": Route(
        kwargs=lambda office: {"pk": office.roster_entry.pk}, post_data=lambda office: {"work_mode": "wfh"}
    ),
    "api:attendance-recap-list": Route(),
}
