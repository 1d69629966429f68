"""Leave URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A gets a leadership position held by its head (the authorised official), a leave-letter
numbering template, an opening balance, an approved sick leave with its signed letter and a pending
one. Every URL is aimed at those objects; a view that forgot to scope would show office A's markers.
"""

from __future__ import annotations

import datetime as dt

from lontar.core.models import UnitKind
from lontar.core.numbering.services import create_template
from lontar.core.tests.factories import PositionAssignmentFactory, PositionFactory, UnitFactory
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.leave import services
from lontar.staff.leave.models import LeaveType


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    today = organisation_today(org)
    lead = UnitFactory(
        organisation=org, kind=UnitKind.LEADERSHIP, code="PIMCUTI", name=office.marker("leave_unit")
    )
    top = PositionFactory(
        organisation=org, unit=lead, title=office.marker("leave_official"), is_unit_head=True, order=0
    )
    PositionAssignmentFactory(
        position=top, staff=office.head.staff, start_date=today - dt.timedelta(days=400)
    )
    create_template(
        actor=office.admin_user,
        organisation=org,
        document_type="surat-cuti",
        name=office.marker("leave_numbering"),
        format="{klasifikasi}/CUTI/{urut:3}/RAHASIAA/{tahun}",
        scope="document_type",
    )
    office.add(
        "leave_opening",
        services.set_opening_balance(
            actor=office.admin_user,
            staff=office.staff_user.staff,
            year=today.year,
            remaining_previous=2,
            remaining_before_previous=1,
            note=office.marker("leave_opening_note"),
        ),
    )
    start = today + dt.timedelta(days=14)
    approved = services.submit_request(
        actor=office.staff_user,
        leave_type=LeaveType.SICK,
        start_date=start,
        end_date=start,
        reason=office.marker("leave_reason"),
        address_during_leave=office.marker("leave_address"),
    )
    office.add(
        "leave_approved",
        services.decide(request=approved, actor=office.head, decision=services.Decision.APPROVE),
    )
    later = start + dt.timedelta(days=7)
    office.add(
        "leave_pending",
        services.submit_request(
            actor=office.staff_user,
            leave_type=LeaveType.SICK,
            start_date=later,
            end_date=later,
            reason=office.marker("leave_pending_reason"),
            address_during_leave=office.marker("leave_pending_address"),
        ),
    )


def _pending(office: OfficeA) -> dict:
    return {"pk": office.leave_pending.pk}


ROUTES: dict = {
    "leave:mine": Route(),
    "leave:new": Route(post_data=lambda office: {}),
    "leave:inbox": Route(),
    "leave:calendar": Route(),
    "leave:office": Route(),
    "leave:export": Route(),
    "leave:openings": Route(
        post_data=lambda office: {
            "staff": office.staff_user.staff.pk,
            "year": 2026,
            "remaining_previous": 6,
            "remaining_before_previous": 6,
        }
    ),
    "leave:statement": Route(kwargs=lambda office: {"staff_pk": office.staff_user.staff.pk}),
    "leave:settings": Route(post_data=lambda office: {}),
    "leave:detail": Route(kwargs=_pending),
    "leave:consider": Route(
        kwargs=_pending, post_data=lambda office: {"pertimbangan-consideration": "disetujui"}
    ),
    "leave:decide": Route(kwargs=_pending, post_data=lambda office: {"keputusan-decision": "approve"}),
    "leave:cancel": Route(kwargs=_pending, post_data=lambda office: {"batal-note": "X"}),
    "leave:letter": Route(kwargs=lambda office: {"pk": office.leave_approved.pk}),
    "api:leave-balance-list": Route(),
    "api:leave-my-request-list": Route(),
    "api:leave-my-request-detail": Route(kwargs=_pending),
    "api:leave-office-request-list": Route(),
    "api:leave-office-request-detail": Route(kwargs=_pending),
}
