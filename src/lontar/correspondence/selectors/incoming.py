"""Reads of incoming letters and dispositions, already scoped to the user in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, Q, Value, When

from lontar.core.files.models import StoredFile
from lontar.core.models import Membership, Organisation, Unit
from lontar.core.permissions import get_visible_or_404, organisation_ids_with
from lontar.core.workdays.calendar import add_working_days, organisation_today
from lontar.core.workflow.services import available_transitions, history
from lontar.correspondence.access_incoming import (
    CLOSE_INCOMING,
    DISPOSE,
    MANAGE_INSTRUCTIONS,
    MANAGE_SENT_DISPOSITION,
    RECEIVE_DISPOSITION,
    REGISTER_INCOMING,
    VIEW_INCOMING,
    leader_office_ids,
    readable_q,
)
from lontar.correspondence.models import (
    OPEN_DISPOSITION_STATES,
    Disposition,
    DispositionInstruction,
    DispositionReport,
    DispositionStatus,
    DispositionWorkflow,
    IncomingLetter,
    IncomingStatus,
    Urgency,
)
from lontar.correspondence.outgoing_actions import DRAFT_OUTGOING
from lontar.records.permissions import MANAGE_FILE
from lontar.records.selectors import current_classifications, files_holding, open_files_of

PAGE_SIZE = 50


def letters_visible_to(user, action: str = VIEW_INCOMING):
    """Letters of the offices where the user's role grants `action`, restricted ones only in their chain."""
    offices = organisation_ids_with(user, action)
    if not offices:
        return IncomingLetter.objects.none()
    return IncomingLetter.objects.filter(organisation_id__in=offices).filter(readable_q(user))


def letter_for(user, pk, action: str = VIEW_INCOMING) -> IncomingLetter:
    """One letter the user may read (404 outside the chain: its existence is not disclosed)."""
    return get_visible_or_404(
        user,
        letters_visible_to(user).select_related("organisation", "classification", "unit", "registered_by"),
        action,
        pk=pk,
    )


@dataclass(frozen=True)
class RegisterFilter:
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    sender: str = ""
    classification: str = ""
    status: str = ""
    unit_id: int | None = None
    organisation_id: int | None = None
    text: str = ""


def register(
    user, filters: RegisterFilter, *, after: tuple[dt.date, int] | None = None, limit: int = PAGE_SIZE
):
    """A page of the buku agenda, newest received first, by keyset (no COUNT over the register).

    Returns (letters, next_cursor) where next_cursor is (received_date, id) of the last row or None."""
    letters = letters_visible_to(user).for_listing().select_related("organisation")
    if filters.organisation_id:
        letters = letters.filter(organisation_id=filters.organisation_id)
    if filters.received_from:
        letters = letters.filter(received_date__gte=filters.received_from)
    if filters.received_to:
        letters = letters.filter(received_date__lte=filters.received_to)
    if filters.sender:
        letters = register_sender_filter(letters, filters.sender)
    if filters.classification:
        code = filters.classification.strip()
        letters = letters.filter(
            Q(classification__code=code) | Q(classification__code__startswith=code + ".")
        )
    if filters.status:
        letters = letters.filter(status=filters.status)
    if filters.unit_id:
        letters = letters.filter(unit_id=filters.unit_id)
    if filters.text:
        letters = letters.filter(
            Q(subject__icontains=filters.text)
            | Q(agenda_number__icontains=filters.text)
            | Q(sender_number__icontains=filters.text)
        )
    if after is not None:
        day, last_id = after
        letters = letters.filter(Q(received_date__lt=day) | Q(received_date=day, id__lt=last_id))
    page = list(letters.order_by("-received_date", "-id")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return page, ((page[-1].received_date, page[-1].pk) if more and page else None)


def register_sender_filter(letters, sender: str):
    return letters.filter(Q(sender_name__icontains=sender) | Q(sender_institution__icontains=sender))


def registering_offices(user):
    return Organisation.objects.filter(
        pk__in=organisation_ids_with(user, REGISTER_INCOMING), is_active=True
    ).order_by("path")


def units_of(organisation):
    return Unit.objects.filter(organisation=organisation).order_by("order", "name")


def units_for_filter(user):
    return (
        Unit.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_INCOMING))
        .select_related("organisation")
        .order_by("organisation__path", "order", "name")
    )


def classification_matches(text: str, limit: int = 12):
    """Codes for the typing-the-code field: by code prefix first, else by words of the title."""
    text = (text or "").strip()
    codes = current_classifications()
    if not text:
        return []
    by_code = list(codes.filter(code__startswith=text)[:limit])
    if by_code:
        return by_code
    return list(codes.filter(title__icontains=text)[:limit])


def scans_of(letter):
    return StoredFile.objects.attached_to(letter).for_listing().order_by("uploaded_at", "id")


# --- dispositions ----------------------------------------------------------------------------------
def disposition_tree(letter, user):
    """The letter's dispositions as a tree (each with `.kids`, `.report_list`, `.files`), roots in
    sending order. Withdrawn ones are shown only to their sender and the letter's leaders."""
    dispositions = list(
        Disposition.objects.filter(letter=letter)
        .select_related("sender", "recipient", "recipient_unit")
        .order_by("sent_at", "id")
    )
    leaders = letter.organisation_id in leader_office_ids(user)
    dispositions = [
        d
        for d in dispositions
        if d.status != DispositionStatus.WITHDRAWN or leaders or d.sender_id == user.pk
    ]
    reports = list(
        DispositionReport.objects.filter(disposition__letter=letter)
        .select_related("author")
        .order_by("created_at")
    )
    files = {}
    if reports:
        from django.contrib.contenttypes.models import ContentType

        report_type = ContentType.objects.get_for_model(DispositionReport)
        for stored in StoredFile.objects.filter(
            owner_type=report_type, owner_id__in=[str(r.pk) for r in reports]
        ).for_listing():
            files.setdefault(stored.owner_id, []).append(stored)
    by_id = {d.pk: d for d in dispositions}
    for d in dispositions:
        d.kids, d.report_list = [], []
        d.may_withdraw = d.sender_id == user.pk and d.status == DispositionStatus.SENT
        d.may_complete = d.sender_id == user.pk and d.status in (
            DispositionStatus.READ,
            DispositionStatus.REPORTED,
        )
        d.may_send_back = d.sender_id == user.pk and d.status == DispositionStatus.REPORTED
        d.may_report = d.recipient_id == user.pk and d.status in OPEN_DISPOSITION_STATES
        d.may_pass_on = d.may_report and letter.status not in (IncomingStatus.DONE, IncomingStatus.FILED)
    _attach_histories(dispositions)
    for report in reports:
        report.files = files.get(str(report.pk), [])
        if report.disposition_id in by_id:
            by_id[report.disposition_id].report_list.append(report)
    roots = []
    for d in dispositions:
        if d.parent_id and d.parent_id in by_id:
            by_id[d.parent_id].kids.append(d)
        else:
            roots.append(d)
    return roots


def _attach_histories(dispositions) -> None:
    """Each disposition's status changes (`.history`), labelled, in one query for the whole tree."""
    from django.contrib.contenttypes.models import ContentType

    from lontar.core.workflow.models import StatusChange

    by_id = {d.pk: d for d in dispositions}
    for d in dispositions:
        d.history = []
    if not by_id:
        return
    changes = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Disposition), object_id__in=list(by_id)
    ).order_by("at", "id")
    for change in changes:
        step = DispositionWorkflow.get(change.transition)
        change.transition_label = str(step.label) if step and step.label else change.transition
        by_id[change.object_id].history.append(change)


def letter_page(letter, user) -> dict:
    """Everything the letter page shows besides the letter itself."""
    from lontar.core.permissions import authorize

    return {
        "scans": scans_of(letter),
        "tree": disposition_tree(letter, user),
        "history": history(letter),
        "may_dispose": authorize(user, DISPOSE, letter),
        "may_add_scans": authorize(user, REGISTER_INCOMING, letter),
        "letter_actions": [
            t for t in available_transitions(letter, user) if t.name in ("complete", "reopen", "file")
        ],
        "may_close": authorize(user, CLOSE_INCOMING, letter),
        "filing_files": filing_files(letter, user),
        "may_reply": authorize(user, DRAFT_OUTGOING, organisation=letter.organisation),
        "filed_in": list(files_holding(letter)),
    }


def filing_files(letter, user):
    """Open berkas of the letter's office the user may file it into: those under the letter's own
    classification first. Empty when the user may not manage files there."""
    from lontar.core.permissions import authorize

    if not authorize(user, CLOSE_INCOMING, letter) or not authorize(
        user, MANAGE_FILE, organisation=letter.organisation
    ):
        return []
    files = list(open_files_of(letter.organisation))
    code = letter.classification.code if letter.classification_id else ""
    return sorted(files, key=lambda f: not (code and f.classification.code.startswith(code.split(".")[0])))


def filing_file_for(letter, user, pk):
    """The berkas with id `pk` among `filing_files`, or a ValidationError in Bahasa Indonesia."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    for record_file in filing_files(letter, user):
        if str(record_file.pk) == str(pk):
            return record_file
    raise ValidationError(_("Pilih berkas terbuka milik kantor ini."))


def disposition_for(user, pk, action: str = VIEW_INCOMING) -> Disposition:
    """One disposition on a letter the user may read, or 404."""
    readable = dispositions_visible_to(user)
    return get_visible_or_404(user, readable.select_related("letter", "letter__organisation"), action, pk=pk)


def dispositions_visible_to(user):
    """Dispositions on letters the user may read."""
    return Disposition.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_INCOMING)).filter(
        readable_q(user, prefix="letter__")
    )


INBOX_BOXES = ("belum-dibaca", "segera", "lewat-tenggat", "terbuka", "selesai", "terkirim")


INBOX_PAGE_SIZE = 50


def inbox_page(raw) -> int:
    """The inbox page asked for by `?halaman=`: 1 when missing or not a number, at most 10,000."""
    try:
        return max(1, min(int(raw or "1"), 10_000))
    except ValueError:
        return 1


def inbox(user, box: str = "terbuka", limit: int = INBOX_PAGE_SIZE, offset: int = 0):
    """Dispositions addressed to the user (withdrawn ones are gone), or sent by them (`terkirim`),
    one page of `limit` rows from `offset`: an inbox row needs the disposition and a few of its
    letter's columns, nothing else."""
    offices = organisation_ids_with(user, RECEIVE_DISPOSITION)
    base = (
        Disposition.objects.filter(organisation_id__in=offices)
        .select_related("letter")
        .defer("letter__summary")
    )
    if box == "terkirim":
        rows = base.filter(sender=user, status__in=OPEN_DISPOSITION_STATES).order_by("due_date", "-sent_at")
        return list(rows[offset : offset + limit])
    mine = base.filter(recipient=user).exclude(status=DispositionStatus.WITHDRAWN)
    today = organisation_today(None)
    if box == "belum-dibaca":
        rows = mine.filter(status=DispositionStatus.SENT).order_by("-sent_at", "-id")
    elif box == "segera":
        soon = add_working_days(today, 2)
        rows = mine.filter(
            status__in=OPEN_DISPOSITION_STATES, due_date__gte=today, due_date__lte=soon
        ).order_by("due_date", "-id")
    elif box == "lewat-tenggat":
        rows = mine.filter(status__in=OPEN_DISPOSITION_STATES, due_date__lt=today).order_by("due_date", "-id")
    elif box == "selesai":
        rows = mine.filter(status=DispositionStatus.DONE).order_by("-status_changed_at", "-id")
    else:
        rows = mine.filter(status__in=OPEN_DISPOSITION_STATES).order_by(
            "status", "due_date", "-sent_at", "-id"
        )
    return list(rows[offset : offset + limit])


def inbox_counts(user) -> dict[str, int]:
    """The inbox tabs' counts in one query."""
    offices = organisation_ids_with(user, RECEIVE_DISPOSITION)
    if not offices:
        return {"unread": 0, "soon": 0, "overdue": 0, "open": 0}
    today = organisation_today(None)
    return Disposition.objects.filter(
        organisation_id__in=offices, recipient=user, status__in=OPEN_DISPOSITION_STATES
    ).aggregate(
        unread=Count("id", filter=Q(status=DispositionStatus.SENT)),
        soon=Count("id", filter=Q(due_date__gte=today, due_date__lte=add_working_days(today, 2))),
        overdue=Count("id", filter=Q(due_date__lt=today)),
        open=Count("id"),
    )


def reports_to_close_count(user) -> int:
    """Dispositions the user sent whose recipients reported the work done: the sender's turn to
    declare them complete (or return them)."""
    offices = organisation_ids_with(user, MANAGE_SENT_DISPOSITION)
    if not offices:
        return 0
    return Disposition.objects.filter(
        organisation_id__in=offices, sender=user, status=DispositionStatus.REPORTED
    ).count()


def waiting_for_disposition(user, limit: int = 100):
    """The head's view: letters of the offices the user heads (or is secretary of) not yet disposed."""
    offices = set(leader_office_ids(user)) & set(organisation_ids_with(user, DISPOSE))
    letters = IncomingLetter.objects.filter(organisation_id__in=offices, status=IncomingStatus.REGISTERED)
    most_urgent_first = Case(
        When(urgency=Urgency.VERY_URGENT, then=Value(0)),
        When(urgency=Urgency.URGENT, then=Value(1)),
        default=Value(2),
    )
    return (
        letters.for_listing()
        .select_related("organisation")
        .order_by(most_urgent_first, "received_date", "id")[:limit]
    )


def waiting_count(user) -> int:
    offices = set(leader_office_ids(user)) & set(organisation_ids_with(user, DISPOSE))
    if not offices:
        return 0
    return IncomingLetter.objects.filter(
        organisation_id__in=offices, status=IncomingStatus.REGISTERED
    ).count()


def recipient_choices(letter, actor):
    """People of the letter's office who can receive a disposition (accounts in use), actor excluded."""
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation=letter.organisation,
            memberships__is_active=True,
            memberships__role__in=["head", "secretary", "section_head", "staff", "front_desk"],
        )
        .exclude(pk=actor.pk)
        .select_related("staff", "staff__unit")
        .distinct()
        .order_by("staff__unit__order", "staff__full_name", "username")
    )
    return users


def instructions_for(organisation, *, active_only: bool = True):
    rows = DispositionInstruction.objects.filter(organisation=organisation)
    if active_only:
        rows = rows.filter(is_active=True)
    return rows.order_by("order", "id")


def instruction_offices(user):
    return Organisation.objects.filter(
        pk__in=organisation_ids_with(user, MANAGE_INSTRUCTIONS), is_active=True
    ).order_by("path")


def instruction_for(user, pk) -> DispositionInstruction:
    return get_visible_or_404(
        user, DispositionInstruction.objects.select_related("organisation"), MANAGE_INSTRUCTIONS, pk=pk
    )


def member_ids(organisation) -> set[int]:
    return set(
        Membership.objects.filter(organisation=organisation, is_active=True).values_list("user_id", flat=True)
    )
