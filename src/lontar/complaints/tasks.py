"""Background work of complaints: notices to reporters and the deadline job (safe to run twice)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_reporter_notice(complaint_id: int, event: str, stamp: str = "") -> list[str]:
    from lontar.complaints.services.reporter_notices import deliver

    return deliver(complaint_id, event, stamp)


@task()
def complaint_deadlines() -> dict:
    """Remind, escalate and auto-close; schedule it hourly on working days (or use the command)."""
    from lontar.complaints.services.deadlines import run_complaint_deadlines

    run = run_complaint_deadlines()
    return {"reminded": run.reminded, "escalated": run.escalated, "closed": run.closed}
