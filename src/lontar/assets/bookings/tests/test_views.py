"""Bookings screens and the iCal output (parsed back with the icalendar package)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from lontar.assets.bookings.models import Booking, BookingStatus, CalendarFeed, Resource
from lontar.assets.bookings.services import approve_booking, create_feed, request_booking
from lontar.assets.bookings.tests.factories import Office, at, next_weekday
from lontar.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(district):
    return Office(district)


def _book(office, *, start=9, end=11, user=None):
    day = next_weekday(1)
    return request_booking(
        actor=user or office.staff,
        resource=office.room,
        starts_at=at(day, start),
        ends_at=at(day, end),
        purpose="Rapat Musrenbang",
        attendees_count=20,
    )


def test_request_through_the_form_then_approve_and_see_it_on_the_calendar(client, office):
    day = next_weekday(1)
    client.force_login(office.staff)
    response = client.post(
        reverse("bookings:booking_new"),
        {
            "kantor": office.org.pk,
            "resource": office.room.pk,
            "day": day.isoformat(),
            "start": "13:00",
            "end": "15:00",
            "purpose": "Sosialisasi PBB",
            "attendees_count": "30",
        },
    )
    booking = Booking.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "bookings:booking_detail", args=[booking.pk]
    )
    assert booking.status == BookingStatus.PENDING
    clash = client.post(
        reverse("bookings:booking_new"),
        {
            "kantor": office.org.pk,
            "resource": office.room.pk,
            "day": day.isoformat(),
            "start": "14:00",
            "end": "16:00",
            "purpose": "Lain",
        },
    )
    assert clash.status_code == 400
    assert booking.reference in clash.content.decode()
    client.force_login(office.kasubag)
    assert (
        client.post(
            reverse("bookings:booking_approve", args=[booking.pk]), {"approve-note": "ok"}
        ).status_code
        == 302
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED
    page = client.get(reverse("bookings:calendar"), {"tanggal": day.isoformat()})
    assert "Sosialisasi PBB" in page.content.decode()
    month = client.get(reverse("bookings:calendar"), {"tanggal": day.isoformat(), "tampilan": "bulan"})
    assert "Sosialisasi PBB" in month.content.decode()


def test_staff_cannot_approve_and_reject_needs_a_reason(client, office):
    booking = _book(office)
    client.force_login(office.kasi)
    assert client.post(reverse("bookings:booking_approve", args=[booking.pk])).status_code == 403
    client.force_login(office.kasubag)
    response = client.post(reverse("bookings:booking_reject", args=[booking.pk]), {"reject-reason": ""})
    assert response.status_code == 400


def test_approvals_page_lists_pending(client, office):
    booking = _book(office)
    client.force_login(office.kasubag)
    assert booking.purpose in client.get(reverse("bookings:approvals")).content.decode()


def test_booking_ics_parses_back(client, office):
    booking = _book(office)
    client.force_login(office.staff)
    response = client.get(reverse("bookings:booking_ics", args=[booking.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]).endswith("Aula Kecamatan: Rapat Musrenbang")
    assert event["status"] == "TENTATIVE"
    assert event.decoded("dtstart") == booking.starts_at
    assert event.decoded("dtend") == booking.ends_at
    assert calendar["version"] == "2.0" and "PRODID" in calendar


def test_feed_with_secret_token_and_revocation(client, office):
    booking = _book(office)
    approve_booking(actor=office.kasubag, booking=booking)
    feed, token = create_feed(actor=office.secretary, organisation=office.org)
    assert token not in CalendarFeed.objects.values_list("token_digest", flat=True)
    url = reverse("bookings:feed", args=[token])
    response = client.get(url)  # no sign-in: the token is the key
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [
        f"peminjaman-{booking.pk}@{str(events[0]['uid']).split('@')[1]}"
    ]
    assert events[0]["status"] == "CONFIRMED"
    assert client.get(reverse("bookings:feed", args=["salah" * 5])).status_code == 404
    client.force_login(office.secretary)
    assert client.post(reverse("bookings:feed_revoke", args=[feed.pk])).status_code == 302
    client.logout()
    assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(action="bookings.feed.revoke").exists()


def test_feed_page_shows_the_address_once(client, office):
    client.force_login(office.secretary)
    response = client.post(
        reverse("bookings:feeds"), {"kantor": office.org.pk, "resource": office.room.pk, "label": "HP"}
    )
    shown = re.compile(r"/peminjaman/ical/[A-Za-z0-9_-]{30,}\.ics")
    assert shown.search(response.content.decode())
    assert not shown.search(client.get(reverse("bookings:feeds")).content.decode())
    client.force_login(office.staff)
    assert client.get(reverse("bookings:feeds")).status_code == 403


def test_resource_management(client, office):
    client.force_login(office.admin)
    response = client.post(
        reverse("bookings:resource_create") + f"?kantor={office.org.pk}",
        {
            "kind": "kendaraan",
            "name": "Honda Vario",
            "code": "R2-01",
            "plate_number": "t 5678 xy",
            "seats": 2,
            "order": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    vehicle = Resource.objects.get(code="r2-01")
    assert vehicle.plate_number == "T 5678 XY"
    client.force_login(office.staff)
    assert client.get(reverse("bookings:resource_edit", args=[vehicle.pk])).status_code == 403


def test_vehicle_request_through_the_form_records_destination_and_driver(client, office):
    from lontar.core.models import Staff

    driver = Staff.objects.get(user=office.kasi)
    client.force_login(office.staff)
    response = client.post(
        reverse("bookings:booking_new"),
        {
            "kantor": office.org.pk,
            "resource": office.vehicle.pk,
            "day": next_weekday(3).isoformat(),
            "start": "07:00",
            "end": "12:00",
            "purpose": "Monitoring bantuan",
            "attendees_count": "3",
            "destination": "Kelurahan Mekarsari",
            "driver": driver.pk,
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.destination, booking.driver) == ("Kelurahan Mekarsari", driver)
    detail = client.get(reverse("bookings:booking_detail", args=[booking.pk])).content.decode()
    assert "Kelurahan Mekarsari" in detail
