"""Reads of the office's complaint screens, scoped in SQL to what the user may see.

Who sees which complaints of an office: holders of `VIEW_ALL_COMPLAINTS` (Camat, Sekcam, section heads,
the office administrator, the auditor) see all; other members (staff, front desk) see the complaints
they handle, registered, or that were routed to their own unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from lontar.complaints.models import (
    OFFICE_CLOCK,
    Complaint,
    ComplaintCategory,
    ComplaintKind,
    ComplaintMessage,
    ComplaintStatus,
    MessageKind,
)
from lontar.complaints.permissions import (
    ASSIGN_COMPLAINT,
    HANDLE_COMPLAINT,
    MANAGE_CATEGORIES,
    VERIFY_COMPLAINT,
    VIEW_ALL_COMPLAINTS,
    VIEW_COMPLAINT,
)
from lontar.core.models import Membership, Organisation, Unit
from lontar.core.permissions import organisation_ids_with
from lontar.core.workdays.calendar import organisation_today
from lontar.core.workflow.services import available_transitions, history

PAGE_SIZE = 50
# Lists never carry the long texts.
LARGE_TEXT = ("description", "public_summary", "rating_comment", "escalation_reason", "escalation_decision")


def visible_complaints(user):
    """Complaints `user` may read, filtered in SQL."""
    all_ids = organisation_ids_with(user, VIEW_ALL_COMPLAINTS)
    some_ids = [pk for pk in organisation_ids_with(user, VIEW_COMPLAINT) if pk not in set(all_ids)]
    if not all_ids and not some_ids:
        return Complaint.objects.none()
    own = Q(handler_id=user.pk) | Q(registered_by_id=user.pk)
    unit_id = getattr(getattr(user, "staff", None), "unit_id", None)
    if unit_id:
        own |= Q(unit_id=unit_id)
    return Complaint.objects.filter(Q(organisation_id__in=all_ids) | (Q(organisation_id__in=some_ids) & own))


def complaint_for(user, pk: int) -> Complaint:
    """One complaint the user may read, or 404 (another office's complaint is simply not found)."""
    try:
        return (
            visible_complaints(user).select_related("organisation", "category", "unit", "handler").get(pk=pk)
        )
    except (Complaint.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class InboxFilters:
    status: str = ""
    category: int | None = None
    unit: int | None = None
    kind: str = ""
    overdue: bool = False
    mine: bool = False
    escalated: bool = False
    query: str = ""


def filtered(user, filters: InboxFilters):
    qs = visible_complaints(user)
    if filters.status in ComplaintStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.kind in ComplaintKind.values:
        qs = qs.filter(kind=filters.kind)
    if filters.category:
        qs = qs.filter(category_id=filters.category)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.mine:
        qs = qs.filter(handler_id=user.pk)
    if filters.escalated:
        qs = qs.filter(
            escalated_at__isnull=False, escalation_decided_at__isnull=True, status__in=OFFICE_CLOCK
        )
    if filters.overdue:
        qs = qs.filter(_overdue_q(user))
    if filters.query:
        term = filters.query.strip()[:100]
        qs = qs.filter(Q(number__icontains=term) | Q(title__icontains=term))
    return qs


def _overdue_q(user) -> Q:
    """Open complaints past the office's due date, each office judged by its own today."""
    q = Q(pk__in=[])
    for office in Organisation.objects.filter(pk__in=organisation_ids_with(user, VIEW_COMPLAINT)):
        q |= Q(organisation_id=office.pk, due_date__lt=organisation_today(office))
    return q & Q(status__in=OFFICE_CLOCK)


@dataclass
class InboxPage:
    rows: list = field(default_factory=list)
    next_cursor: str = ""
    has_more: bool = False


def _cursor_of(complaint: Complaint) -> str:
    return f"{int(complaint.received_at.timestamp() * 1_000_000)}_{complaint.pk}"


def _parse_cursor(cursor: str):
    try:
        micros, pk = cursor.split("_", 1)
        return dt.datetime.fromtimestamp(int(micros) / 1_000_000, tz=dt.UTC), int(pk)
    except (ValueError, TypeError, OverflowError, OSError):
        return None


def inbox(user, filters: InboxFilters, *, after: str = "", size: int = PAGE_SIZE) -> InboxPage:
    """One page of the inbox, newest first, by keyset (received_at, id): no COUNT over the list."""
    qs = (
        filtered(user, filters)
        .select_related("organisation", "category", "unit", "handler__staff")
        .defer(*LARGE_TEXT)
        .order_by("-received_at", "-id")
    )
    position = _parse_cursor(after) if after else None
    if position is not None:
        moment, pk = position
        qs = qs.filter(Q(received_at__lt=moment) | Q(received_at=moment, id__lt=pk))
    rows = list(qs[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    today_by_office: dict[int, dt.date] = {}
    for row in rows:
        if row.organisation_id not in today_by_office:
            today_by_office[row.organisation_id] = organisation_today(row.organisation)
        row.is_overdue = bool(
            row.status in OFFICE_CLOCK
            and row.due_date
            and row.due_date < today_by_office[row.organisation_id]
        )
    return InboxPage(rows, _cursor_of(rows[-1]) if has_more and rows else "", has_more)


def filter_choices(user) -> dict:
    office_ids = organisation_ids_with(user, VIEW_COMPLAINT)
    return {
        "categories": list(
            ComplaintCategory.objects.filter(organisation_id__in=office_ids).order_by("order", "name")
        ),
        "units": list(Unit.objects.filter(organisation_id__in=office_ids).order_by("order", "name")),
    }


def messages_of(complaint: Complaint, *, public_only: bool = False) -> list[ComplaintMessage]:
    qs = complaint.messages.select_related("author").prefetch_related("attachments__stored_file")
    if public_only:
        qs = qs.exclude(kind=MessageKind.INTERNAL)
    return list(qs)


def attachments_of(complaint: Complaint):
    """The files sent with the complaint itself; a reply's files are listed with its message."""
    return list(complaint.attachments.filter(message__isnull=True).select_related("stored_file"))


def timeline(complaint: Complaint):
    return history(complaint)


def staff_transitions(complaint: Complaint, user) -> list[str]:
    """Names of the status changes `user` may make now (the reporter's re-open is never one)."""
    return [t.name for t in available_transitions(complaint, user) if t.name != "reopen"]


def handler_choices(complaint: Complaint):
    """Active members of the complaint's office who may be named its handler."""
    users = Membership.objects.filter(
        organisation_id=complaint.organisation_id, is_active=True, user__is_active=True
    ).values("user_id")
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(pk__in=users)
        .select_related("staff")
        .order_by("first_name", "username")
    )


def unit_choices(complaint: Complaint):
    return Unit.objects.filter(organisation_id=complaint.organisation_id).order_by("order", "name")


def counts_for_dashboard(user) -> dict:
    """Counts of the dashboard lines, each capped by what a list shows (no exact COUNT over joins)."""
    base = visible_complaints(user)
    result = {"to_verify": 0, "mine": 0, "overdue": 0, "escalated": 0}
    if organisation_ids_with(user, VERIFY_COMPLAINT):
        result["to_verify"] = base.filter(
            status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.VERIFIED],
            organisation_id__in=organisation_ids_with(user, VERIFY_COMPLAINT),
        ).count()
    if organisation_ids_with(user, HANDLE_COMPLAINT):
        result["mine"] = base.filter(handler_id=user.pk, status__in=OFFICE_CLOCK).count()
    if organisation_ids_with(user, ASSIGN_COMPLAINT) or organisation_ids_with(user, HANDLE_COMPLAINT):
        result["overdue"] = base.filter(_overdue_q(user)).count()
    result["escalated"] = base.filter(
        escalated_at__isnull=False, escalation_decided_at__isnull=True, status__in=OFFICE_CLOCK
    ).count()
    return result


def manageable_categories(user):
    return ComplaintCategory.objects.filter(
        organisation_id__in=organisation_ids_with(user, MANAGE_CATEGORIES)
    )


def category_for(user, pk: int) -> ComplaintCategory:
    try:
        return manageable_categories(user).select_related("unit", "organisation").get(pk=pk)
    except (ComplaintCategory.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def category_offices(user):
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, MANAGE_CATEGORIES)).order_by("name")


def active_categories(organisation):
    return ComplaintCategory.objects.active().filter(organisation=organisation).order_by("order", "name")


def offices_for_registration(user, action: str):
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, action), is_active=True).order_by(
        "name"
    )


def detail_page(complaint: Complaint, user) -> dict:
    """Everything the complaint's page shows, and which actions `user` may take now."""
    from lontar.complaints.permissions import DECIDE_ESCALATION, ESCALATE_COMPLAINT
    from lontar.complaints.selectors.identity import reporter_identity
    from lontar.core.permissions import authorize

    transitions = staff_transitions(complaint, user)
    status = complaint.status
    open_ = status not in (ComplaintStatus.CLOSED, ComplaintStatus.REJECTED)
    may_handle = authorize(user, HANDLE_COMPLAINT, complaint)
    may_assign = authorize(user, ASSIGN_COMPLAINT, complaint)
    actions = {
        "verify": "verify" in transitions,
        "forward": "forward" in transitions,
        "start_follow_up": "start_follow_up" in transitions,
        "resolve": "resolve" in transitions,
        "close": "close" in transitions,
        "reject": "reject" in transitions,
        "respond": may_handle
        and status in (ComplaintStatus.FORWARDED, ComplaintStatus.IN_FOLLOW_UP, ComplaintStatus.RESOLVED),
        "note": open_ and (may_handle or may_assign),
        "assign": open_ and may_assign,
        "reroute": may_assign and status in (ComplaintStatus.FORWARDED, ComplaintStatus.IN_FOLLOW_UP),
        "escalate": open_ and authorize(user, ESCALATE_COMPLAINT, complaint),
        "decide": bool(complaint.escalated_at)
        and not complaint.escalation_decided_at
        and authorize(user, DECIDE_ESCALATION, complaint),
        "publication": may_handle and status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED),
    }
    all_messages = messages_of(complaint)
    today = organisation_today(complaint.organisation)
    return {
        "complaint": complaint,
        "identity": reporter_identity(complaint, user),
        "thread": [m for m in all_messages if m.kind != MessageKind.INTERNAL],
        "notes": [m for m in all_messages if m.kind == MessageKind.INTERNAL],
        "attachments": attachments_of(complaint),
        "history": timeline(complaint),
        "actions": actions,
        "is_overdue": bool(
            complaint.status in OFFICE_CLOCK and complaint.due_date and complaint.due_date < today
        ),
    }


def units_of(organisation):
    return Unit.objects.filter(organisation=organisation).order_by("order", "name")
