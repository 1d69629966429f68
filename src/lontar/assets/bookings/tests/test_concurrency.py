"""No double booking under simultaneous requests (issue 7's done-when).

Each worker is a thread with its own database connection, as between web processes. On PostgreSQL the
exclusion constraint `booking_no_overlap` holds even for a writer that skips the service's check.
"""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, transaction

from lontar.assets.bookings.models import Booking
from lontar.assets.bookings.services import cancel_booking, request_booking
from lontar.assets.bookings.tests.factories import Office, at, next_weekday

WORKERS = 8

pytestmark = pytest.mark.skipif(
    not settings.IS_POSTGRES and not settings.DATABASES["default"]["TEST"].get("NAME"),
    reason=(
        "SQLite's in-memory test database uses a shared cache whose table locks fail at once instead "
        "of waiting; set SQLITE_TEST_NAME to a file to run this on SQLite. It always runs on PostgreSQL."
    ),
)


def _run_workers(target) -> list[BaseException]:
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def worker(index):
        try:
            barrier.wait(timeout=30)
            target(index)
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    return errors


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_for_overlapping_slots_give_one_booking(district):
    office = Office(district)
    day = next_weekday(2)
    users = [office.staff, office.kasi, office.kasubag, office.secretary, office.head, office.admin]

    def target(index):
        # Staggered overlapping slots: 09.00-11.00, 09.15-11.15, ... all clash with each other.
        request_booking(
            actor=users[index % len(users)],
            resource=office.room,
            starts_at=at(day, 9, index * 5),
            ends_at=at(day, 11, index * 5),
            purpose=f"Rapat {index}",
        )

    errors = _run_workers(target)
    assert Booking.objects.count() == 1
    winner = Booking.objects.get()
    assert len(errors) == WORKERS - 1
    for error in errors:
        assert isinstance(error, ValidationError), repr(error)
        assert winner.reference in " ".join(error.messages)
        assert "sudah dipinjam" in " ".join(error.messages)


@pytest.mark.skipif(not settings.IS_POSTGRES, reason="the exclusion constraint exists on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_database_refuses_an_overlap_that_bypasses_the_service(district):
    office = Office(district)
    day = next_weekday(3)
    first = request_booking(
        actor=office.staff, resource=office.room, starts_at=at(day, 9), ends_at=at(day, 11), purpose="Rapat"
    )
    clash = Booking(
        organisation=district,
        resource=office.room,
        requested_by=office.kasi,
        starts_at=at(day, 10),
        ends_at=at(day, 12),
        purpose="Menyerobot",
    )
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        clash.save()
    # A cancelled booking does not hold its slot, even for the constraint.
    cancel_booking(actor=office.staff, booking=first)
    clash.pk = None
    clash.save()
    assert Booking.objects.count() == 2
