"""iCalendar (RFC 5545) output of bookings: a feed per office or resource, and one booking's .ics."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vText

from lontar.assets.bookings.models import Booking, BookingStatus

PRODID = "-//Lontar//Peminjaman ruang dan kendaraan//ID"
STATUS = {
    BookingStatus.PENDING: "TENTATIVE",
    BookingStatus.APPROVED: "CONFIRMED",
    BookingStatus.COMPLETED: "CONFIRMED",
    BookingStatus.CANCELLED: "CANCELLED",
    BookingStatus.REJECTED: "CANCELLED",
}


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "") and not h.startswith(".")]
    return hosts[0] if hosts else "lontar.local"


def _event(booking: Booking, base_url: str) -> Event:
    event = Event()
    event.add("uid", f"peminjaman-{booking.pk}@{_host()}")
    event.add("dtstamp", booking.status_changed_at or booking.created_at or timezone.now())
    event.add("dtstart", booking.starts_at.astimezone(dt.UTC))
    event.add("dtend", booking.ends_at.astimezone(dt.UTC))
    summary = f"{booking.resource.name}: {booking.purpose}"
    if booking.status == BookingStatus.PENDING:
        summary = f"[{booking.get_status_display()}] {summary}"
    event.add("summary", summary)
    event.add("status", STATUS[booking.status])
    location = booking.destination if booking.resource.is_vehicle else booking.resource.location
    if location:
        event.add("location", location)
    lines = [
        f"{booking.reference} - {booking.get_status_display()}",
        f"Pemohon: {booking.requested_by.display_name}",
    ]
    if booking.attendees_count:
        lines.append(f"Peserta/penumpang: {booking.attendees_count}")
    if booking.resource.is_vehicle and booking.resource.plate_number:
        lines.append(f"Nomor polisi: {booking.resource.plate_number}")
    if booking.on_non_working_day:
        lines.append("Di luar hari kerja")
    event.add("description", vText("\n".join(lines)))
    event.add("categories", [booking.resource.get_kind_display()])
    if base_url:
        event.add("url", base_url.rstrip("/") + reverse("bookings:booking_detail", args=[booking.pk]))
    return event


def calendar_bytes(bookings, *, name: str, base_url: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    for booking in bookings:
        calendar.add_component(_event(booking, base_url))
    return calendar.to_ical()
