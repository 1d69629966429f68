"""Bookings URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A gets a room and a vehicle managed by its unit, a pending room booking and an approved vehicle
trip, and an iCal feed link. The public feed address is aimed at a WRONG token: without the secret it
must answer 404 and show nothing of office A.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from lontar.assets.bookings.models import Resource, ResourceKind
from lontar.assets.bookings.services import approve_booking, create_feed, request_booking
from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.isolation_registry import OfficeA, Route


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    room = office.add(
        "booking_room",
        Resource.objects.create(
            organisation=org,
            kind=ResourceKind.ROOM,
            code="isolasi-ruang",
            name=office.marker("booking_room_name"),
            location=office.marker("booking_room_location"),
            capacity=20,
            manager_unit=office.unit,
        ),
    )
    vehicle = office.add(
        "booking_vehicle",
        Resource.objects.create(
            organisation=org,
            kind=ResourceKind.VEHICLE,
            code="isolasi-kb",
            name=office.marker("booking_vehicle_name"),
            plate_number="B 1 ISO",
            seats=6,
            manager_unit=office.unit,
        ),
    )
    requester = member(org, Role.STAFF, full_name=office.marker("booking_requester"))
    manager = member(org, Role.SECRETARY, full_name=office.marker("booking_manager"))
    start = (timezone.now() + dt.timedelta(days=7)).replace(hour=2, minute=0, second=0, microsecond=0)
    office.add(
        "booking",
        request_booking(
            actor=requester,
            resource=room,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            purpose=office.marker("booking_purpose"),
        ),
    )
    trip = request_booking(
        actor=requester,
        resource=vehicle,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=5),
        purpose=office.marker("booking_trip_purpose"),
        destination=office.marker("booking_destination"),
    )
    approve_booking(actor=manager, booking=trip)
    office.add("booking_trip", trip)
    feed, _token = create_feed(actor=manager, organisation=org, label=office.marker("booking_feed_label"))
    office.add("booking_feed", feed)


def _pk(office: OfficeA) -> dict:
    return {"pk": office.booking.pk}


def _trip(office: OfficeA) -> dict:
    return {"pk": office.booking_trip.pk}


ROUTES: dict[str, Route] = {
    "bookings:calendar": Route(),
    "bookings:booking_new": Route(
        post_data=lambda office: {
            "resource": office.booking_room.pk,
            "day": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
            "start": "09:00",
            "end": "10:00",
            "purpose": "Selundupan",
        }
    ),
    "bookings:approvals": Route(),
    "bookings:mine": Route(),
    "bookings:booking_detail": Route(kwargs=_pk),
    "bookings:booking_approve": Route(kwargs=_pk, post_data=lambda office: {"approve-note": "diambil alih"}),
    "bookings:booking_reject": Route(kwargs=_pk, post_data=lambda office: {"reject-reason": "diambil alih"}),
    "bookings:booking_cancel": Route(kwargs=_pk, post_data=lambda office: {"cancel-reason": "diambil alih"}),
    "bookings:booking_return": Route(kwargs=_trip, post_data=lambda office: {"return-note": "diambil alih"}),
    "bookings:booking_ics": Route(kwargs=_pk),
    "bookings:resource_list": Route(),
    "bookings:resource_create": Route(
        post_data=lambda office: {"kind": "ruang", "name": "Selundupan", "code": "selundupan", "order": 0}
    ),
    "bookings:resource_edit": Route(
        kwargs=lambda office: {"pk": office.booking_room.pk},
        post_data=lambda office: {
            "kind": "ruang",
            "name": "Diambil alih",
            "code": "isolasi-ruang",
            "order": 0,
        },
    ),
    "bookings:feeds": Route(post_data=lambda office: {"label": "Selundupan"}),
    "bookings:feed_revoke": Route(kwargs=lambda office: {"pk": office.booking_feed.pk}),
    "bookings:feed": Route(
        kwargs=lambda office: {"token": "token-yang-salah-0123456789abcdef"},
        public="iCal feed for calendar apps; only the secret token opens it, a wrong one answers 404",
    ),
    "api:booking-resource-list": Route(),
    "api:booking-resource-detail": Route(kwargs=lambda office: {"pk": office.booking_room.pk}),
    "api:booking-list": Route(
        post_data=lambda office: {
            "resource": office.booking_room.pk,
            "starts_at": (timezone.now() + dt.timedelta(days=30)).isoformat(),
            "ends_at": (timezone.now() + dt.timedelta(days=30, hours=1)).isoformat(),
            "purpose": "Selundupan",
        }
    ),
    "api:booking-detail": Route(kwargs=_pk),
    "api:booking-approve": Route(kwargs=_pk, post_data=lambda office: {"note": "diambil alih"}),
    "api:booking-reject": Route(kwargs=_pk, post_data=lambda office: {"reason": "diambil alih"}),
    "api:booking-cancel": Route(kwargs=_pk, post_data=lambda office: {"reason": "diambil alih"}),
    "api:booking-calendar": Route(),
}
