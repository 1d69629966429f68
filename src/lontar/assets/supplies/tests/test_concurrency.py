"""Stock never goes negative under simultaneous issues (issue 7's done-when).

Each worker is a thread with its own database connection, as between web processes: the row lock on
the item makes the issues wait for each other, and each re-reads the stock it may take.
"""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections

from lontar.assets.supplies.models import Item, Movement, RequestStatus, SupplyRequest
from lontar.assets.supplies.services import stock as services
from lontar.assets.supplies.tests.factories import Office
from lontar.core.workdays.calendar import organisation_today

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
def test_simultaneous_issues_never_take_more_than_the_stock(district):
    office = Office(district)
    services.record_receipt(
        actor=office.keeper,
        organisation=district,
        document_number="INV-1",
        supplier="CV Maju",
        received_on=organisation_today(district),
        lines=[(office.paper, 10, 50_000), (office.pen, 100, 3_000)],
    )
    requests = []
    for _index in range(WORKERS):
        request = services.request_supplies(
            actor=office.staff,
            organisation=district,
            purpose="Kegiatan",
            lines=[(office.pen, 3), (office.paper, 3)],
        )
        services.approve_request(actor=office.kasi, request=request)
        requests.append(request)

    def target(index):
        services.issue_request(actor=office.keeper, request=requests[index])

    errors = _run_workers(target)
    paper = Item.objects.get(pk=office.paper.pk)
    pen = Item.objects.get(pk=office.pen.pk)
    issued = SupplyRequest.objects.filter(status=RequestStatus.ISSUED).count()
    assert issued == 3  # 10 rim of paper: three requests of 3
    assert len(errors) == WORKERS - 3 and all(isinstance(e, ValidationError) for e in errors), errors
    assert paper.stock == 1 and paper.stock_value == 50_000
    # All or nothing: the refused requests took no pens either.
    assert pen.stock == 100 - 3 * issued
    last = Movement.objects.filter(item=paper).order_by("pk").last()
    assert (last.balance_quantity, last.balance_value) == (paper.stock, paper.stock_value)
