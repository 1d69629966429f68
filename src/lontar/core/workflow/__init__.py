"""Workflow: the states of a process, its allowed transitions, and the one way to move between them.

Declare a process once, in one place (the module's ``workflows.py``): its states, where it starts, where
it ends, and the table of allowed transitions with the permission each needs and the working-day
deadline it sets::

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
            # SP4N-LAPOR!: the responsible unit follows up within 5 working days.
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

A deadline that is data rather than a constant is a function of the object, e.g. a public service's
jangka waktu from the catalogue: ``deadline_working_days=lambda app: app.service.working_days``.

Every status change is then one call, made by the module's service inside its own transaction (views
never set `status`; saving a hand-changed status raises ValueError)::

    from django.db import transaction
    from lontar.core.workflow.services import transition

    @transaction.atomic
    def assign_complaint(*, complaint, actor, unit, note=""):
        transition(obj=complaint, name="assign", actor=actor, note=note)   # locks the row first
        complaint.unit = unit                                              # module data, same lock
        complaint.save(update_fields=["unit"])

`transition(obj=, name=, actor=, note="", due_date=None)`:

* locks the object's row (``select_for_update``), so of two concurrent transitions the second waits
  and is judged against the state the first left;
* refuses, changing nothing, with a message in Bahasa Indonesia: `TransitionNotAllowed` (a
  ValidationError) for an unknown transition or one not allowed from the stored state ("Tindakan
  “Setujui” tidak dapat dilakukan karena status saat ini “konsep”."), `PermissionDenied` when
  `lontar.core.permissions.authorize(actor, transition.permission, obj)` says no, and ValidationError
  for an explicit `due_date` before today. ``actor=None`` is the system (a scheduled escalation or
  auto-close) and skips the permission check;
* otherwise sets the state, `status_changed_at` and the due date (an explicit `due_date` — a date the
  user chose, such as a disposition's — wins over the transition's `deadline_working_days`, counted
  from the office's today in its own calendar: weekends, national holidays, cuti bersama and the office's
  closures do not count; without either the due date is kept, and entering a final state clears it),
  appends a `StatusChange` (history) and writes an audit event ``<app>.<model>.<transition>`` with
  before ``{status, due_date}`` and after ``{status, due_date, note}``, all in one transaction.

For screens: `available_transitions(obj, user)` lists what the user may do next (buttons, in
declaration order); `history(obj)` gives the status changes oldest first with state and transition
labels, rendered by ``{% include "core/workflow/_history.html" with changes=history %}``. Objects with
an overdue deadline are ``due_date__lt=organisation_today(office)`` among the non-final states.
"""

from lontar.core.workflow.definitions import Transition, TransitionNotAllowed, Workflow
from lontar.core.workflow.models import StatusChange, WorkflowModel

__all__ = ["StatusChange", "Transition", "TransitionNotAllowed", "Workflow", "WorkflowModel"]
