"""The meeting as an iCalendar (RFC 5545) event: METHOD:REQUEST for invitations, CANCEL when called off.

The UID is stable per meeting (`rapat-<pk>@<host>`) and SEQUENCE rises with every change of time,
place or status, so calendar programs update the event they already hold instead of adding another.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Lontar//Rapat//ID"


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "") and not h.startswith(".")]
    return hosts[0] if hosts else "lontar.local"


def uid_of(meeting) -> str:
    return f"rapat-{meeting.pk}@{_host()}"


def meeting_ics(meeting, *, invitees=(), method: str = "REQUEST", url: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    event = Event()
    event.add("uid", uid_of(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(dt.UTC))
    event.add("dtend", meeting.ends_at.astimezone(dt.UTC))
    event.add("summary", meeting.title)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    location = meeting.location_text
    if location:
        event.add("location", location)
    description = [meeting.agenda]
    if meeting.online_url:
        description.append(f"Tautan rapat daring: {meeting.online_url}")
    if url:
        description.append(url)
        event.add("url", url)
    event.add("description", vText("\n\n".join(description)))
    organiser_email = getattr(meeting.organiser, "email", "") or settings.DEFAULT_FROM_EMAIL
    organiser = vCalAddress(f"mailto:{organiser_email}")
    organiser.params["cn"] = vText(meeting.organiser.display_name)
    event.add("organizer", organiser)
    for invitee in invitees:
        if not invitee.email:
            continue
        attendee = vCalAddress(f"mailto:{invitee.email}")
        attendee.params["cn"] = vText(invitee.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()
