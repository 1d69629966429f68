"""`remind_staff` started twice at once (a slow run overlapping the next cron tick) sends each reminder
once: the log row's unique constraint is the claim, taken before anything is sent."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.db import connections

from lontar.core.notifications.models import Notification
from lontar.staff.reminders.models import ReminderLog
from lontar.staff.reminders.services import send_reminders

from .factories import kgb, person

WORKERS = 4

pytestmark = [
    pytest.mark.skipif(
        not settings.IS_POSTGRES,
        reason="concurrent writers are a PostgreSQL question (row locks, unique index)",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_runs_at_once_send_each_reminder_once(district):
    staff = person(district, start=dt.date(2001, 3, 1))
    kgb(staff, dt.date(2025, 2, 1))
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def worker():
        try:
            barrier.wait(timeout=30)
            send_reminders(today=dt.date(2026, 12, 3))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert ReminderLog.objects.filter(staff=staff).count() == 1
    assert Notification.objects.filter(recipient=staff.user).count() == 1
