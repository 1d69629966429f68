"""Times of bookings in the office's time zone (WIB, WITA, WIT)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format

ZONE_ABBREVIATIONS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def zone_of(organisation) -> ZoneInfo:
    return ZoneInfo(organisation.timezone)


def zone_label(organisation) -> str:
    return ZONE_ABBREVIATIONS.get(organisation.timezone, organisation.timezone)


def aware(value: datetime, organisation) -> datetime:
    """`value` as an aware datetime; a naive one is read as the office's wall-clock time."""
    if timezone.is_naive(value):
        return timezone.make_aware(value, zone_of(organisation))
    return value


def local(value: datetime, organisation) -> datetime:
    return timezone.localtime(value, zone_of(organisation))


def day_start(day: date, organisation) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone_of(organisation))


def local_days(starts_at: datetime, ends_at: datetime, organisation) -> list[date]:
    """The office-calendar days a half-open span [starts_at, ends_at) touches."""
    first = local(starts_at, organisation).date()
    last = local(ends_at - timedelta(microseconds=1), organisation).date()
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def format_span(starts_at: datetime, ends_at: datetime, organisation) -> str:
    """Like "Selasa, 24 November 2026 09.00-11.00 WIB"; both dates when the span crosses midnight."""
    start, end = local(starts_at, organisation), local(ends_at, organisation)
    zone = zone_label(organisation)
    if start.date() == end.date() or (end - start <= timedelta(days=1) and end.time() == time.min):
        end_text = "24.00" if end.date() != start.date() else end.strftime("%H.%M")
        return f"{date_format(start, 'l, j F Y')} {start.strftime('%H.%M')}\u2013{end_text} {zone}"
    return (
        f"{date_format(start, 'l, j F Y')} {start.strftime('%H.%M')} \u2013 "
        f"{date_format(end, 'l, j F Y')} {end.strftime('%H.%M')} {zone}"
    )
