"""The one way to change the state of a workflow-driven object. See the package docstring."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.permissions import authorize, require
from lontar.core.workdays.calendar import add_working_days, organisation_today
from lontar.core.workflow.definitions import Transition, TransitionNotAllowed
from lontar.core.workflow.models import StatusChange


def deadline_for(transition: Transition, *, organisation, today: date | None = None) -> date | None:
    if transition.deadline_working_days is None:
        return None
    start = today or organisation_today(organisation)
    return add_working_days(start, transition.deadline_working_days, organisation=organisation)


def _workflow_of(obj):
    workflow = getattr(obj, "workflow", None)
    if workflow is None:
        raise TypeError(f"{type(obj).__name__} declares no workflow")
    return workflow


def transition(*, obj, name: str, actor, note: str = ""):
    """Apply transition `name` to `obj` as `actor`. Returns the written `StatusChange`.

    Raises `TransitionNotAllowed` (Bahasa Indonesia message) or `PermissionDenied`; in both cases
    nothing is changed. `obj` is updated in place with the new status, timestamps and due date.
    """
    workflow = _workflow_of(obj)
    model = type(obj)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=obj.pk)
        current = locked.status
        step = workflow.get(name)
        if step is None:
            raise TransitionNotAllowed(
                _("Tindakan “%(nama)s” tidak dikenal untuk proses ini."),
                params={"nama": name},
                code="unknown",
            )
        if not step.allowed_from(current):
            raise TransitionNotAllowed(
                _("Tindakan “%(tindakan)s” tidak dapat dilakukan karena status saat ini “%(status)s”."),
                params={"tindakan": step.label or step.name, "status": workflow.label_of(current)},
                code="not_allowed_from_state",
            )
        require(actor, step.permission, locked)

        before = {"status": current, "due_date": locked.due_date}
        now = timezone.now()
        due = deadline_for(step, organisation=locked.organisation)
        if due is not None:
            locked.due_date = due
        elif step.target in workflow.final_states:
            locked.due_date = None
        locked.status = step.target
        locked.status_changed_at = now
        locked.save(update_fields=["status", "status_changed_at", "due_date"])

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
        )
    obj.status, obj.status_changed_at, obj.due_date = locked.status, locked.status_changed_at, locked.due_date
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
