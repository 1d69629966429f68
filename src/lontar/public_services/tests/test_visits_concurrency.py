"""Many citizens booking the last places at the same moment: each worker is a thread with its own
database connection, so the day's counter row lock is what keeps them apart, as between web
processes. Never more than the quota or the session's places; queue numbers unique and gapless."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.public_services.models import CounterSettings, DailyCounter, Visit
from lontar.public_services.services import visits as services
from lontar.public_services.tests.factories import make_service
from lontar.public_services.tests.test_visits_booking import MONDAY, TUESDAY, at

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks under real concurrency: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
WORKERS = 8


def _run_workers(target) -> tuple[list, list[BaseException]]:
    barrier = threading.Barrier(WORKERS)
    results: list = []
    errors: list[BaseException] = []

    def worker(index):
        try:
            barrier.wait(timeout=30)
            results.append(target(index))
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    return results, errors


def _codes(errors) -> list[str]:
    assert all(isinstance(e, ValidationError) for e in errors), errors
    return sorted(e.error_dict[next(iter(e.error_dict))][0].code for e in errors)


@pytest.fixture
def service(district):
    CounterSettings.objects.create(
        organisation=district, opens_at=dt.time(8), closes_at=dt.time(12), visits_per_slot=20
    )
    return make_service(district, daily_quota=5)


def test_the_last_places_of_the_quota_go_to_exactly_as_many_citizens(service):
    with at(MONDAY):
        for n in range(2):
            services.book_visit(
                service=service, day=TUESDAY, slot_start=dt.time(8), name="Awal", phone=f"08110000000{n}"
            )
        results, errors = _run_workers(
            lambda i: services.book_visit(
                service=service,
                day=TUESDAY,
                slot_start=dt.time(8 + i % 4),
                name=f"Warga {i}",
                phone=f"08120000000{i}",
            )
        )
    assert len(results) == 3
    assert _codes(errors) == ["quota_full"] * 5
    numbers = sorted(Visit.objects.filter(day=TUESDAY).values_list("queue_number", flat=True))
    assert numbers == [1, 2, 3, 4, 5]
    assert DailyCounter.objects.get(day=TUESDAY).last_number == 5


def test_a_session_never_takes_more_than_its_places(district, service):
    CounterSettings.objects.filter(organisation=district).update(visits_per_slot=2)
    other = make_service(district, code="domisili", name="Domisili", daily_quota=10)
    with at(MONDAY):
        results, errors = _run_workers(
            lambda i: services.book_visit(
                service=service if i % 2 else other,
                day=TUESDAY,
                slot_start=dt.time(9),
                name=f"Warga {i}",
                phone=f"08130000000{i}",
            )
        )
    assert len(results) == 2
    assert _codes(errors) == ["slot_full"] * 6
    assert sorted(Visit.objects.values_list("queue_number", flat=True)) == [1, 2]


def test_bookings_and_walk_in_tickets_at_once_share_one_gapless_sequence(district, service):
    desk = member(district, Role.FRONT_DESK)
    with at(TUESDAY, 7):
        results, errors = _run_workers(
            lambda i: (
                services.walk_in_ticket(actor=desk, service=service)
                if i % 2
                else services.book_visit(
                    service=service,
                    day=TUESDAY,
                    slot_start=dt.time(10),
                    name=f"W{i}",
                    phone=f"08140000000{i}",
                )
            )
        )
    assert not errors
    assert sorted(v.queue_number for v in results) == list(range(1, WORKERS + 1))
    assert Visit.objects.filter(day=TUESDAY).count() == WORKERS
