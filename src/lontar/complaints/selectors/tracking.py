"""What the reporter's tracking page shows: status steps and dates, the office's public responses and
the reporter's replies. No internal notes, no officer names, no notes of the status changes (they
may be internal), and the identity the reporter gave is not echoed back."""

from __future__ import annotations

from lontar.complaints.models import ComplaintStatus, MessageKind
from lontar.core.workflow.services import history

STEPS = [
    ComplaintStatus.RECEIVED,
    ComplaintStatus.VERIFIED,
    ComplaintStatus.FORWARDED,
    ComplaintStatus.IN_FOLLOW_UP,
    ComplaintStatus.RESOLVED,
    ComplaintStatus.CLOSED,
]


def _steps(status: str) -> list[dict]:
    if status == ComplaintStatus.REJECTED:
        return [
            {"label": ComplaintStatus.RECEIVED.label, "state": "done"},
            {"label": ComplaintStatus.REJECTED.label, "state": "current"},
        ]
    index = STEPS.index(status)
    return [
        {"label": step.label, "state": "done" if i < index else ("current" if i == index else "")}
        for i, step in enumerate(STEPS)
    ]


def tracking_page(complaint) -> dict:
    changes = [
        {"at": change.at, "label": change.to_label, "transition": change.transition}
        for change in history(complaint)
    ]
    thread = list(
        complaint.messages.filter(kind__in=[MessageKind.TO_REPORTER, MessageKind.FROM_REPORTER])
        .only("kind", "body", "created_at", "complaint_id")
        # The reporter sees the names of the files they sent; downloads stay with the office.
        .prefetch_related("attachments__stored_file")
    )
    done = complaint.status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)
    return {
        "complaint": complaint,
        "office": complaint.organisation,
        "steps": _steps(complaint.status),
        "changes": changes,
        "thread": thread,
        "may_reply": complaint.status not in (ComplaintStatus.CLOSED, ComplaintStatus.REJECTED),
        "may_rate": done,
        "may_reopen": complaint.status == ComplaintStatus.RESOLVED,
    }
