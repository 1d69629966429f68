"""The front desk's queue: walk-in tickets share the day's numbers with bookings; the next call goes
to the ticket that has waited longest (checked in, or booked for the session under way)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lontar.core.models import AuditEvent, Role
from lontar.core.tests.factories import member
from lontar.public_services.models import CounterSettings, Visit, VisitStatus
from lontar.public_services.services import visits as services
from lontar.public_services.tests.factories import make_service
from lontar.public_services.tests.test_visits_booking import MONDAY, TUESDAY, at, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(district):
    CounterSettings.objects.create(
        organisation=district, opens_at=dt.time(8), closes_at=dt.time(12), visits_per_slot=5
    )
    return member(district, Role.FRONT_DESK)


@pytest.fixture
def service(district):
    return make_service(district)


def test_walk_in_tickets_take_todays_numbers_after_the_bookings(service, desk):
    with at(MONDAY):
        booked = book(service, day=TUESDAY)
    with at(TUESDAY, 7, 50):
        ticket = services.walk_in_ticket(actor=desk, service=service, name="Pak Rahmat")
    assert (booked.queue_number, ticket.queue_number) == (1, 2)
    assert ticket.is_walk_in and ticket.status == VisitStatus.CHECKED_IN and ticket.slot_start is None
    assert AuditEvent.objects.get(action="public_services.visit.walk_in").actor == desk


def test_the_next_call_is_the_longest_waiting_ticket_and_never_a_later_session(service, desk):
    with at(MONDAY):
        at_eight = book(service, day=TUESDAY, slot="08:00", phone="081200000001")
        at_ten = book(service, day=TUESDAY, slot="10:00", phone="081200000002")
    with at(TUESDAY, 8, 10):
        walk_in = services.walk_in_ticket(actor=desk, service=service)
    with at(TUESDAY, 8, 15):
        first = services.call_next(actor=desk, organisation=service.organisation)
        second = services.call_next(actor=desk, organisation=service.organisation)
        # The 10.00 booking is not due yet and has not arrived: nobody else to call.
        assert services.call_next(actor=desk, organisation=service.organisation) is None
    assert (first.pk, second.pk) == (at_eight.pk, walk_in.pk)
    first.refresh_from_db()
    assert first.status == VisitStatus.CALLED and first.served_by == desk and first.called_at
    with at(TUESDAY, 8, 20):
        services.check_in(actor=desk, visit=at_ten)  # came early
        assert services.call_next(actor=desk, organisation=service.organisation).pk == at_ten.pk


def test_a_booking_whose_session_passed_without_check_in_is_not_called(service, desk):
    with at(MONDAY):
        book(service, day=TUESDAY, slot="08:00")
    with at(TUESDAY, 9, 5):
        assert services.call_next(actor=desk, organisation=service.organisation) is None


def test_check_in_is_for_todays_bookings_only(service, desk):
    with at(MONDAY):
        visit = book(service, day=TUESDAY)
        with pytest.raises(ValidationError) as refused:
            services.check_in(actor=desk, visit=visit)
    assert refused.value.code == "not_today"
    with at(TUESDAY, 7, 45):
        services.check_in(actor=desk, visit=visit)
        with pytest.raises(ValidationError):
            services.check_in(actor=desk, visit=visit)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CHECKED_IN


def test_served_and_no_show_close_the_ticket(service, desk):
    with at(TUESDAY, 8):
        one = services.walk_in_ticket(actor=desk, service=service)
        two = services.walk_in_ticket(actor=desk, service=service)
        services.call_next(actor=desk, organisation=service.organisation)
        services.mark_served(actor=desk, visit=one)
        services.mark_no_show(actor=desk, visit=two)
        with pytest.raises(ValidationError):
            services.mark_no_show(actor=desk, visit=one)
    assert [v.status for v in Visit.objects.order_by("queue_number")] == [
        VisitStatus.SERVED,
        VisitStatus.NO_SHOW,
    ]
    assert AuditEvent.objects.filter(action__startswith="public_services.visit.").count() == 5


def test_staff_without_the_queue_action_and_other_offices_change_nothing(
    district, other_district, service, desk
):
    head = member(district, Role.HEAD)
    foreign_desk = member(other_district, Role.FRONT_DESK)
    with at(TUESDAY, 8):
        ticket = services.walk_in_ticket(actor=desk, service=service)
        for actor in (head, foreign_desk):
            with pytest.raises(PermissionDenied):
                services.walk_in_ticket(actor=actor, service=service)
            with pytest.raises(PermissionDenied):
                services.call_next(actor=actor, organisation=district)
            with pytest.raises(PermissionDenied):
                services.mark_no_show(actor=actor, visit=ticket)
            with pytest.raises(PermissionDenied):
                services.cancel_visit(visit=ticket, actor=actor)
    assert Visit.objects.count() == 1
    ticket.refresh_from_db()
    assert ticket.status == VisitStatus.CHECKED_IN
