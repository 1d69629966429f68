"""Reads of import batches, scoped in SQL: a batch is seen by who holds its importer's view action."""

from __future__ import annotations

from django.db.models import Q

from lontar.core.imports.models import BatchStatus, ImportBatch, ImportRow, RowOutcome
from lontar.core.imports.registry import all_importers, get_importer
from lontar.core.models import Organisation
from lontar.core.permissions import (
    authorize,
    get_visible_or_404,
    organisation_ids_with,
    require,
    visible_organisation_ids,
)

PREVIEW_ROWS = 50


def _viewable(user) -> Q:
    allowed = Q(pk__in=[])
    for importer in all_importers():
        allowed |= Q(kind=importer.key, organisation_id__in=organisation_ids_with(user, importer.view_action))
    return allowed


def batches_for(user, kind: str = ""):
    batches = ImportBatch.objects.visible_to(user).filter(_viewable(user))
    if kind:
        batches = batches.filter(kind=kind)
    return batches.select_related("organisation", "created_by").order_by("-created_at", "-pk")


def batch_for(user, pk, action: str | None = None) -> ImportBatch:
    """One batch the user may see (404 outside their offices; 403 without the importer's view action,
    or without `action` when given)."""
    batch = get_visible_or_404(user, ImportBatch.objects.select_related("organisation", "created_by"), pk=pk)
    require(user, get_importer(batch.kind).view_action, batch)
    if action is not None:
        require(user, action, batch)
    return batch


def rows_of(batch: ImportBatch, *, errors_only: bool = False, limit: int | None = PREVIEW_ROWS):
    rows = ImportRow.objects.filter(batch=batch).order_by("row_number")
    if errors_only:
        rows = rows.exclude(errors=[])
    return rows[:limit] if limit else rows


def values_of_rows(batch: ImportBatch, *, created_only: bool = False):
    """The cleaned values of the rows a confirmation creates (or, with `created_only`, created), for an
    importer's notes about the batch. Rows with errors or already present are left out."""
    rows = ImportRow.objects.filter(batch=batch)
    if created_only:
        rows = rows.filter(outcome=RowOutcome.CREATED)
    else:
        rows = rows.filter(errors=[], duplicate=False)
    return rows.values_list("values", flat=True).iterator(chunk_size=2000)


def notes_of(batch: ImportBatch, importer) -> list[str]:
    """The importer's notes for a batch that has a preview or a result (none for drafts and cancelled
    batches, whose rows say nothing yet or any more)."""
    if batch.status in (BatchStatus.PREVIEWED, BatchStatus.CONFIRMING, BatchStatus.CONFIRMED):
        return importer.notes(batch)
    return []


def earlier_imports_of_the_same_file(batch: ImportBatch):
    """Confirmed batches of the same office and kind whose file had the same bytes: a reminder that
    this file was imported before (its rows will show as already present)."""
    return (
        ImportBatch.objects.filter(
            organisation=batch.organisation,
            kind=batch.kind,
            file_sha256=batch.file_sha256,
            status=BatchStatus.CONFIRMED,
        )
        .exclude(pk=batch.pk)
        .order_by("-finished_at")
    )


def importing_organisations(user, action: str):
    """Offices where `user` may run an importer; few per user, so checking each is cheap."""
    offices = Organisation.objects.filter(pk__in=visible_organisation_ids(user), is_active=True)
    return [org for org in offices.order_by("path") if authorize(user, action, organisation=org)]
