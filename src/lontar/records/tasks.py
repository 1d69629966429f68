"""Background work of the records module."""

from __future__ import annotations

from django_tasks import task

from lontar.records import services


@task()
def apply_retention_task() -> int:
    """Move files whose active retention has ended to inactive. Idempotent; run daily (see
    `manage.py apply_retention`, which a cron job or the task queue's scheduler calls)."""
    return services.apply_retention()
