"""Approving overlapping trips of one traveller at the same moment: each worker is a thread with its own
database connection, so the travellers' row locks are what keep them apart, as between web processes.
Exactly one trip is approved; the others are refused naming it and stay submitted."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections

from lontar.staff.travel import services
from lontar.staff.travel.models import Trip, TripStatus
from lontar.staff.travel.tests.factories import future, submitted

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks under real concurrency: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
WORKERS = 4


def test_only_one_of_several_overlapping_trips_is_approved(office):
    start = future(30)
    trips = [
        submitted(office, start_date=start + dt.timedelta(days=i % 2), end_date=start + dt.timedelta(days=2))
        for i in range(WORKERS)
    ]
    approvers = [office.camat, office.sekcam]
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def worker(index):
        try:
            trip = Trip.objects.get(pk=trips[index].pk)
            barrier.wait(timeout=30)
            services.approve(trip=trip, actor=approvers[index % 2])
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    statuses = sorted(Trip.objects.values_list("status", flat=True))
    assert statuses.count(TripStatus.APPROVED) == 1 and statuses.count(TripStatus.SUBMITTED) == WORKERS - 1
    assert len(errors) == WORKERS - 1 and all(isinstance(e, ValidationError) for e in errors), errors
    assert all("Euis Komala" in str(e) for e in errors)
