"""Background work of public services. Safe to run twice: each application is reminded and escalated
once (see services/reminders.py)."""

from __future__ import annotations

from django_tasks import task

from lontar.public_services.services.reminders import send_application_reminders


@task()
def application_deadlines() -> dict:
    """Remind before and escalate after application deadlines; schedule it hourly on working days."""
    reminded, escalated = send_application_reminders()
    return {"reminded": reminded, "escalated": escalated}
