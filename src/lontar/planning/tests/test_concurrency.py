"""Entries of different months at once cannot together pass the pagu: each worker is a thread with its
own database connection, so the row lock on the sub-activity is what keeps them apart."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Sum

from lontar.planning.models import Realisation
from lontar.planning.services import realisation as services
from lontar.planning.tests.factories import Plan, Team

pytestmark = pytest.mark.skipif(
    not settings.IS_POSTGRES and not settings.DATABASES["default"]["TEST"].get("NAME"),
    reason="SQLite's in-memory test database cannot wait for locks; this always runs on PostgreSQL.",
)


@pytest.mark.django_db(transaction=True)
def test_months_entered_at_once_never_exceed_the_pagu_together(district):
    plan = Plan(Team(district))
    sub, actor = plan.sub1, plan.team.kasubag  # pagu 12.000.000
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def enter(month: int):
        try:
            barrier.wait(timeout=30)
            services.record_realisation(
                actor=actor, sub_activity=sub, month=month, amount=5_000_000, physical_progress=month
            )
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enter, args=(month,)) for month in (1, 2, 3, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    # Two of the four fit (10 of 12 million); the others are refused, and refusals only.
    assert len(errors) == 2 and all(isinstance(e, ValidationError) for e in errors)
    assert Realisation.objects.filter(sub_activity=sub).aggregate(total=Sum("amount"))["total"] == 10_000_000
