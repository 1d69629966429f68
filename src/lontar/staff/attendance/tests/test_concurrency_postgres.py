"""Simultaneous writes, each from its own thread and database connection, so only the row locks keep
them apart (as between two workers serving two supervisors' browsers):

* two roster edits that are each fine alone but together would drop the day below the quota: exactly
  one is accepted, the other refused with the quota message;
* the same "Masuk" submitted several times at once (a double tap on a slow link): one record."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.staff.attendance import services
from lontar.staff.attendance.models import AttendanceRecord, RosterEntry, WorkMode, required_in_office
from lontar.staff.attendance.tests.helpers import MONDAY, at, team

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

    threads = [threading.Thread(target=worker, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    return results, errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_two_simultaneous_edits_cannot_together_break_the_quota(district, round_):
    sekcam = member(district, Role.SECRETARY)
    unit, users = team(district, 4)
    with at(MONDAY - dt.timedelta(days=3)):
        services.generate_roster(actor=sekcam, unit=unit, start=MONDAY, weeks=1)
        home = RosterEntry.objects.filter(unit=unit, date=MONDAY, mode=WorkMode.HOME).first()
        services.set_roster_cell(actor=sekcam, entry=home, mode=WorkMode.OFFICE)
        # Now 3 of 4 in the office, 2 required: either move home alone is fine, both together are not.
        first, second = RosterEntry.objects.filter(unit=unit, date=MONDAY, mode=WorkMode.OFFICE)[:2]
        results, errors = _run_workers(
            [
                lambda: services.set_roster_cell(actor=sekcam, entry=first, mode=WorkMode.HOME),
                lambda: services.set_roster_cell(actor=users[0], entry=second, mode=WorkMode.HOME),
            ]
        )
    assert len(results) == 1, errors
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "Kuota WFO" in errors[0].messages[0]
    modes = list(RosterEntry.objects.filter(unit=unit, date=MONDAY).values_list("mode", flat=True))
    assert modes.count(WorkMode.OFFICE) == required_in_office(50, 4) == 2


@pytest.mark.django_db(transaction=True)
def test_a_multiple_tap_on_masuk_records_one_arrival(district):
    _unit, users = team(district, 1)
    person = users[0]
    with at(MONDAY, 7, 15):
        results, errors = _run_workers([lambda: services.check_in(actor=person, note="HP lambat")] * 4)
    assert not errors, errors
    assert sum(tap.changed for tap in results) == 1
    assert len({tap.record.pk for tap in results}) == 1
    assert AttendanceRecord.objects.count() == 1
