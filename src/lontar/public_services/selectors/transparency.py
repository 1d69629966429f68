"""Figures of the public transparency dashboard (kinerja layanan): per office and per service.

Definitions (the page explains them to citizens in the same words):

* **received** (diterima) in a month: applications submitted in that month, in the office's time zone.
  Drafts were never submitted; applications the citizen cancelled are left out.
* **completed** (selesai): applications whose result became ready in the month (`completed_at`).
* **rejected** (ditolak): applications rejected in the month, counted apart from the completed ones.
* **duration** (lama penyelesaian): `Application.completed_working_days`, working days from submission to
  completion *without* the days the application waited for the citizen's correction.
* **median / p90** by the nearest-rank rule: the smallest duration within which at least half (nine in
  ten) of the month's completed applications were finished. For 1, 2, 3, 4 days the median is 2 and the
  p90 is 4.
* **on time** (tepat waktu): completed on or before its due date (which moved by the correction days);
  the share is on-time completions over all completions of the month.

Counting happens in SQL: one grouped query per figure over the last twelve months, returning
(service, month, duration, on time, count) rows, so the percentiles come exactly from that small
histogram, never from the individual rows. The result is cached per office for a few minutes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lontar.core.models import Organisation
from lontar.core.workdays.calendar import organisation_today
from lontar.public_services.models import (
    DONE_STATUSES,
    Application,
    ApplicationStatus,
    Service,
    ServiceStandard,
)

MONTHS = 12
CACHE_SECONDS = 300
NOT_RECEIVED = (ApplicationStatus.DRAFT, ApplicationStatus.CANCELLED)


def nearest_rank(histogram: dict[int, int], share: float) -> int | None:
    """The smallest value v with at least `share` of all counts at or below v (None when empty)."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = max(1, math.ceil(share * total))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return None  # pragma: no cover - unreachable: the counts add up to total


@dataclass
class Month:
    """One month of one service (or of the whole office)."""

    start: dt.date
    received: int = 0
    completed: int = 0
    rejected: int = 0
    on_time: int = 0
    durations: dict[int, int] = field(default_factory=dict)

    def add_completions(self, days: int | None, on_time: bool | None, count: int) -> None:
        self.completed += count
        if on_time:
            self.on_time += count
        if days is not None:
            self.durations[days] = self.durations.get(days, 0) + count

    def merge(self, other: Month) -> None:
        self.received += other.received
        self.rejected += other.rejected
        self.completed += other.completed
        self.on_time += other.on_time
        for days, count in other.durations.items():
            self.durations[days] = self.durations.get(days, 0) + count

    @property
    def median(self) -> int | None:
        return nearest_rank(self.durations, 0.5)

    @property
    def p90(self) -> int | None:
        return nearest_rank(self.durations, 0.9)

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.on_time / self.completed) if self.completed else None


@dataclass
class ServiceFigures:
    service_id: int | None
    name: str
    standard_days: int | None
    months: list[Month]

    @property
    def this_month(self) -> Month:
        return self.months[-1]

    @property
    def busiest(self) -> int:
        return max([m.completed for m in self.months] + [m.received for m in self.months] + [1])

    def bars(self, height: int = 40, width: int = 10) -> list[dict]:
        """Geometry of the trend chart (an inline SVG, no script): per month a bar of completions,
        its on-time part drawn darker, and a tick at the number received."""
        scale = height / self.busiest
        bars = []
        for i, month in enumerate(self.months):
            done = round(month.completed * scale, 1)
            timely = round(month.on_time * scale, 1)
            bars.append(
                {
                    "month": month,
                    "x": i * width + 1,
                    "width": width - 2,
                    "done_y": round(height - done, 1),
                    "done_h": done,
                    "on_time_y": round(height - timely, 1),
                    "on_time_h": timely,
                    "received_y": round(height - month.received * scale, 1),
                }
            )
        return bars


@dataclass
class OfficeFigures:
    organisation_id: int
    name: str
    today: dt.date
    services: list[ServiceFigures]
    total: ServiceFigures


def month_starts(today: dt.date, count: int = MONTHS) -> list[dt.date]:
    """The first days of the last `count` months, oldest first, ending with today's month."""
    starts = []
    year, month = today.year, today.month
    for _ in range(count):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _moment(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=zone)


def _month_of(value, zone: ZoneInfo) -> dt.date:
    """TruncMonth's value as the first day of the month in the office's zone (backends differ in
    whether they return an aware datetime, a naive one in the zone, or a date)."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(zone)
        value = value.date()
    return value.replace(day=1)


def public_offices():
    """Active offices that publish at least one service, for the dashboard's office picker."""
    published = Service.objects.filter(is_published=True, is_active=True).values("organisation_id")
    return Organisation.objects.filter(is_active=True, pk__in=published).order_by("path", "name")


def public_office_or_404(org_id: int) -> Organisation:
    return get_object_or_404(public_offices(), pk=org_id)


def _published_services(organisation):
    services = list(
        Service.objects.filter(organisation=organisation, is_published=True, is_active=True).order_by(
            "order", "name"
        )
    )
    today = organisation_today(organisation)
    days = {}
    for standard in (
        ServiceStandard.objects.in_force_on(today)
        .filter(service__in=services)
        .order_by("service_id", "version")
        .only("service_id", "processing_days")
    ):
        days[standard.service_id] = standard.processing_days  # the newest version wins
    return services, days


def compute_office_figures(organisation: Organisation, today: dt.date | None = None) -> OfficeFigures:
    """The figures of one office for the twelve months ending with `today`'s month (uncached)."""
    zone = ZoneInfo(organisation.timezone)
    today = today or organisation_today(organisation)
    starts = month_starts(today)
    since, until = _moment(starts[0], zone), _moment(_next_month(starts[-1]), zone)
    services, standard_days = _published_services(organisation)
    rows = {
        s.pk: ServiceFigures(s.pk, s.name, standard_days.get(s.pk), [Month(m) for m in starts])
        for s in services
    }
    index = {m: i for i, m in enumerate(starts)}
    applications = Application.objects.filter(organisation=organisation, service_id__in=list(rows))

    def month_rows(moment_field: str, condition: Q, *extra: str):
        return (
            applications.filter(condition, **{f"{moment_field}__gte": since, f"{moment_field}__lt": until})
            .annotate(month=TruncMonth(moment_field, tzinfo=zone))
            .values("service_id", "month", *extra)
            .annotate(n=Count("id"))
            .order_by()
        )

    for row in month_rows("submitted_at", ~Q(status__in=NOT_RECEIVED)):
        rows[row["service_id"]].months[index[_month_of(row["month"], zone)]].received += row["n"]
    for row in month_rows("status_changed_at", Q(status=ApplicationStatus.REJECTED)):
        rows[row["service_id"]].months[index[_month_of(row["month"], zone)]].rejected += row["n"]
    for row in month_rows("completed_at", Q(status__in=DONE_STATUSES), "completed_working_days", "on_time"):
        month = rows[row["service_id"]].months[index[_month_of(row["month"], zone)]]
        month.add_completions(row["completed_working_days"], row["on_time"], row["n"])

    total = ServiceFigures(None, organisation.name, None, [Month(m) for m in starts])
    for figures in rows.values():
        for i, month in enumerate(figures.months):
            total.months[i].merge(month)
    return OfficeFigures(organisation.pk, organisation.name, today, list(rows.values()), total)


def office_figures(organisation: Organisation) -> OfficeFigures:
    """`compute_office_figures` for today, cached for `CACHE_SECONDS` per office and day."""
    today = organisation_today(organisation)
    key = f"public_services:transparency:office:{organisation.pk}:{today.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = compute_office_figures(organisation, today)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


@dataclass
class OfficeSummary:
    organisation_id: int
    name: str
    received: int = 0
    completed: int = 0
    rejected: int = 0
    on_time: int = 0

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.on_time / self.completed) if self.completed else None


def _office_counts(applications, window: dict, moment_field: str, condition: Q, *extra: str):
    moments = {f"{moment_field}__gte": window["since"], f"{moment_field}__lt": window["until"]}
    return applications.filter(condition, **moments).values("organisation_id", *extra).annotate(n=Count("id"))


def compute_offices_summary() -> list[OfficeSummary]:
    """This month's counts of every public office, three grouped queries for all offices together
    (offices in other time zones get their own month boundaries)."""
    offices = list(public_offices())
    summaries = {o.pk: OfficeSummary(o.pk, o.name) for o in offices}
    by_zone: dict[str, list[Organisation]] = {}
    for office in offices:
        by_zone.setdefault(office.timezone, []).append(office)
    for zone_name, group in by_zone.items():
        zone = ZoneInfo(zone_name)
        first = organisation_today(group[0]).replace(day=1)
        since, until = _moment(first, zone), _moment(_next_month(first), zone)
        published = Service.objects.filter(is_published=True, is_active=True).values("pk")
        applications = Application.objects.filter(organisation__in=group, service_id__in=published).order_by()
        window = {"since": since, "until": until}
        for row in _office_counts(applications, window, "submitted_at", ~Q(status__in=NOT_RECEIVED)):
            summaries[row["organisation_id"]].received += row["n"]
        for row in _office_counts(
            applications, window, "status_changed_at", Q(status=ApplicationStatus.REJECTED)
        ):
            summaries[row["organisation_id"]].rejected += row["n"]
        for row in _office_counts(
            applications, window, "completed_at", Q(status__in=DONE_STATUSES), "on_time"
        ):
            summary = summaries[row["organisation_id"]]
            summary.completed += row["n"]
            if row["on_time"]:
                summary.on_time += row["n"]
    return list(summaries.values())


def offices_summary() -> list[OfficeSummary]:
    key = f"public_services:transparency:offices:{timezone.localdate().isoformat()}"
    summary = cache.get(key)
    if summary is None:
        summary = compute_offices_summary()
        cache.set(key, summary, CACHE_SECONDS)
    return summary
