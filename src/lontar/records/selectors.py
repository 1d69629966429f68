"""Reads of the records module that screens, the API and other modules share. Lists filter in SQL by
the offices where the user holds the action (`organisation_ids_with`), never per object."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lontar.core.models import Organisation, Unit
from lontar.core.permissions import organisation_ids_with
from lontar.core.workdays.calendar import organisation_today
from lontar.records.models import (
    Classification,
    ClassificationScheme,
    DisposalProposal,
    DisposalStatus,
    FinalDisposition,
    RecordFile,
    RecordFileStatus,
    RecordItem,
    RecordLoan,
)
from lontar.records.permissions import (
    MANAGE_FILE,
    MANAGE_LOAN,
    PROPOSE_DISPOSAL,
    VIEW_DISPOSAL,
    VIEW_FILE,
    VIEW_LOAN,
)


def current_classifications():
    """Codes usable for new letters and files (Permendagri 83/2022, active), in code order."""
    return Classification.objects.current().order_by("code")


def classification_by_code(code: str, scheme: str = ClassificationScheme.PERMENDAGRI_83_2022):
    """The classification with `code` in `scheme`, or None."""
    return Classification.objects.filter(scheme=scheme, code=(code or "").strip()).first()


def classification_tree(*, query: str = "", scheme: str = ""):
    """The tree in code order, optionally narrowed by a code prefix or words of the title."""
    qs = Classification.objects.select_related("parent")
    if scheme:
        qs = qs.filter(scheme=scheme)
    query = (query or "").strip()
    if query:
        if query[0].isdigit():
            qs = qs.filter(code__startswith=query)
        else:
            for word in query.split():
                qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return sorted(
        qs, key=lambda c: (c.scheme != ClassificationScheme.PERMENDAGRI_83_2022, c.scheme, _code_key(c.code))
    )


def _code_key(code: str) -> tuple:
    return tuple(int(part) for part in code.split("."))


def offices_where(user, action: str):
    return Organisation.objects.filter(pk__in=organisation_ids_with(user, action)).order_by("path")


def files_for(user, *, query: str = "", status: str = "", organisation_id: int | None = None):
    """Files the user may read, newest first."""
    qs = RecordFile.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_FILE)).select_related(
        "classification", "unit", "organisation"
    )
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if status == "terbuka":
        qs = qs.filter(closed_on__isnull=True)
    elif status in RecordFileStatus.values:
        qs = qs.filter(status=status)
    query = (query or "").strip()
    if query:
        qs = qs.filter(
            Q(number__icontains=query) | Q(title__icontains=query) | Q(classification__code__startswith=query)
        )
    return qs.annotate(item_count=Count("items")).order_by("-opened_on", "-pk")


def visible_files():
    """For `get_visible_or_404`: the file manager, scoped by the caller's offices."""
    return RecordFile.objects.select_related("classification", "unit", "organisation")


def open_files_of(organisation, *, classification_code: str = ""):
    """Open files of `organisation` (for another module's "file into" picker), optionally only those
    under `classification_code` or a code below it."""
    qs = RecordFile.objects.filter(organisation=organisation, closed_on__isnull=True).select_related(
        "classification"
    )
    if classification_code:
        qs = qs.filter(
            Q(classification__code=classification_code)
            | Q(classification__code__startswith=f"{classification_code}.")
        )
    return qs.order_by("classification__code", "number")


def files_holding(obj):
    """The files an object (a letter, an issued document ...) has been filed into."""
    from django.contrib.contenttypes.models import ContentType

    return RecordFile.objects.filter(
        items__content_type=ContentType.objects.get_for_model(obj), items__object_id=str(obj.pk)
    ).distinct()


def items_of(record_file):
    return (
        RecordItem.objects.filter(record_file=record_file)
        .select_related("stored_file", "content_type", "filed_by")
        .prefetch_related("linked")
    )


def loans_of(record_file):
    return RecordLoan.objects.filter(record_file=record_file).select_related("borrower", "lent_by")


def open_loan_of(record_file):
    return RecordLoan.objects.filter(record_file=record_file, returned_on__isnull=True).first()


def visible_loans():
    return RecordLoan.objects.select_related("record_file", "borrower")


def loans_for(user, *, only_open: bool = True):
    qs = RecordLoan.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_LOAN)).select_related(
        "record_file", "borrower", "organisation"
    )
    if only_open:
        qs = qs.filter(returned_on__isnull=True)
    return qs.order_by("due_date", "pk")


def overdue_loans(user):
    """Open loans past their due date, each office judged by its own today."""
    ids = organisation_ids_with(user, MANAGE_LOAN) or organisation_ids_with(user, VIEW_LOAN)
    condition = Q()
    for office in Organisation.objects.filter(pk__in=ids):
        condition |= Q(organisation=office, due_date__lt=organisation_today(office))
    if not ids:
        return RecordLoan.objects.none()
    return (
        RecordLoan.objects.filter(returned_on__isnull=True)
        .filter(condition)
        .select_related("record_file", "borrower", "organisation")
        .order_by("due_date")
    )


def _due(user, action: str, build):
    ids = organisation_ids_with(user, action)
    if not ids:
        return RecordFile.objects.none()
    condition = Q()
    for office in Organisation.objects.filter(pk__in=ids):
        condition |= Q(
            pk__in=build(RecordFile.objects.filter(organisation=office), organisation_today(office))
        )
    return RecordFile.objects.filter(condition).select_related("classification", "organisation", "unit")


def files_due_for_disposal(user, disposition: str, action: str = VIEW_FILE):
    """Inactive files whose retention has ended with final disposition `disposition`, not already in
    an open proposal."""
    pending = DisposalProposal.objects.filter(status=DisposalStatus.PROPOSED).values("files")
    return (
        _due(user, action, lambda qs, today: qs.due_for_disposal(today, disposition).values("pk"))
        .exclude(pk__in=pending)
        .order_by("retention_until", "number")
    )


def files_awaiting_inactive(user):
    """Closed files whose active retention has ended but which the retention job has not moved yet."""
    return _due(user, VIEW_FILE, lambda qs, today: qs.due_for_inactive(today).values("pk")).order_by(
        "active_until"
    )


def files_without_schedule(user):
    """Closed files whose classification had no complete retention schedule (JRA belum ditetapkan)."""
    return (
        RecordFile.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_FILE))
        .filter(closed_on__isnull=False, status=RecordFileStatus.ACTIVE, active_until__isnull=True)
        .select_related("classification", "organisation")
    )


def proposals_for(user):
    return (
        DisposalProposal.objects.filter(organisation_id__in=organisation_ids_with(user, VIEW_DISPOSAL))
        .select_related("organisation", "proposed_by", "decided_by", "report")
        .annotate(file_count=Count("files"))
        .order_by("-proposed_at", "-pk")
    )


def visible_proposals():
    return DisposalProposal.objects.select_related("organisation", "proposed_by", "decided_by", "report")


def proposal_files(proposal):
    return proposal.files.select_related("classification", "unit").order_by("number")


def units_of(organisation_ids):
    return Unit.objects.filter(organisation_id__in=organisation_ids).order_by("organisation", "order", "name")


def borrower_choices(organisation):
    """People who may borrow a file of `organisation`: its active members."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__organisation=organisation, memberships__is_active=True)
        .distinct()
        .order_by("first_name", "username")
    )


def proposable_offices(user):
    return offices_where(user, PROPOSE_DISPOSAL)


def manageable_offices(user):
    return offices_where(user, MANAGE_FILE)


DISPOSITION_VALUES = frozenset(FinalDisposition.values)


def disposition_choices():
    return FinalDisposition.choices


def file_status_choices():
    return [("terbuka", _("terbuka (belum ditutup)")), *RecordFileStatus.choices]


def classification_or_404(pk: int) -> Classification:
    try:
        return Classification.objects.get(pk=pk)
    except (Classification.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
