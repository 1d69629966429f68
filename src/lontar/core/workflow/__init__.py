"""Workflow: the states of a process, its allowed transitions, and the one way to move between them.

Declare a process once, in one place::

    from django.db import models
    from django.utils.translation import gettext_lazy as _
    from lontar.core.workflow import Transition, Workflow, WorkflowModel

    class ComplaintStatus(models.TextChoices):
        RECEIVED = "received", _("diterima")
        IN_PROGRESS = "in_progress", _("diproses")
        ANSWERED = "answered", _("dijawab")
        CLOSED = "closed", _("ditutup")

    class ComplaintWorkflow(Workflow):
        states = ComplaintStatus
        initial = ComplaintStatus.RECEIVED
        final_states = {ComplaintStatus.CLOSED}
        transitions = [
            Transition("assign", ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS,
                       permission="complaints.assign", label=_("Tugaskan"), deadline_working_days=5),
            Transition("answer", ComplaintStatus.IN_PROGRESS, ComplaintStatus.ANSWERED,
                       permission="complaints.answer", label=_("Jawab")),
            Transition("close", [ComplaintStatus.ANSWERED, ComplaintStatus.RECEIVED],
                       ComplaintStatus.CLOSED, permission="complaints.close", label=_("Tutup")),
        ]

    class Complaint(WorkflowModel):          # TenantOwned + status, status_changed_at, due_date
        workflow = ComplaintWorkflow
        status = models.CharField(_("status"), max_length=40, choices=ComplaintStatus.choices,
                                  default=ComplaintStatus.RECEIVED)

Then every status change is one call (a service; views never set `status`)::

    from lontar.core.workflow.services import transition
    transition(obj=complaint, name="assign", actor=request.user, note="ke Seksi Trantib")

`transition` locks the row (`select_for_update`), refuses a transition that is not allowed from the
current state (`TransitionNotAllowed`, a ValidationError in Bahasa Indonesia) or not permitted to the
actor (`PermissionDenied`, through `lontar.core.permissions.require`), and otherwise, in one transaction,
sets the state, writes an append-only `StatusChange` and an audit event with before/after, and sets
`due_date` when the transition declares `deadline_working_days` (cleared on entering a final state).

Deadlines are counted by a pluggable calculator, `add(start, n, *, organisation) -> date`. The default
Deadlines count working days of the office's calendar (`lontar.core.workdays`): weekends,
national holidays, cuti bersama and the office's own closures do not count.

`available_transitions(obj, user)` lists what a user may do next (for buttons);
`history(obj)` returns the object's status changes, oldest first.
"""

from lontar.core.workflow.definitions import Transition, TransitionNotAllowed, Workflow
from lontar.core.workflow.models import StatusChange, WorkflowModel

__all__ = ["StatusChange", "Transition", "TransitionNotAllowed", "Workflow", "WorkflowModel"]
