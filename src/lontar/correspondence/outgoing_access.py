"""Who may do what with outgoing documents.

Roles give the office-wide part (`grant`); the object rules give the rest:

* a draft belongs to its drafter: only they edit and submit it;
* paraf is given by whoever acts in the position whose turn it is today (the definitive holder, or
  the Plt./Plh. while an acting appointment runs: `Position.holder_on`);
* the signatory is whoever acts in the signatory position today;
* a document classified Rahasia or Sangat Rahasia is seen only by those who take part in it (the
  drafter, the verifiers and the signatory), whatever their role.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from lontar.core.models import PositionAssignment, Role
from lontar.core.permissions import ISSUE_DOCUMENT, grant, register_object_rule
from lontar.correspondence.models.outgoing import (
    RESTRICTED_CLASSES,
    OutgoingComment,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingStatus,
    OutgoingVersion,
    ParafStep,
)
from lontar.correspondence.outgoing_actions import (
    COMMENT_OUTGOING,
    DRAFT_OUTGOING,
    EDIT_OUTGOING,
    MANAGE_OUTGOING_TEMPLATES,
    PARAF_OUTGOING,
    SEND_OUTGOING,
    SIGN_OUTGOING,
    SUBMIT_OUTGOING,
    VIEW_OUTGOING,
    VIEW_OUTGOING_TEMPLATES,
)

OFFICE_ROLES = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN]
WRITERS = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF]


def positions_acted_by(user, day=None) -> list[int]:
    """Ids of the positions in which `user` acts on `day`: those they hold, unless an acting holder
    stands in for them (Plh. before Plt. before the definitive holder, as `Position.holder_on`)."""
    if user is None or not user.is_authenticated:
        return []
    cache_key = "_lontar_outgoing_positions"
    day = day or timezone.localdate()
    cached = getattr(user, cache_key, None)
    if cached is not None and cached[0] == day:
        return cached[1]
    staff_id = getattr(getattr(user, "staff", None), "pk", None)
    held = []
    if staff_id is not None:
        in_force = Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))
        candidates = set(
            PositionAssignment.objects.filter(in_force, staff_id=staff_id).values_list(
                "position_id", flat=True
            )
        )
        if candidates:
            # Who acts in each candidate position that day: the first row by (kind desc, start desc).
            acting = {}
            for position_id, holder_id in (
                PositionAssignment.objects.filter(in_force, position_id__in=candidates)
                .order_by("position_id", "-kind", "-start_date")
                .values_list("position_id", "staff_id")
            ):
                acting.setdefault(position_id, holder_id)
            held = sorted(p for p, holder in acting.items() if holder == staff_id)
    setattr(user, cache_key, (day, held))
    return held


def acting_assignment(position, day=None):
    """The assignment of whoever acts in `position` on `day`, or None."""
    return position.holder_on(day or timezone.localdate())


def is_participant(user, document: OutgoingDocument) -> bool:
    if document.drafter_id == user.pk:
        return True
    positions = positions_acted_by(user)
    if document.signatory_position_id in positions:
        return True
    steps = ParafStep.objects.filter(document=document)
    return steps.filter(Q(acted_by=user) | Q(position_id__in=positions)).exists()


def participant_filter(user, prefix: str = "") -> Q:
    """SQL form of `is_participant`, for lists."""
    positions = positions_acted_by(user)
    return (
        Q(**{f"{prefix}drafter": user})
        | Q(**{f"{prefix}signatory_position__in": positions})
        | Q(**{f"{prefix}paraf_steps__acted_by": user})
        | Q(**{f"{prefix}paraf_steps__position__in": positions})
    )


def circle_user_ids(document: OutgoingDocument) -> list[int]:
    """Users who take part in a document today: drafter, verifiers who acted, and whoever acts in the
    verifier and signatory positions now."""
    ids = {document.drafter_id}
    steps = ParafStep.objects.filter(document=document).select_related("position")
    ids.update(s.acted_by_id for s in steps if s.acted_by_id)
    positions = {s.position for s in steps} | {document.signatory_position}
    for position in positions:
        assignment = acting_assignment(position)
        if assignment is not None and assignment.staff.user_id:
            ids.add(assignment.staff.user_id)
    return sorted(ids)


def current_step(document: OutgoingDocument) -> ParafStep | None:
    if document.status != OutgoingStatus.IN_REVIEW:
        return None
    return (
        ParafStep.objects.filter(document=document, round=document.round, state=ParafStep.State.PENDING)
        .select_related("position")
        .first()
    )


def _document_rule(user, action: str, document: OutgoingDocument) -> bool:
    if user.is_superuser:
        return True
    if document.security in RESTRICTED_CLASSES and not is_participant(user, document):
        return False
    if action in (EDIT_OUTGOING, SUBMIT_OUTGOING):
        return document.drafter_id == user.pk and document.is_editable
    if action == PARAF_OUTGOING:
        step = current_step(document)
        return step is not None and step.position_id in positions_acted_by(user)
    if action == SIGN_OUTGOING:
        return (
            document.status == OutgoingStatus.AWAITING_SIGNATURE
            and document.signatory_position_id in positions_acted_by(user)
        )
    return True


def _child_rule(user, action: str, obj) -> bool:
    """Versions, comments, recipients and paraf steps follow their document."""
    return _document_rule(user, action, obj.document)


def register_outgoing_permissions() -> None:
    grant(OFFICE_ROLES, VIEW_OUTGOING, COMMENT_OUTGOING)
    grant(WRITERS, DRAFT_OUTGOING, EDIT_OUTGOING, SUBMIT_OUTGOING, PARAF_OUTGOING, SIGN_OUTGOING)
    # Subbag TU sends what was signed; the drafter and the leaders may too.
    grant([*WRITERS, Role.FRONT_DESK], SEND_OUTGOING)
    grant([Role.ORG_ADMIN], VIEW_OUTGOING_TEMPLATES, MANAGE_OUTGOING_TEMPLATES)
    # A Kasi who signs as Plh./Plt. of the Camat, or signs a unit's nota dinas, issues the PDF.
    grant([Role.SECTION_HEAD], ISSUE_DOCUMENT)
    register_object_rule(OutgoingDocument, _document_rule)
    for model in (OutgoingVersion, OutgoingComment, OutgoingRecipient, ParafStep):
        register_object_rule(model, _child_rule)
