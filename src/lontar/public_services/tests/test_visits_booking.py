"""Booking a counter visit online: working days only, the service's daily quota, the session's
capacity, one booking per phone per service per day, gapless office-wide queue numbers, and
cancellation until the session starts."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from lontar.core.models import AuditEvent
from lontar.core.workdays.models import CalendarDay, DayKind
from lontar.public_services.models import CounterSettings, DailyCounter, Visit, VisitStatus
from lontar.public_services.selectors import visits as selectors
from lontar.public_services.services import visits as services
from lontar.public_services.tests.factories import make_service

pytestmark = pytest.mark.django_db
WIB = dt.timezone(dt.timedelta(hours=7))
MONDAY = dt.date(2026, 11, 2)
TUESDAY = dt.date(2026, 11, 3)


def at(day: dt.date, hour: int = 7, minute: int = 0):
    moment = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)
    return mock.patch("django.utils.timezone.now", return_value=moment)


def book(service, *, day=TUESDAY, slot="08:00", phone="081234567001", name="Budi Santoso"):
    return services.book_visit(
        service=service, day=day, slot_start=dt.time.fromisoformat(slot), name=name, phone=phone
    )


@pytest.fixture
def counter(district):
    return CounterSettings.objects.create(
        organisation=district,
        opens_at=dt.time(8),
        closes_at=dt.time(12),
        slot_minutes=60,
        visits_per_slot=3,
        booking_days_ahead=5,
        queue_prefix="A",
    )


@pytest.fixture
def service(district, counter):
    return make_service(district, daily_quota=4)


def test_a_booking_gets_the_next_office_wide_queue_number_and_a_code(district, service, counter):
    other = make_service(district, code="domisili", name="Surat Keterangan Domisili")
    with at(MONDAY):
        first = book(service)
        second = book(other, phone="081234567002")
    assert (first.queue_number, second.queue_number) == (1, 2)
    assert selectors.ticket_label(first) == "A-001"
    assert len(first.code) == 8 and first.code != second.code
    assert first.status == VisitStatus.BOOKED
    assert first.phone == "+6281234567001"
    event = AuditEvent.objects.get(action="public_services.visit.book", object_id=str(first.pk))
    assert event.actor is None
    assert event.actor_label == "Pemohon: Budi Santoso"


def test_the_phone_is_stored_in_one_form_whatever_way_it_was_typed(service):
    with at(MONDAY):
        visit = book(service, phone="+62 812-3456-7001")
    assert visit.phone == "+6281234567001"
    with at(MONDAY), pytest.raises(ValidationError) as refused:
        book(service, phone="12345", name="Ani")
    assert "Nomor telepon tidak valid" in str(refused.value)


def test_the_daily_quota_of_the_service_is_never_exceeded(service):
    with at(MONDAY):
        for n in range(4):
            book(service, slot=["08:00", "09:00"][n % 2], phone=f"08123456700{n}")
        with pytest.raises(ValidationError) as refused:
            book(service, slot="10:00", phone="081234567009")
    assert refused.value.error_dict["day"][0].code == "quota_full"
    assert "sudah penuh" in refused.value.messages[0]
    assert Visit.objects.filter(service=service, day=TUESDAY).count() == 4
    # The refusal took no queue number.
    assert DailyCounter.objects.get(day=TUESDAY).last_number == 4


def test_a_session_holds_at_most_its_places_across_the_offices_services(district, service):
    other = make_service(district, code="domisili", name="Surat Keterangan Domisili")
    with at(MONDAY):
        book(service, phone="081234567001")
        book(service, phone="081234567002")
        book(other, phone="081234567003")
        with pytest.raises(ValidationError) as refused:
            book(other, phone="081234567004")
        assert refused.value.error_dict["slot_start"][0].code == "slot_full"
        assert [s.remaining for s in selectors.slots_on(service, TUESDAY)] == [0, 3, 3, 3]
        assert book(other, slot="09:00", phone="081234567004").queue_number == 4


def test_one_phone_books_one_visit_per_service_per_day(service):
    with at(MONDAY):
        book(service)
        with pytest.raises(ValidationError) as refused:
            book(service, slot="10:00")
    assert refused.value.error_dict["phone"][0].code == "duplicate"
    assert Visit.objects.count() == 1


def test_a_holiday_cannot_be_booked_and_the_citizen_is_told_why(service):
    with at(dt.date(2026, 12, 21)), pytest.raises(ValidationError) as refused:
        book(service, day=dt.date(2026, 12, 25))
    message = refused.value.messages[0]
    assert "Loket tidak buka pada Jumat, 25 Desember 2026" in message
    assert "Natal" in message
    assert not Visit.objects.exists()
    assert not DailyCounter.objects.exists()


def test_cuti_bersama_office_closures_and_weekends_are_not_offered(district, service):
    CalendarDay.objects.create(
        date=dt.date(2026, 11, 4), kind=DayKind.CUTI_BERSAMA, description="Cuti bersama"
    )
    with at(dt.date(2026, 11, 5)):  # Thursday
        days = selectors.bookable_days(service)
    # Thursday, Friday, then (weekend skipped) Monday to Thursday: five working days ahead.
    assert days == [
        dt.date(2026, 11, 5),
        dt.date(2026, 11, 6),
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 10),
        dt.date(2026, 11, 11),
        dt.date(2026, 11, 12),
    ]
    with at(MONDAY), pytest.raises(ValidationError) as refused:
        book(service, day=dt.date(2026, 11, 4))
    assert "Cuti bersama" in refused.value.messages[0]
    with at(MONDAY), pytest.raises(ValidationError) as weekend:
        book(service, day=dt.date(2026, 11, 7))
    assert "akhir pekan" in weekend.value.messages[0]


def test_days_beyond_the_window_and_sessions_already_started_are_refused(service):
    with at(MONDAY), pytest.raises(ValidationError) as too_far:
        book(service, day=dt.date(2026, 11, 20))
    assert "paling lama 5 hari kerja" in too_far.value.messages[0]
    with at(MONDAY, 9, 30):
        assert [s.bookable for s in selectors.slots_on(service, MONDAY)] == [False, False, True, True]
        with pytest.raises(ValidationError) as started:
            book(service, day=MONDAY, slot="09:00")
        assert started.value.error_dict["slot_start"][0].code == "slot_started"
        assert book(service, day=MONDAY, slot="10:00").day == MONDAY
    with at(MONDAY, 11, 1):
        assert MONDAY not in selectors.bookable_days(service)


def test_a_service_that_takes_no_bookings_refuses_them(district, counter):
    service = make_service(district, accepts_booking=False)
    with at(MONDAY), pytest.raises(ValidationError):
        book(service)


def test_the_citizen_cancels_with_the_phone_number_until_the_session_starts(service):
    with at(MONDAY):
        visit = book(service)
        with pytest.raises(ValidationError):
            services.cancel_visit(visit=visit, phone="089999999999")
        visit.refresh_from_db()
        assert visit.status == VisitStatus.BOOKED
    with at(TUESDAY, 8, 1), pytest.raises(ValidationError) as late:
        services.cancel_visit(visit=visit, phone="0812 3456 7001")
    assert late.value.code == "started"
    with at(TUESDAY, 7, 59):
        services.cancel_visit(visit=visit, phone="0812 3456 7001")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED
    assert AuditEvent.objects.filter(
        action="public_services.visit.cancel", actor_label="Pemohon: Budi Santoso"
    ).exists()


def test_a_cancelled_place_can_be_booked_again(service, counter):
    counter.visits_per_slot = 1
    counter.save()
    with at(MONDAY):
        first = book(service)
        services.cancel_visit(visit=first, phone=first.phone)
        again = book(service, phone=first.phone)
    assert again.queue_number == 2
