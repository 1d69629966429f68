"""Reads of resources, bookings and feeds; every list filtered in SQL to the user's offices."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from lontar.assets.bookings import timing
from lontar.assets.bookings.models import ACTIVE_STATUSES, Booking, BookingStatus, CalendarFeed, Resource
from lontar.assets.bookings.permissions import (
    APPROVE_BOOKING,
    MANAGE_FEEDS,
    OFFICE_DECIDERS,
    REQUEST_BOOKING,
    VIEW_BOOKINGS,
    units_of,
)
from lontar.core.models import Organisation, Staff, Unit
from lontar.core.permissions import get_visible_or_404, organisation_ids_with, roles_in
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.core.workflow.services import history as workflow_history


def resources_of(user, organisation=None) -> QuerySet[Resource]:
    """Resources the user may see (all, inactive included), of one office or of all theirs."""
    qs = Resource.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_BOOKINGS))
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.select_related("organisation", "manager_unit", "default_driver")


def bookable_resources(user, organisation, kind=None) -> QuerySet[Resource]:
    """Active resources of `organisation` that `user` may request (empty when they may not)."""
    if organisation is None or organisation.pk not in organisation_ids_with(user, REQUEST_BOOKING):
        return Resource.objects.none()
    qs = Resource.objects.filter(organisation=organisation, is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("organisation", "default_driver")


def conflicts(resource: Resource, starts_at: datetime, ends_at: datetime) -> QuerySet[Booking]:
    """Active (pending or approved) bookings of `resource` overlapping [starts_at, ends_at)."""
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at, timezone.get_default_timezone())
    if timezone.is_naive(ends_at):
        ends_at = timezone.make_aware(ends_at, timezone.get_default_timezone())
    return (
        Booking.objects.filter(resource=resource, status__in=ACTIVE_STATUSES)
        .overlapping(starts_at, ends_at)
        .select_related("requested_by", "resource")
        .order_by("starts_at")
    )


def _visible_bookings(user) -> QuerySet[Booking]:
    return Booking.objects.filter(
        organisation_id__in=organisation_ids_with(user, VIEW_BOOKINGS)
    ).select_related("resource", "organisation", "requested_by", "requested_by__staff", "unit", "driver")


def booking_for(user, pk) -> Booking:
    return get_visible_or_404(user, _visible_bookings(user), VIEW_BOOKINGS, pk=pk)


def bookings_between(
    user,
    organisation: Organisation,
    starts_at: datetime,
    ends_at: datetime,
    *,
    resource: Resource | None = None,
    include_inactive: bool = False,
) -> QuerySet[Booking]:
    """Bookings of an office overlapping a window (the calendar): active ones and completed trips."""
    qs = _visible_bookings(user).filter(organisation=organisation).overlapping(starts_at, ends_at)
    if not include_inactive:
        qs = qs.filter(status__in=[*ACTIVE_STATUSES, BookingStatus.COMPLETED])
    if resource is not None:
        qs = qs.filter(resource=resource)
    return qs.order_by("starts_at", "resource__order", "pk")


def user_bookings(user, *, status: str = "") -> QuerySet[Booking]:
    qs = _visible_bookings(user).filter(requested_by=user)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-starts_at")


def _decidable_filter(user) -> Q:
    """Bookings whose resources `user` manages: every resource where they are Camat/Sekcam, the
    resources of their unit where they are a section head."""
    if user.is_superuser:
        return Q()
    org_ids = organisation_ids_with(user, APPROVE_BOOKING)
    whole: list[int] = []
    partial = Q(pk__in=[])
    for org in Organisation.objects.filter(pk__in=org_ids):
        if roles_in(user, org) & OFFICE_DECIDERS:
            whole.append(org.pk)
        else:
            partial |= Q(organisation=org, resource__manager_unit_id__in=units_of(user, org))
    return Q(organisation_id__in=whole) | partial


def pending_for(user) -> QuerySet[Booking]:
    """Pending requests this user may approve or reject, the oldest first."""
    if not organisation_ids_with(user, APPROVE_BOOKING):
        return Booking.objects.none()
    return (
        _visible_bookings(user)
        .filter(_decidable_filter(user), status=BookingStatus.PENDING)
        .order_by("starts_at", "pk")
    )


def open_trips_for(user) -> QuerySet[Booking]:
    """Approved vehicle bookings that ended without a recorded return."""
    if not organisation_ids_with(user, APPROVE_BOOKING):
        return Booking.objects.none()
    return _visible_bookings(user).filter(
        _decidable_filter(user),
        status=BookingStatus.APPROVED,
        resource__kind="kendaraan",
        ends_at__lt=timezone.now(),
    )


def counts_for_dashboard(user) -> dict[str, int]:
    return {"pending": pending_for(user).count(), "open_trips": open_trips_for(user).count()}


def feeds_of(user, organisation) -> QuerySet[CalendarFeed]:
    if organisation.pk not in organisation_ids_with(user, MANAGE_FEEDS):
        return CalendarFeed.objects.none()
    return CalendarFeed.objects.filter(organisation=organisation).select_related("resource", "created_by")


def offices_for_calendar(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, VIEW_BOOKINGS)).order_by("path")


@dataclass
class CalendarDay:
    day: date
    bookings: list = field(default_factory=list)
    is_working_day: bool = True
    day_off: str = ""
    in_month: bool = True
    is_today: bool = False


def calendar_days(
    user,
    organisation: Organisation,
    first: date,
    last: date,
    *,
    resource: Resource | None = None,
    month: int = 0,
) -> list[CalendarDay]:
    """Each office-calendar day from `first` to `last` with the bookings that touch it."""
    window = bookings_between(
        user,
        organisation,
        timing.day_start(first, organisation),
        timing.day_start(last + timedelta(days=1), organisation),
        resource=resource,
    )
    calendar = WorkCalendar(organisation)
    today = organisation_today(organisation)
    days = {}
    day = first
    while day <= last:
        off = calendar.day_off(day)
        days[day] = CalendarDay(
            day,
            is_working_day=calendar.is_working_day(day),
            day_off=off.description if off else "",
            in_month=not month or day.month == month,
            is_today=day == today,
        )
        day += timedelta(days=1)
    for booking in window:
        booking.local_start = timing.local(booking.starts_at, organisation)
        booking.local_end = timing.local(booking.ends_at, organisation)
        for touched in timing.local_days(booking.starts_at, booking.ends_at, organisation):
            if touched in days:
                days[touched].bookings.append(booking)
    return list(days.values())


def staff_of_office(organisation):
    return Staff.objects.filter(organisation=organisation, is_active=True).order_by("full_name")


def units_of_office(organisation):
    return Unit.objects.filter(organisation=organisation).order_by("order", "name")


def feed_bookings(feed: CalendarFeed) -> QuerySet[Booking]:
    """What a feed publishes: the office's (or resource's) bookings from 60 days ago to a year ahead."""
    now = timezone.now()
    qs = Booking.objects.filter(
        organisation=feed.organisation,
        ends_at__gte=now - timedelta(days=60),
        starts_at__lte=now + timedelta(days=366),
        status__in=[*ACTIVE_STATUSES, BookingStatus.COMPLETED, BookingStatus.CANCELLED],
    ).select_related("resource", "requested_by", "requested_by__staff", "organisation")
    if feed.resource_id:
        qs = qs.filter(resource_id=feed.resource_id)
    return qs.order_by("starts_at")


def feed_for(user, pk) -> CalendarFeed:
    return get_visible_or_404(user, CalendarFeed.objects.select_related("organisation"), MANAGE_FEEDS, pk=pk)


def history_of(booking: Booking):
    return workflow_history(booking)


def bookings_for_source(source) -> QuerySet[Booking]:
    """The bookings an object (a meeting ...) caused, newest first (not scoped: the caller already
    holds the source object, which its own module scoped)."""
    from django.contrib.contenttypes.models import ContentType

    source_type = ContentType.objects.get_for_model(source, for_concrete_model=False)
    return (
        Booking.objects.filter(source_type=source_type, source_id=str(source.pk))
        .select_related("resource")
        .order_by("-created_at", "-pk")
    )
