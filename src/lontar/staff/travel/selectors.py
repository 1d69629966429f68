"""Reads of duty travel, scoped in SQL to what the user may see.

Who sees which trips of an office: the Camat, the Sekcam, the administrator, the auditor (holders of
`travel.view_all_trips`) and Sub Bagian staff see all of them; every other member sees the trips they
travel on or requested. Other offices' trips are never found.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from lontar.core.models import Organisation, Staff, UnitKind
from lontar.core.permissions import authorize, organisation_ids_with
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.core.workflow.services import available_transitions, history
from lontar.staff.travel.models import (
    COMMITTED_STATUSES,
    DEFAULT_CLASSIFICATION,
    Traveller,
    TravelSettings,
    Trip,
    TripReport,
    TripStatus,
)
from lontar.staff.travel.permissions import (
    APPROVE,
    EXPORT_TRIPS,
    REQUEST,
    VIEW_ALL_TRIPS,
    VIEW_TRIP,
    may_send_ids,
)

PAGE_SIZE = 50
LIST_FIELDS_DEFERRED = ("purpose", "basis", "notes", "decision_reason")


def _subdivision_office(user) -> int | None:
    staff = getattr(user, "staff", None)
    if (
        staff is not None
        and staff.unit_id
        and staff.unit.kind == UnitKind.SUBDIVISION
        and staff.organisation_id in organisation_ids_with(user, VIEW_TRIP)
    ):
        return staff.organisation_id
    return None


def whole_office_ids(user) -> list[int]:
    """Offices whose every trip `user` sees."""
    ids = set(organisation_ids_with(user, VIEW_ALL_TRIPS))
    office = _subdivision_office(user)
    if office is not None:
        ids.add(office)
    return sorted(ids)


def export_office_ids(user) -> list[int]:
    ids = set(organisation_ids_with(user, EXPORT_TRIPS))
    office = _subdivision_office(user)
    if office is not None:
        ids.add(office)
    return sorted(ids)


def _own(user) -> Q:
    travelling = Traveller.objects.filter(trip=OuterRef("pk"), staff__user=user)
    return Q(requested_by=user) | Q(Exists(travelling))


def visible_trips(user):
    """Trips `user` may read, filtered in SQL."""
    all_ids = whole_office_ids(user)
    some_ids = [pk for pk in organisation_ids_with(user, VIEW_TRIP) if pk not in set(all_ids)]
    if not all_ids and not some_ids:
        return Trip.objects.none()
    return Trip.objects.filter(
        Q(organisation_id__in=all_ids) | (Q(organisation_id__in=some_ids) & _own(user))
    )


def trip_for(user, pk) -> Trip:
    """One trip the user may read, or 404."""
    try:
        return visible_trips(user).select_related("organisation", "requested_by", "document").get(pk=pk)
    except (Trip.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def my_trips(user):
    """Trips the user travels on or requested, newest first."""
    if not organisation_ids_with(user, VIEW_TRIP):
        return Trip.objects.none()
    return (
        Trip.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_TRIP))
        .filter(_own(user))
        .select_related("organisation")
        .prefetch_related("travellers__staff")
        .defer(*LIST_FIELDS_DEFERRED)
        .order_by("-start_date", "-id")
    )


@dataclass(frozen=True)
class TripFilters:
    status: str = ""
    staff: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    query: str = ""
    report_overdue: bool = False


def filtered(user, filters: TripFilters):
    qs = visible_trips(user)
    if filters.status in TripStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.staff:
        qs = qs.filter(travellers__staff_id=filters.staff)
    if filters.start:
        qs = qs.filter(end_date__gte=filters.start)
    if filters.end:
        qs = qs.filter(start_date__lte=filters.end)
    if filters.query:
        q = filters.query.strip()[:100]
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(destination_place__icontains=q)
            | Q(destination_institution__icontains=q)
            | Q(purpose__icontains=q)
        )
    if filters.report_overdue:
        qs = overdue_reports(qs)
    return qs.distinct()


def overdue_reports(qs):
    ids = [
        trip.pk
        for trip in qs.filter(status=TripStatus.ISSUED, due_date__isnull=False).select_related("organisation")
        if trip.due_date < organisation_today(trip.organisation)
    ]
    return qs.filter(pk__in=ids)


def office_list(user, filters: TripFilters, *, limit: int = PAGE_SIZE, offset: int = 0):
    rows = list(
        filtered(user, filters)
        .select_related("organisation")
        .prefetch_related("travellers__staff")
        .defer(*LIST_FIELDS_DEFERRED)
        .order_by("-start_date", "-id")[offset : offset + limit + 1]
    )
    return rows[:limit], len(rows) > limit


def filter_staff_choices(user) -> list[Staff]:
    return list(
        Staff.objects.filter(organisation_id__in=whole_office_ids(user), is_active=True).order_by("full_name")
    )


def classification_code_of(organisation) -> str:
    row = TravelSettings.objects.filter(organisation=organisation).first()
    return row.classification_code if row else DEFAULT_CLASSIFICATION


# --- requesting --------------------------------------------------------------------------------------


def offices_for_request(user) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=organisation_ids_with(user, REQUEST)).order_by("name"))


def traveller_choices(user, organisation) -> list[Staff]:
    """Active staff of the office the user may put on a request."""
    candidates = Staff.objects.filter(organisation=organisation, is_active=True).select_related("unit")
    allowed = may_send_ids(user, organisation, candidates)
    return [s for s in candidates.order_by("full_name") if s.pk in allowed]


# --- one trip ----------------------------------------------------------------------------------------


def report_attachments(report: TripReport | None):
    if report is None:
        return []
    from lontar.core.models import StoredFile

    return list(StoredFile.objects.attached_to(report).order_by("id"))


def detail_page(trip: Trip, user) -> dict:
    try:
        report = trip.report
    except TripReport.DoesNotExist:
        report = None
    names = {t.name for t in available_transitions(trip, user)}
    today = organisation_today(trip.organisation)
    if trip.status in (TripStatus.APPROVED, TripStatus.ISSUED) and today >= trip.start_date:
        names.discard("cancel")
    if trip.status == TripStatus.ISSUED and today < trip.start_date:
        names.discard("submit_report")
    return {
        "trip": trip,
        "travellers": list(trip.travellers.select_related("staff")),
        "report": report,
        "attachments": report_attachments(report),
        "history": history(trip),
        "actions": names,
        "may_edit": trip.status == TripStatus.DRAFT and authorize(user, REQUEST, trip),
        "report_overdue": trip.status == TripStatus.ISSUED and trip.due_date and trip.due_date < today,
        "today": today,
    }


# --- who is travelling when --------------------------------------------------------------------------


@dataclass(frozen=True)
class Away:
    staff_id: int
    name: str
    trip_id: int
    number: str
    destination: str
    start: dt.date
    end: dt.date
    status: str


def travellers_between(organisation, start: dt.date, end: dt.date) -> list[Away]:
    """Who of `organisation` is on approved/issued/completed duty travel between `start` and `end`
    (both included), one row per traveller and trip, ordered by start then name. For other modules
    (the leave team calendar): it reads no user scope; the caller has already decided the office."""
    rows = (
        Traveller.objects.filter(
            trip__organisation=organisation,
            trip__status__in=COMMITTED_STATUSES,
            trip__start_date__lte=end,
            trip__end_date__gte=start,
        )
        .select_related("trip", "staff")
        .order_by("trip__start_date", "staff__full_name")
    )
    return [
        Away(
            staff_id=row.staff_id,
            name=row.staff.full_name,
            trip_id=row.trip_id,
            number=row.trip.number,
            destination=row.trip.destination_place,
            start=row.trip.start_date,
            end=row.trip.end_date,
            status=row.trip.status,
        )
        for row in rows
    ]


def excused_travel_days(organisation, staff_ids: list[int], start: dt.date, end: dt.date) -> dict:
    """Days of committed duty travel, for the attendance recap (`attendance.excused`): a traveller is
    not expected to check in while on a surat tugas. `{staff_id: {date: "Dinas luar (nomor)"}}`."""
    found: dict[int, dict[dt.date, str]] = defaultdict(dict)
    for away in travellers_between(organisation, start, end):
        if away.staff_id not in staff_ids:
            continue
        label = _("Dinas luar (%(number)s)") % {"number": away.number} if away.number else _("Dinas luar")
        day = max(away.start, start)
        while day <= min(away.end, end):
            found[away.staff_id].setdefault(day, label)
            day += dt.timedelta(days=1)
    return dict(found)


def calendar_for(user, organisation, start: dt.date, end: dt.date) -> dict:
    """A grid of the office's committed trips: one row per traveller, one cell per day."""
    visible = set(visible_trips(user).filter(organisation=organisation).values_list("pk", flat=True))
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    by_person: dict[int, dict] = {}
    cells: dict[int, dict[dt.date, Away]] = defaultdict(dict)
    for away in travellers_between(organisation, start, end):
        if away.trip_id not in visible:
            continue
        by_person.setdefault(away.staff_id, {"name": away.name, "staff_id": away.staff_id})
        day = max(away.start, start)
        while day <= min(away.end, end):
            cells[away.staff_id][day] = away
            day += dt.timedelta(days=1)
    rows = []
    for staff_id, person in sorted(by_person.items(), key=lambda item: item[1]["name"]):
        rows.append({**person, "cells": [cells[staff_id].get(day) for day in days]})
    calendar = WorkCalendar(organisation)
    off_days = {day for day in days if not calendar.is_working_day(day)}
    return {"days": days, "rows": rows, "off_days": off_days}


def calendar_offices(user) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=organisation_ids_with(user, VIEW_TRIP)).order_by("name"))


# --- dashboard ---------------------------------------------------------------------------------------


def counts_for_dashboard(user) -> dict:
    approver_ids = organisation_ids_with(user, APPROVE)
    to_approve = (
        visible_trips(user)
        .filter(organisation_id__in=approver_ids, status=TripStatus.SUBMITTED)
        .exclude(travellers__staff__user=user)
        .count()
        if approver_ids
        else 0
    )
    to_sign = (
        visible_trips(user)
        .filter(organisation_id__in=approver_ids, status=TripStatus.APPROVED)
        .exclude(travellers__staff__user=user)
        .count()
        if approver_ids
        else 0
    )
    mine_issued = Trip.objects.filter(status=TripStatus.ISSUED, travellers__staff__user=user).select_related(
        "organisation"
    )
    reports_due = 0
    reports_overdue = 0
    for trip in mine_issued:
        today = organisation_today(trip.organisation)
        if trip.start_date <= today:
            reports_due += 1
            if trip.due_date and trip.due_date < today:
                reports_overdue += 1
    return {
        "to_approve": to_approve,
        "to_sign": to_sign,
        "reports_due": reports_due,
        "reports_overdue": reports_overdue,
    }
