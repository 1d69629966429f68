"""Reads of the counter: when it is open, which days and slots can still be booked, today's queue.

Counting is per day and office, a few hundred rows at most, so the availability of a day is one grouped
query; no per-slot loop reaches the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lontar.core.permissions import organisation_ids_with
from lontar.core.workdays.calendar import WorkCalendar, organisation_today
from lontar.public_services.models import (
    Application,
    CounterSettings,
    Requirement,
    Service,
    ServiceStandard,
    Visit,
    VisitStatus,
)

# Visits that still hold their place in the day's quota and in their slot.
HOLDING = (VisitStatus.BOOKED, VisitStatus.CHECKED_IN, VisitStatus.CALLED, VisitStatus.SERVED)
# Tickets still waiting to be served today.
WAITING = (VisitStatus.BOOKED, VisitStatus.CHECKED_IN)
# The key of the walk-in application's data that lists the paper requirements the officer saw.
CHECKED_REQUIREMENTS_KEY = "_persyaratan_diperiksa"


def counter_settings(organisation) -> CounterSettings:
    """The office's counter settings, or the defaults (unsaved) when the office never set them."""
    found = CounterSettings.objects.filter(organisation=organisation).first()
    return found or CounterSettings(organisation=organisation)


def office_now(organisation) -> dt.datetime:
    """The current moment on the office's clock (WIB, WITA or WIT)."""
    return timezone.localtime(timezone.now(), ZoneInfo(organisation.timezone))


def slot_starts(settings: CounterSettings) -> list[dt.time]:
    """Start times of the day's sessions: from opening, every `slot_minutes`, while a whole session
    still fits before closing (a last, shorter session is not offered)."""
    opens = _as_time(settings.opens_at)
    closes = _as_time(settings.closes_at)
    step = dt.timedelta(minutes=max(5, settings.slot_minutes))
    day = dt.date(2000, 1, 1)
    start = dt.datetime.combine(day, opens)
    end = dt.datetime.combine(day, closes)
    starts = []
    while start + step <= end:
        starts.append(start.time())
        start += step
    return starts


def slot_end(settings: CounterSettings, start: dt.time) -> dt.time:
    moment = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=settings.slot_minutes)
    return moment.time()


def _as_time(value) -> dt.time:
    return dt.time.fromisoformat(value) if isinstance(value, str) else value


def slot_has_started(organisation, day: dt.date, start: dt.time) -> bool:
    now = office_now(organisation)
    return (day, start) <= (now.date(), now.time().replace(tzinfo=None))


def closed_reason(organisation, day: dt.date) -> str:
    """Why the counter is closed on `day` ("" on a working day)."""
    if day.weekday() in (5, 6):
        return _("akhir pekan")
    off = WorkCalendar(organisation).day_off(day)
    if off is None:
        return ""
    return off.description or off.kind_label


def day_text(day: dt.date) -> str:
    return date_format(day, "l, j F Y")


def day_refusal(service: Service, day: dt.date) -> str:
    """Why `day` cannot be booked, in words for the citizen ("" when it can)."""
    if day in bookable_days(service):
        return ""
    organisation = service.organisation
    today = organisation_today(organisation)
    reason = closed_reason(organisation, day)
    if day < today:
        message = _("Tanggal %(tanggal)s sudah lewat. Pilih tanggal lain.")
    elif reason:
        message = _("Loket tidak buka pada %(tanggal)s (%(alasan)s). Pilih hari kerja lain.")
    elif day == today:
        message = _("Semua sesi hari ini sudah dimulai. Pilih hari kerja berikutnya.")
    else:
        message = _(
            "Antrean hanya dapat dipesan paling lama %(hari)s hari kerja ke depan. Pilih tanggal yang "
            "lebih dekat."
        )
    return message % {
        "tanggal": day_text(day),
        "alasan": reason,
        "hari": counter_settings(organisation).booking_days_ahead,
    }


def bookable_days(service: Service) -> list[dt.date]:
    """Working days from today up to `booking_days_ahead` working days ahead; today only while one of
    its sessions has not started yet."""
    organisation = service.organisation
    settings = counter_settings(organisation)
    calendar = WorkCalendar(organisation)
    today = organisation_today(organisation)
    last = calendar.add_working_days(today, settings.booking_days_ahead)
    days = []
    day = today
    while day <= last:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    starts = slot_starts(settings)
    if days and days[0] == today and all(slot_has_started(organisation, today, s) for s in starts):
        days.pop(0)
    return days


@dataclass(frozen=True)
class DayAvailability:
    day: dt.date
    remaining: int

    @property
    def is_full(self) -> bool:
        return self.remaining <= 0


@dataclass(frozen=True)
class SlotAvailability:
    start: dt.time
    end: dt.time
    remaining: int
    started: bool

    @property
    def bookable(self) -> bool:
        return self.remaining > 0 and not self.started


def booked_per_day(service: Service, days: list[dt.date]) -> dict[dt.date, int]:
    rows = (
        Visit.objects.filter(service=service, day__in=days, is_walk_in=False, status__in=HOLDING)
        .values("day")
        .annotate(n=Count("id"))
    )
    return {row["day"]: row["n"] for row in rows}


def days_with_room(service: Service) -> list[DayAvailability]:
    days = bookable_days(service)
    booked = booked_per_day(service, days)
    return [DayAvailability(day, max(0, service.daily_quota - booked.get(day, 0))) for day in days]


def booked_per_slot(organisation, day: dt.date) -> dict[dt.time, int]:
    rows = (
        Visit.objects.filter(organisation=organisation, day=day, slot_start__isnull=False, status__in=HOLDING)
        .values("slot_start")
        .annotate(n=Count("id"))
    )
    return {row["slot_start"]: row["n"] for row in rows}


def slots_on(service: Service, day: dt.date) -> list[SlotAvailability]:
    """The day's sessions with the places left in each (slots are shared by the office's services)."""
    organisation = service.organisation
    settings = counter_settings(organisation)
    taken = booked_per_slot(organisation, day)
    return [
        SlotAvailability(
            start,
            slot_end(settings, start),
            max(0, settings.visits_per_slot - taken.get(start, 0)),
            slot_has_started(organisation, day, start),
        )
        for start in slot_starts(settings)
    ]


def ticket_label(visit: Visit, prefix: str | None = None) -> str:
    """ "A-012": the office's prefix and the day's queue number."""
    if prefix is None:
        prefix = counter_settings(visit.organisation).queue_prefix
    return f"{prefix}-{visit.queue_number:03d}" if prefix else f"{visit.queue_number:03d}"


# --- the citizen's side ---------------------------------------------------------------------------


def bookable_service_or_404(org_id: int, code: str) -> Service:
    service = (
        Service.objects.select_related("organisation")
        .filter(
            organisation_id=org_id,
            code=code,
            is_active=True,
            is_published=True,
            accepts_booking=True,
            organisation__is_active=True,
        )
        .first()
    )
    if service is None:
        raise Http404
    return service


def visit_by_code_or_404(code: str) -> Visit:
    visit = (
        Visit.objects.select_related("service", "organisation")
        .filter(code=(code or "").strip().upper())
        .first()
    )
    if visit is None:
        raise Http404
    return visit


# --- the office's side ----------------------------------------------------------------------------


def offices_with(user, action: str):
    from lontar.core.models import Organisation

    return Organisation.objects.filter(pk__in=organisation_ids_with(user, action)).order_by("path")


def office_or_404(user, action: str, org_id=None):
    """One of the offices where the user may do `action`: the one asked for, or the first."""
    offices = list(offices_with(user, action))
    if not offices:
        raise Http404
    if org_id in (None, ""):
        return offices[0]
    for office in offices:
        if str(office.pk) == str(org_id):
            return office
    raise Http404


def counter_services(user, action: str):
    """Active services of the offices where the user may do `action`, office by office."""
    return (
        Service.objects.filter(organisation_id__in=organisation_ids_with(user, action), is_active=True)
        .select_related("organisation")
        .order_by("organisation__path", "order", "name")
    )


def counter_service_or_404(user, action: str, pk) -> Service:
    try:
        return counter_services(user, action).get(pk=pk)
    except (Service.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def standard_for(service: Service) -> ServiceStandard | None:
    day = organisation_today(service.organisation)
    return (
        ServiceStandard.objects.in_force_on(day)
        .filter(service=service)
        .prefetch_related("requirements", "form_fields")
        .order_by("-version")
        .first()
    )


def todays_queue(organisation):
    today = organisation_today(organisation)
    return (
        Visit.objects.filter(organisation=organisation, day=today)
        .select_related("service", "application")
        .order_by("queue_number")
    )


def called_tickets(organisation, limit: int = 6):
    today = organisation_today(organisation)
    return (
        Visit.objects.filter(organisation=organisation, day=today, status=VisitStatus.CALLED)
        .select_related("service", "served_by")
        .order_by("-called_at", "-queue_number")[:limit]
    )


def waiting_count(organisation) -> int:
    today = organisation_today(organisation)
    return Visit.objects.filter(organisation=organisation, day=today, status__in=WAITING).count()


def visit_for_staff_or_404(user, action: str, pk) -> Visit:
    try:
        return Visit.objects.select_related("service", "organisation").get(
            pk=pk, organisation_id__in=organisation_ids_with(user, action)
        )
    except (Visit.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def visit_for_check_in(user, action: str, code: str) -> Visit | None:
    return (
        Visit.objects.select_related("service", "organisation")
        .filter(code=code, organisation_id__in=organisation_ids_with(user, action))
        .first()
    )


# --- receipts ---------------------------------------------------------------------------------------


def application_for_receipt_or_404(user, action: str, pk) -> Application:
    try:
        return Application.objects.select_related("organisation", "service", "standard", "registered_by").get(
            pk=pk, organisation_id__in=organisation_ids_with(user, action)
        )
    except (Application.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def checked_requirements(application: Application) -> list[Requirement]:
    """The paper requirements the officer saw at the counter, in the standard's order."""
    ids = application.data.get(CHECKED_REQUIREMENTS_KEY) or []
    return list(application.standard.requirements.filter(pk__in=ids).order_by("order", "id"))


def scanned_requirement_ids(application: Application) -> set[int]:
    return set(
        application.uploads.filter(superseded_at__isnull=True).values_list("requirement_id", flat=True)
    )
