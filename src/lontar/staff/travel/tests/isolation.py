"""Duty-travel URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A gets a submitted surat tugas request of its staff member, every text a marker; the walk aims
each trip URL at it and posts payloads that would move it if a view forgot to scope it."""

from __future__ import annotations

import datetime as dt

from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.staff.travel import services
from lontar.staff.travel.models import Transport


def populate_office_a(office: OfficeA) -> None:
    staff_user = office.staff_user
    trip = services.create_trip(
        organisation=office.org,
        actor=staff_user,
        travellers=[staff_user.staff],
        purpose=office.marker("trip_purpose"),
        basis=office.marker("trip_basis"),
        basis_letter_number="005/RAHASIA",
        destination_place=office.marker("trip_destination"),
        destination_institution=office.marker("trip_institution"),
        start_date=dt.date(2026, 12, 14),
        end_date=dt.date(2026, 12, 15),
        transport=Transport.OFFICE_VEHICLE,
        funding_source=office.marker("trip_funding"),
        budget_code="",
        notes=office.marker("trip_notes"),
    )
    office.add("trip", services.submit(trip=trip, actor=staff_user))


def _pk(office: OfficeA) -> dict:
    return {"pk": office.trip.pk}


def _act(payload):
    return Route(kwargs=_pk, post_data=lambda office: payload)


ROUTES: dict = {
    "travel:mine": Route(),
    "travel:office": Route(),
    "travel:export": Route(),
    "travel:calendar": Route(),
    "travel:create": Route(post_data=lambda office: {}),
    "travel:settings": Route(post_data=lambda office: {"classification_code": "999"}),
    "travel:detail": Route(kwargs=_pk),
    "travel:edit": _act({"destination_place": "Diambil alih"}),
    "travel:submit": _act({"ajukan-note": "X"}),
    "travel:approve": _act({"setujui-note": "X"}),
    "travel:return_for_revision": _act({"kembalikan-reason": "Diambil alih"}),
    "travel:reject": _act({"tolak-reason": "Ditolak orang lain"}),
    "travel:sign": _act({"ttd-assignment": "1"}),
    "travel:cancel": _act({"batal-reason": "Dibatalkan orang lain"}),
    "travel:report": _act({"laporan-results": "Laporan orang lain"}),
    "api:trip-list": Route(
        post_data=lambda office: {
            "organisation": office.org.pk,
            "travellers": [office.staff_user.staff.pk],
            "purpose": "Diambil alih",
            "basis": "Diambil alih",
            "destination_place": "Diambil alih",
            "start_date": "2026-12-21",
            "end_date": "2026-12-21",
            "transport": "lainnya",
        }
    ),
    "api:trip-detail": Route(kwargs=_pk),
    "api:trip-submit": _act({"note": "Diambil alih"}),
}
