"""Two approvals for one person at once cannot overspend: each worker is a thread with its own database
connection, so the lock on the staff member's LeaveAccount row is what keeps them apart."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections

from lontar.staff.leave import services
from lontar.staff.leave.ledger import ledger_for
from lontar.staff.leave.models import Consideration, LeaveRequest, LeaveStatus, LeaveType
from lontar.staff.leave.tests.factories import CUTI_BERSAMA_2026, LeaveOffice, cuti_bersama

pytestmark = pytest.mark.skipif(
    not settings.IS_POSTGRES and not settings.DATABASES["default"]["TEST"].get("NAME"),
    reason="SQLite's in-memory test database cannot wait for locks; this always runs on PostgreSQL.",
)


def _run_workers(targets) -> tuple[list, list[BaseException]]:
    barrier = threading.Barrier(len(targets))
    results: list = []
    errors: list[BaseException] = []

    def worker(target):
        try:
            barrier.wait(timeout=30)
            results.append(target())
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_cannot_spend_the_same_days(district):
    cuti_bersama(CUTI_BERSAMA_2026)
    office = LeaveOffice(district)
    first, second = (
        services.submit_request(
            actor=office.staff,
            leave_type=LeaveType.ANNUAL,
            start_date=start,
            end_date=start + dt.timedelta(days=3),
            reason="Urusan keluarga",
            address_during_leave="Jatisari",
        )
        for start in (dt.date(2026, 12, 1), dt.date(2026, 12, 7))
    )  # 4 working days each, 10 spendable
    for request in (first, second):
        services.consider(request=request, actor=office.kasi, consideration=Consideration.AGREE)
    # Subbag TU corrects the carry-over from the paper card: only 4 days remain for 2026 (12 - 8 bersama).
    services.set_opening_balance(
        actor=office.admin,
        staff=office.staff.staff,
        year=2026,
        remaining_previous=0,
        remaining_before_previous=0,
    )
    results, errors = _run_workers(
        [
            lambda r=r: services.decide(request=r, actor=office.camat, decision=services.Decision.APPROVE)
            for r in (first, second)
        ]
    )
    assert len(results) == 1, errors
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "Sisa cuti tahunan 2026" in str(errors[0])
    assert LeaveRequest.objects.filter(status=LeaveStatus.APPROVED).count() == 1
    assert ledger_for(office.staff.staff).spendable(2026) == 0


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_cannot_reserve_the_same_days(district):
    cuti_bersama(CUTI_BERSAMA_2026)
    office = LeaveOffice(district)
    assert ledger_for(office.staff.staff).free(2026) == 10

    def ask(start):
        return services.submit_request(
            actor=office.staff,
            leave_type=LeaveType.ANNUAL,
            start_date=start,
            end_date=start + dt.timedelta(days=7),  # 6 working days
            reason="Urusan keluarga",
            address_during_leave="Jatisari",
        )

    results, errors = _run_workers([lambda: ask(dt.date(2026, 11, 30)), lambda: ask(dt.date(2026, 12, 14))])
    assert len(results) == 1, errors
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert ledger_for(office.staff.staff).free(2026) == 4
