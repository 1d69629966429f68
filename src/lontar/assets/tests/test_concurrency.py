"""Several clerks registering assets under the same code at the same moment: each worker is a thread
with its own connection, so the office row lock is what keeps register numbers unique and gapless."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connections

from lontar.assets.models import Asset
from lontar.assets.tests import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks under real concurrency: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
WORKERS = 6


def test_concurrent_registrations_take_unique_gapless_register_numbers(district):
    keeper = factories.keeper(district)
    code = factories.code()
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def worker(index):
        try:
            barrier.wait(timeout=30)
            factories.asset(district, keeper, name=f"Komputer {index}")
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    numbers = sorted(
        Asset.objects.filter(organisation=district, code=code).values_list("register_number", flat=True)
    )
    assert numbers == [f"{n:04d}" for n in range(1, WORKERS + 1)]
