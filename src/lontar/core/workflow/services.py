"""The one way to change the state of a workflow-driven object. See the package docstring."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.permissions import authorize
from lontar.core.workdays.calendar import add_working_days, organisation_today
from lontar.core.workflow.definitions import Transition, TransitionNotAllowed
from lontar.core.workflow.models import StatusChange


def deadline_for(transition: Transition, obj, *, today: date | None = None) -> date | None:
    """The due date `transition` gives `obj` when taken on `today` (the office's today by default)."""
    days = transition.working_days_for(obj)
    if days is None:
        return None
    start = today or organisation_today(obj.organisation)
    return add_working_days(start, days, organisation=obj.organisation)


def _workflow_of(obj):
    workflow = getattr(obj, "workflow", None)
    if workflow is None:
        raise TypeError(f"{type(obj).__name__} declares no workflow")
    return workflow


def _step_allowed(workflow, name: str, state: str) -> Transition:
    step = workflow.get(name)
    if step is None:
        raise TransitionNotAllowed(
            _("Tindakan “%(nama)s” tidak dikenal untuk proses ini."),
            params={"nama": name},
            code="unknown",
        )
    if not step.allowed_from(state):
        raise TransitionNotAllowed(
            _("Tindakan “%(tindakan)s” tidak dapat dilakukan karena status saat ini “%(status)s”."),
            params={"tindakan": step.label or step.name, "status": workflow.label_of(state)},
            code="not_allowed_from_state",
        )
    return step


def transition(
    *, obj, name: str, actor, note: str = "", due_date: date | None = None, actor_label: str = ""
) -> StatusChange:
    """Apply transition `name` to `obj` as `actor` (None: the system itself). Returns the `StatusChange`.

    `actor_label` names an actor without an account (with `actor=None`), such as a citizen who acts on
    an application by its number and secret; the audit trail then shows that name instead of "sistem".

    `due_date` sets the deadline explicitly (a date the user chose, such as a disposition's); it
    overrides the transition's `deadline_working_days` and may not lie before the office's today.

    Raises `TransitionNotAllowed` (unknown transition, or not allowed from the stored state),
    `PermissionDenied` (the actor may not), or `ValidationError` (a due date in the past), each with a
    message in Bahasa Indonesia; in every case nothing is changed. Otherwise `obj` is updated in place.
    """
    workflow = _workflow_of(obj)
    model = type(obj)
    with transaction.atomic():
        # The lock makes a concurrent transition of the same object wait, then see the new state.
        locked = model._default_manager.select_for_update().get(pk=obj.pk)
        current = locked.status
        step = _step_allowed(workflow, name, current)
        if actor is not None and not authorize(actor, step.permission, locked):
            raise PermissionDenied(
                _("Anda tidak berwenang melakukan tindakan “%(tindakan)s”.")
                % {"tindakan": step.label or step.name}
            )
        today = organisation_today(locked.organisation)
        if due_date is not None and due_date < today:
            raise ValidationError(
                _("Tenggat %(tanggal)s sudah lewat; pilih hari ini atau sesudahnya.")
                % {"tanggal": date_format(due_date, "j F Y")},
                code="due_date_past",
            )

        before = {"status": current, "due_date": locked.due_date}
        due = due_date or deadline_for(step, locked, today=today)
        if due is not None:
            locked.due_date = due
        elif step.target in workflow.final_states:
            locked.due_date = None
        now = timezone.now()
        locked.status = step.target
        locked.status_changed_at = now
        locked._save_transition(["status", "status_changed_at", "due_date"])

        change = StatusChange.objects.create(
            organisation=locked.organisation,
            content_type=ContentType.objects.get_for_model(locked, for_concrete_model=False),
            object_id=locked.pk,
            transition=step.name,
            from_state=current,
            to_state=step.target,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            at=now,
            note=note,
            due_date=locked.due_date,
        )
        audit.record(
            actor=actor,
            action=f"{model._meta.label_lower}.{step.name}",
            obj=locked,
            before=before,
            after={"status": locked.status, "due_date": locked.due_date, "note": note},
            actor_label=actor_label,
        )
    obj.status, obj.status_changed_at, obj.due_date = locked.status, locked.status_changed_at, locked.due_date
    obj._remember_workflow_fields()
    return change


def available_transitions(obj, user) -> list[Transition]:
    """Transitions allowed from `obj`'s current state that `user` is permitted to perform."""
    return [t for t in _workflow_of(obj).from_state(obj.status) if authorize(user, t.permission, obj)]


def history(obj):
    """The object's status changes, oldest first, each with `from_label`, `to_label`, `transition_label`."""
    workflow = _workflow_of(obj)
    changes = list(StatusChange.objects.for_object(obj).select_related("actor"))
    for change in changes:
        step = workflow.get(change.transition)
        change.from_label = workflow.label_of(change.from_state)
        change.to_label = workflow.label_of(change.to_state)
        change.transition_label = str(step.label) if step and step.label else change.transition
    return changes
