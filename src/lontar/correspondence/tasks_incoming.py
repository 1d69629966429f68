"""Background work of dispositions. Safe to run twice: each disposition is reminded and escalated once."""

from __future__ import annotations

from django_tasks import task

from lontar.correspondence.services.dispositions import send_deadline_reminders


@task()
def disposition_deadlines() -> dict:
    """Remind before and escalate after disposition deadlines; schedule it hourly or daily."""
    reminded, escalated = send_deadline_reminders()
    return {"reminded": reminded, "escalated": escalated}
