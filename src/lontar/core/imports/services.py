"""Every write of the legacy import: upload, remap, preview, confirm, cancel. Each is audited.

Nothing reaches the module's data before `confirm`, and `confirm` is all or nothing: one transaction
in which every row is validated again, duplicates are looked up again, and either every valid row is
created or none is. A batch with row errors is refused unless the user chose to import the valid
rows only. Rows the office already has (created by an earlier batch, or present in its data) are
skipped, so importing the same file twice creates nothing the second time.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.background import enqueue_on_commit
from lontar.core.files.services import store_upload
from lontar.core.files.validation import XLSX, validate_upload
from lontar.core.imports.models import BatchStatus, ImportBatch, ImportRow, RowOutcome
from lontar.core.imports.reading import read_sheet
from lontar.core.imports.registry import Importer, RowContext, auto_map, get_importer
from lontar.core.permissions import require

BATCH_FIELDS = ["kind", "file_name", "sheet_name", "header_row", "status", "total_rows"]
CHUNK = 500


def max_import_bytes() -> int:
    return getattr(settings, "LONTAR_IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def max_import_rows() -> int:
    return getattr(settings, "LONTAR_IMPORT_MAX_ROWS", 20_000)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _check_upload(uploaded_file) -> None:
    if uploaded_file is None:
        raise ValidationError(_("Pilih berkas Excel (XLSX) yang akan diimpor."), code="required")
    size = getattr(uploaded_file, "size", 0) or 0
    if size > max_import_bytes():
        raise ValidationError(
            _(
                "Ukuran berkas %(size)s MB melebihi batas impor %(limit)s MB. "
                "Pecah berkas menjadi beberapa bagian."
            )
            % {"size": _mb(size), "limit": _mb(max_import_bytes())},
            code="file_size",
        )
    checked = validate_upload(uploaded_file)
    if checked.kind != XLSX:
        raise ValidationError(
            _(
                "Impor hanya menerima buku kerja Excel (XLSX). Buka berkasnya di Excel atau LibreOffice, "
                "simpan sebagai .xlsx, lalu unggah lagi."
            ),
            code="not_xlsx",
        )


def upload(
    *, actor, organisation, kind: str, uploaded_file, sheet_name: str = "", header_row: int | None = None
) -> ImportBatch:
    """Read the workbook into a draft batch and preview it when every required column is mapped."""
    importer = get_importer(kind)
    require(actor, importer.action, organisation=organisation)
    _check_upload(uploaded_file)
    sheet = read_sheet(
        uploaded_file, importer, max_rows=max_import_rows(), sheet_name=sheet_name, header_row=header_row
    )
    if not sheet.rows:
        raise ValidationError(
            _("Tidak ada baris data di bawah judul kolom (baris %(row)s) pada lembar %(sheet)s.")
            % {"row": sheet.header_row, "sheet": sheet.sheet_name},
            code="no_rows",
        )
    stored = None
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                organisation=organisation,
                kind=importer.key,
                file_name=(getattr(uploaded_file, "name", "") or "berkas.xlsx")[:255],
                file_sha256="",
                sheet_name=sheet.sheet_name[:100],
                header_row=sheet.header_row,
                headers=sheet.headers,
                mapping=auto_map(importer, sheet.headers),
                total_rows=len(sheet.rows),
                created_by=actor,
            )
            stored = store_upload(
                organisation=organisation, actor=actor, uploaded_file=uploaded_file, owner=batch
            )
            batch.source_file = stored
            batch.file_name = stored.original_name
            batch.file_sha256 = stored.sha256
            batch.save(update_fields=["source_file", "file_name", "file_sha256"])
            ImportRow.objects.bulk_create(
                [ImportRow(batch=batch, row_number=number, raw=cells) for number, cells in sheet.rows],
                batch_size=CHUNK,
            )
            audit.record(
                actor=actor,
                action="core.import.upload",
                obj=batch,
                after={**audit.snapshot(batch, BATCH_FIELDS), "file_sha256": batch.file_sha256},
            )
            if not missing_required(importer, batch.mapping):
                _preview_locked(actor, batch, importer)
    except BaseException:
        if stored is not None:
            stored.file.storage.delete(stored.file.name)
        raise
    return batch


def missing_required(importer: Importer, mapping: dict) -> list[str]:
    return [f.label for f in importer.fields if f.required and mapping.get(f.key) is None]


def _locked_open(batch: ImportBatch, *, confirming: bool = False) -> ImportBatch:
    """The batch under its row lock, refused unless it is still open (or, for the queued
    confirmation itself, being confirmed)."""
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if not (locked.is_open or (confirming and locked.status == BatchStatus.CONFIRMING)):
        raise ValidationError(
            _("Impor ini berstatus “%(status)s” dan tidak dapat diubah lagi.")
            % {"status": locked.get_status_display()},
            code="closed",
        )
    return locked


def remap(*, actor, batch: ImportBatch, mapping: dict[str, int | None]) -> ImportBatch:
    """Save the user's column mapping (field → column index, None for "not in the file"); preview it
    when every required field has a column, else keep the batch a draft."""
    importer = get_importer(batch.kind)
    require(actor, importer.action, batch)
    with transaction.atomic():
        locked = _locked_open(batch)
        clean: dict[str, int] = {}
        used: dict[int, str] = {}
        for target in importer.fields:
            index = mapping.get(target.key)
            if index is None or index == "":
                continue
            index = int(index)
            if not 0 <= index < len(locked.headers):
                raise ValidationError(_("Kolom yang dipilih tidak ada di berkas."), code="column")
            if index in used:
                raise ValidationError(
                    _("Kolom “%(column)s” dipilih untuk dua isian: %(first)s dan %(second)s.")
                    % {"column": locked.headers[index], "first": used[index], "second": target.label},
                    code="column_twice",
                )
            used[index] = target.label
            clean[target.key] = index
        before = {"mapping": locked.mapping}
        locked.mapping = clean
        locked.status = BatchStatus.DRAFT
        locked.save(update_fields=["mapping", "status"])
        audit.record(
            actor=actor, action="core.import.remap", obj=locked, before=before, after={"mapping": clean}
        )
        # A mapping that still lacks a required column is kept as a draft for the user to finish.
        if not missing_required(importer, clean):
            _preview_locked(actor, locked, importer)
    return locked


def preview(*, actor, batch: ImportBatch) -> ImportBatch:
    """Validate every row with the current mapping and count what a confirmation would do."""
    importer = get_importer(batch.kind)
    require(actor, importer.action, batch)
    with transaction.atomic():
        locked = _locked_open(batch)
        missing = missing_required(importer, locked.mapping)
        if missing:
            raise ValidationError(
                _("Kolom wajib belum dipetakan: %(fields)s.") % {"fields": ", ".join(missing)}, code="missing"
            )
        _preview_locked(actor, locked, importer)
    return locked


def _preview_locked(actor, batch: ImportBatch, importer: Importer) -> None:
    _evaluate(batch, importer)
    batch.status = BatchStatus.PREVIEWED
    batch.save(update_fields=["status", "valid_rows", "error_rows", "duplicate_rows"])
    audit.record(actor=actor, action="core.import.preview", obj=batch, after=_counts(batch))


def _counts(batch: ImportBatch) -> dict:
    return {
        "total_rows": batch.total_rows,
        "valid_rows": batch.valid_rows,
        "error_rows": batch.error_rows,
        "duplicate_rows": batch.duplicate_rows,
        "created_rows": batch.created_rows,
    }


def _column_name(batch: ImportBatch, importer: Importer, key: str) -> str:
    index = batch.mapping.get(key)
    if index is not None and 0 <= index < len(batch.headers) and batch.headers[index]:
        return batch.headers[index]
    return str(importer.field(key).label) if key else ""


def _evaluate(batch: ImportBatch, importer: Importer) -> list[ImportRow]:
    """Validate every row, then mark those the office already has or that repeat an earlier row."""
    context = RowContext(organisation=batch.organisation)
    rows = list(batch.rows.order_by("row_number"))
    keys_of: dict[int, list[str]] = {}
    for position, row in enumerate(rows):
        mapped = {
            key: (row.raw[index] if index < len(row.raw) else "") for key, index in batch.mapping.items()
        }
        for target in importer.fields:
            mapped.setdefault(target.key, "")
        cleaned, problems = importer.validate_row(mapped, context)
        row.values = cleaned if not problems else {}
        row.errors = [
            _("Baris %(row)s, kolom “%(column)s”: %(message)s")
            % {"row": row.row_number, "column": _column_name(batch, importer, key), "message": message}
            for key, message in problems
        ]
        row.fingerprint = importer.fingerprint(cleaned) if not problems else ""
        row.duplicate = False
        if not problems:
            keys_of[position] = importer.duplicate_keys(cleaned)
    all_keys = {key for keys in keys_of.values() for key in keys}
    existing = importer.existing_keys(batch.organisation, all_keys) if all_keys else set()
    fingerprints = [row.fingerprint for row in rows if row.fingerprint]
    imported_before: set[str] = set()
    for start in range(0, len(fingerprints), CHUNK):
        imported_before.update(
            ImportRow.objects.filter(
                batch__organisation=batch.organisation,
                batch__kind=batch.kind,
                outcome=RowOutcome.CREATED,
                fingerprint__in=fingerprints[start : start + CHUNK],
            ).values_list("fingerprint", flat=True)
        )
    seen: set[str] = set()
    for position, row in enumerate(rows):
        keys = keys_of.get(position)
        if keys is None:
            continue
        row.duplicate = row.fingerprint in imported_before or any(k in existing or k in seen for k in keys)
        seen.update(keys)
    _rewrite_rows(batch, rows)
    batch.error_rows = sum(1 for row in rows if row.errors)
    batch.duplicate_rows = sum(1 for row in rows if row.duplicate)
    batch.valid_rows = len(rows) - batch.error_rows - batch.duplicate_rows
    return rows


def _row_errors(count: int) -> ValidationError:
    return ValidationError(
        _(
            "Tidak ada data yang diimpor: %(count)s baris bergalat. Perbaiki berkasnya lalu unggah "
            "lagi, atau pilih “impor hanya baris yang benar”."
        )
        % {"count": count},
        code="row_errors",
    )


def _rewrite_rows(batch: ImportBatch, rows: list[ImportRow]) -> None:
    """Store the rows' new state. Rows are only ever rewritten whole, and nothing points at them, so
    one DELETE and batched INSERTs replace them (an UPDATE per row, or Django's CASE-per-row
    bulk_update, takes minutes for the 20,000 rows a register may hold)."""
    ImportRow.objects.filter(batch=batch).delete()
    for row in rows:
        row.pk = None
        row._state.adding = True
    ImportRow.objects.bulk_create(rows, batch_size=CHUNK)


def confirm(*, actor, batch: ImportBatch, valid_only: bool = False) -> ImportBatch:
    """Create every valid new row in one transaction, or nothing."""
    importer = get_importer(batch.kind)
    require(actor, importer.action, batch)
    with transaction.atomic():
        locked = _locked_open(batch, confirming=True)
        if locked.status not in (BatchStatus.PREVIEWED, BatchStatus.CONFIRMING):
            raise ValidationError(
                _("Periksa pemetaan kolom dan pratinjau terlebih dahulu sebelum mengimpor."),
                code="not_previewed",
            )
        rows = _evaluate(locked, importer)
        if locked.error_rows and not valid_only:
            raise _row_errors(locked.error_rows)
        created: list[dict] = []
        try:
            with transaction.atomic():
                for row in rows:
                    if row.errors:
                        row.outcome = RowOutcome.ERROR
                    elif row.duplicate:
                        row.outcome = RowOutcome.DUPLICATE
                    else:
                        obj = importer.create(row.values, actor=actor, organisation=locked.organisation)
                        row.outcome = RowOutcome.CREATED
                        row.object_id = str(obj.pk)
                        created.append(row.values)
                importer.finish(created, actor=actor, organisation=locked.organisation)
        except IntegrityError as exc:
            raise ValidationError(
                _(
                    "Data kantor berubah ketika impor berjalan (nomor yang sama baru saja dicatat). Tidak "
                    "ada data yang diimpor; buka pratinjau lagi lalu konfirmasi."
                ),
                code="conflict",
            ) from exc
        _rewrite_rows(locked, rows)
        locked.created_rows = len(created)
        locked.valid_only = valid_only
        locked.status = BatchStatus.CONFIRMED
        locked.finished_at = timezone.now()
        locked.failure = ""
        before_status = locked.status
        locked.save()
        audit.record(
            actor=actor,
            action="core.import.confirm",
            obj=locked,
            before={"status": before_status},
            after={"status": BatchStatus.CONFIRMED, "valid_only": valid_only, **_counts(locked)},
        )
    return locked


def request_confirmation(*, actor, batch: ImportBatch, valid_only: bool = False) -> ImportBatch:
    """Queue the confirmation: a large register takes minutes to write, longer than a request may
    last. The batch shows "sedang diimpor" until the task has written everything, or nothing."""
    importer = get_importer(batch.kind)
    require(actor, importer.action, batch)
    with transaction.atomic():
        locked = _locked_open(batch)
        if locked.status != BatchStatus.PREVIEWED:
            raise ValidationError(
                _("Periksa pemetaan kolom dan pratinjau terlebih dahulu sebelum mengimpor."),
                code="not_previewed",
            )
        if locked.error_rows and not valid_only:
            raise _row_errors(locked.error_rows)
        locked.status = BatchStatus.CONFIRMING
        locked.valid_only = valid_only
        locked.confirm_requested_by = actor
        locked.failure = ""
        locked.save(update_fields=["status", "valid_only", "confirm_requested_by", "failure"])
        audit.record(
            actor=actor,
            action="core.import.confirm_request",
            obj=locked,
            before={"status": BatchStatus.PREVIEWED},
            after={"status": BatchStatus.CONFIRMING, "valid_only": valid_only},
        )
        from lontar.core.imports.tasks import confirm_batch  # tasks import this module

        enqueue_on_commit(confirm_batch, locked.pk)
    return locked


def run_confirmation(*, batch_id: int) -> ImportBatch | None:
    """The queued confirmation. Safe to run twice: a batch no longer waiting is left alone. When the
    confirmation is refused (rows changed, permission withdrawn) the batch returns to its preview with
    the reason, and nothing is written."""
    batch = ImportBatch.objects.filter(pk=batch_id, status=BatchStatus.CONFIRMING).first()
    if batch is None:
        return None
    actor = batch.confirm_requested_by
    try:
        return confirm(actor=actor, batch=batch, valid_only=batch.valid_only)
    except (ValidationError, PermissionDenied) as exc:
        reason = (
            " ".join(exc.messages)
            if isinstance(exc, ValidationError)
            else _("Pengunggah tidak lagi berhak mengimpor data ini.")
        )
        with transaction.atomic():
            updated = ImportBatch.objects.filter(pk=batch_id, status=BatchStatus.CONFIRMING).update(
                status=BatchStatus.PREVIEWED, failure=reason
            )
            if updated:
                audit.record(
                    actor=None,
                    action="core.import.confirm_failed",
                    obj=batch,
                    before={"status": BatchStatus.CONFIRMING},
                    after={"status": BatchStatus.PREVIEWED, "failure": reason},
                )
        batch.refresh_from_db()
        return batch


def cancel(*, actor, batch: ImportBatch) -> ImportBatch:
    importer = get_importer(batch.kind)
    require(actor, importer.action, batch)
    with transaction.atomic():
        locked = _locked_open(batch)
        before = {"status": locked.status}
        locked.status = BatchStatus.CANCELLED
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "finished_at"])
        audit.record(
            actor=actor,
            action="core.import.cancel",
            obj=locked,
            before=before,
            after={"status": locked.status},
        )
    return locked
