"""Bookings services: request, approve, reject, cancel, return; no double booking; permissions; audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.assets.bookings import selectors
from lontar.assets.bookings.models import Booking, BookingStatus
from lontar.assets.bookings.services import (
    approve_booking,
    cancel_booking,
    record_return,
    reject_booking,
    request_booking,
)
from lontar.assets.bookings.tests.factories import Office, at, make_room, next_weekday
from lontar.core.models import AuditEvent, Notification, Organisation
from lontar.core.tests.factories import member
from lontar.core.workdays.models import CalendarDay, DayKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(district):
    return Office(district)


def _request(office, user=None, *, day=None, start=9, end=11, resource=None, **kwargs):
    day = day or next_weekday(1)
    resource = resource or office.room
    if resource.is_vehicle:
        kwargs.setdefault("destination", "Kantor Bupati")
    return request_booking(
        actor=user or office.staff,
        resource=resource,
        starts_at=at(day, start),
        ends_at=at(day, end),
        purpose=kwargs.pop("purpose", "Rapat koordinasi RT/RW"),
        **kwargs,
    )


def test_request_is_pending_audited_and_tells_the_managing_unit_head(office):
    booking = _request(office, attendees_count=25)
    assert booking.status == BookingStatus.PENDING
    assert booking.unit == office.other_unit
    assert not booking.on_non_working_day
    event = AuditEvent.objects.get(action="bookings.booking.create", object_id=str(booking.pk))
    assert event.after["purpose"] == "Rapat koordinasi RT/RW"
    assert Notification.objects.filter(recipient=office.kasubag, url__contains=f"/{booking.pk}/").exists()


def test_overlapping_request_is_refused_naming_the_clashing_booking(office):
    first = _request(office, start=9, end=11)
    with pytest.raises(ValidationError) as caught:
        _request(office, office.kasi, start=10, end=12, purpose="Sosialisasi")
    message = " ".join(caught.value.messages)
    assert first.reference in message
    assert "Rapat koordinasi RT/RW" in message
    assert "sudah dipinjam" in message
    assert "09.00\u201311.00 WIB" in message
    assert Booking.objects.count() == 1


def test_adjacent_slots_do_not_clash_and_other_resources_are_free(office):
    _request(office, start=9, end=11)
    _request(office, office.kasi, start=11, end=12)
    _request(
        office, office.kasi, start=9, end=11, resource=make_room(office.org, code="r2", name="Ruang Camat")
    )
    assert Booking.objects.count() == 3


def test_rejected_or_cancelled_booking_frees_the_slot(office):
    booking = _request(office)
    reject_booking(actor=office.kasubag, booking=booking, reason="Aula dipakai untuk pelantikan.")
    again = _request(office, office.kasi)
    cancel_booking(actor=office.kasi, booking=again)
    assert again.status == BookingStatus.CANCELLED
    _request(office)
    assert selectors.conflicts(office.room, at(next_weekday(1), 10), at(next_weekday(1), 10, 30)).count() == 1


def test_approval_by_the_managing_unit_head_and_requester_is_told(office):
    booking = _request(office)
    approve_booking(actor=office.kasubag, booking=booking, note="Silakan.")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED
    assert booking.decided_by == office.kasubag
    note = Notification.objects.get(recipient=office.staff)
    assert "disetujui" in note.title
    assert AuditEvent.objects.filter(action="bookings.booking.approve", object_id=str(booking.pk)).exists()


def test_reject_tells_the_requester_and_needs_a_reason(office):
    booking = _request(office)
    with pytest.raises(ValidationError):
        reject_booking(actor=office.kasubag, booking=booking, reason=" ")
    reject_booking(actor=office.kasubag, booking=booking, reason="Aula direnovasi.")
    note = Notification.objects.get(recipient=office.staff)
    assert "ditolak" in note.title and "Aula direnovasi." in note.body


@pytest.mark.parametrize("who", ["staff", "kasi", "auditor", "admin"])
def test_only_managers_decide(office, who):
    booking = _request(office, office.kasubag)
    with pytest.raises(PermissionDenied):
        approve_booking(actor=getattr(office, who), booking=booking)


@pytest.mark.parametrize("who", ["head", "secretary", "kasubag"])
def test_camat_sekcam_and_the_managing_unit_head_decide(office, who):
    booking = _request(office)
    approve_booking(actor=getattr(office, who), booking=booking)
    assert booking.status == BookingStatus.APPROVED


def test_without_a_managing_unit_the_sekcam_decides_and_is_told(office):
    office.room.manager_unit = None
    office.room.save()
    booking = _request(office)
    assert Notification.objects.filter(recipient=office.secretary).exists()
    with pytest.raises(PermissionDenied):
        approve_booking(actor=office.kasubag, booking=booking)
    approve_booking(actor=office.secretary, booking=booking)


def test_auto_approve_resource(office):
    office.room.auto_approve = True
    office.room.save()
    booking = _request(office)
    assert booking.status == BookingStatus.APPROVED
    assert not Notification.objects.filter(recipient=office.kasubag).exists()


def test_cancel_by_someone_else_needs_rights_and_a_reason(office):
    booking = _request(office)
    with pytest.raises(PermissionDenied):
        cancel_booking(actor=office.kasi, booking=booking, reason="x")
    with pytest.raises(ValidationError):
        cancel_booking(actor=office.kasubag, booking=booking)
    cancel_booking(actor=office.kasubag, booking=booking, reason="Kendaraan rusak.")
    assert Notification.objects.filter(recipient=office.staff, title__contains="dibatalkan").exists()


def test_bad_input_is_refused_in_indonesian(office):
    day = next_weekday(1)
    cases = [
        ({"starts_at": at(day, 11), "ends_at": at(day, 9)}, "sesudah waktu mulai"),
        ({"starts_at": at(day, 9), "ends_at": at(day, 9) + dt.timedelta(days=15)}, "14 hari"),
        (
            {"starts_at": at(day, 9) - dt.timedelta(days=30), "ends_at": at(day, 10) - dt.timedelta(days=30)},
            "lewat",
        ),
        ({"purpose": ""}, "Keperluan"),
        ({"attendees_count": 41}, "40 orang"),
    ]
    for overrides, text in cases:
        values = {"starts_at": at(day, 9), "ends_at": at(day, 10), "purpose": "Rapat", **overrides}
        with pytest.raises(ValidationError) as caught:
            request_booking(actor=office.staff, resource=office.room, **values)
        assert text in " ".join(caught.value.messages), overrides
    with pytest.raises(ValidationError) as caught:
        request_booking(
            actor=office.staff,
            resource=office.vehicle,
            starts_at=at(day, 9),
            ends_at=at(day, 10),
            purpose="Dinas",
        )
    assert "Tujuan" in " ".join(caught.value.messages)
    assert not Booking.objects.exists()


def test_naive_times_are_the_offices_wall_clock(office):
    office.org.timezone = "Asia/Makassar"
    office.org.save()
    day = next_weekday(1)
    booking = request_booking(
        actor=office.staff,
        resource=office.room,
        starts_at=dt.datetime(day.year, day.month, day.day, 9),
        ends_at=dt.datetime(day.year, day.month, day.day, 10),
        purpose="Rapat",
    )
    assert booking.starts_at.utcoffset() is None or booking.starts_at.astimezone(dt.UTC).hour == 1


def test_non_working_day_is_allowed_but_flagged(office):
    saturday = next_weekday(5)
    booking = _request(office, day=saturday)
    assert booking.on_non_working_day
    tuesday = next_weekday(1, weeks=2)
    CalendarDay.objects.create(organisation=None, date=tuesday, kind=DayKind.CUTI_BERSAMA, description="Cuti")
    assert _request(office, day=tuesday).on_non_working_day


def test_vehicle_booking_records_destination_driver_and_return(office):
    booking = _request(office, resource=office.vehicle, attendees_count=4, destination="Kantor Bupati")
    assert booking.destination == "Kantor Bupati"
    approve_booking(actor=office.kasubag, booking=booking)
    with pytest.raises(ValidationError):
        record_return(actor=office.kasubag, booking=booking, odometer_start=1000, odometer_end=900)
    # A return cannot be recorded before departure; pretend the trip has started.
    Booking.objects.filter(pk=booking.pk).update(starts_at=booking.starts_at - dt.timedelta(days=8))
    booking.refresh_from_db()
    record_return(actor=office.kasubag, booking=booking, odometer_start=1000, odometer_end=1042, note="Aman")
    assert booking.status == BookingStatus.COMPLETED
    assert booking.odometer_end == 1042
    assert AuditEvent.objects.filter(action="bookings.booking.return").exists()


def test_vehicle_seats_limit(office):
    with pytest.raises(ValidationError) as caught:
        _request(office, resource=office.vehicle, attendees_count=9)
    assert "7 orang" in " ".join(caught.value.messages)


def test_source_is_kept_as_generic_reference(office):
    booking = _request(office, source=office.org)
    booking.refresh_from_db()
    assert isinstance(booking.source, Organisation) and booking.source.pk == office.org.pk
    assert list(selectors.bookings_for_source(office.org)) == [booking]


def test_bookable_resources_are_scoped(office, other_district):
    assert set(selectors.bookable_resources(office.staff, office.org)) == {office.room, office.vehicle}
    assert list(selectors.bookable_resources(office.staff, office.org, kind="kendaraan")) == [office.vehicle]
    stranger = member(other_district)
    assert not selectors.bookable_resources(stranger, office.org).exists()
    assert not selectors.bookable_resources(office.auditor, office.org).exists()
    with pytest.raises(PermissionDenied):
        _request(office, stranger)


def test_pending_for_lists_what_the_user_may_decide(office):
    booking = _request(office)
    assert list(selectors.pending_for(office.kasubag)) == [booking]
    assert list(selectors.pending_for(office.secretary)) == [booking]
    assert not selectors.pending_for(office.kasi).exists()
    assert not selectors.pending_for(office.staff).exists()
