"""Every write of the records module: the classification tree, files and their items, retention,
loans and disposal (destruction or transfer). One function per use case, keyword-only arguments,
one transaction, a permission check and an audit entry each.

Other modules file what they produce through `file_item`; records imports no other domain module
(docs/decisions/0003), so the caller passes in the object being filed.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.documents.services import issue_document
from lontar.core.models import Organisation, PositionAssignment
from lontar.core.numbering.services import take_number
from lontar.core.permissions import require, visible_organisation_ids
from lontar.core.search import services as search
from lontar.core.workdays.calendar import add_working_days, organisation_today
from lontar.core.workflow import TransitionNotAllowed
from lontar.core.workflow.services import transition
from lontar.records.models import (
    HIGHER_APPROVAL_YEARS,
    Classification,
    ClassificationScheme,
    DisposalKind,
    DisposalProposal,
    DisposalStatus,
    FinalDisposition,
    RecordFile,
    RecordFileStatus,
    RecordItem,
    RecordLoan,
    add_years,
    ancestor_codes,
    code_validator,
)
from lontar.records.permissions import (
    APPROVE_DISPOSAL,
    MANAGE_CLASSIFICATION,
    MANAGE_FILE,
    MANAGE_LOAN,
    PROPOSE_DISPOSAL,
)

SHIPPED_CLASSIFICATION = Path(__file__).resolve().parent / "data" / "klasifikasi_83_2022.csv"
IMPORT_COLUMNS = ("scheme", "code", "title", "active_years", "inactive_years", "final_disposition", "note")
CLASSIFICATION_FIELDS = (
    "title",
    "description",
    "active_years",
    "inactive_years",
    "final_disposition",
    "retention_note",
    "is_active",
)
FILE_FIELDS = ("number", "title", "classification_id", "unit_id", "opened_on", "location", "description")
# Document types for the numbering templates of the two disposal reports.
REPORT_TYPES = {
    DisposalKind.DESTRUCTION: ("berita_acara_pemusnahan", "000.5.6.2"),
    DisposalKind.TRANSFER: ("berita_acara_penyerahan", "000.5.6.3"),
}
MAX_IMPORT_ROWS = 5000


# --- classification tree ---------------------------------------------------------------------------


@dataclass
class ImportRow:
    line: int
    scheme: str
    code: str
    title: str
    active_years: int | None
    inactive_years: int | None
    final_disposition: str
    note: str
    action: str = ""  # "create", "update" or "unchanged", set by the preview


@dataclass
class ImportPreview:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(row.action for row in self.rows)

    def as_data(self) -> list[dict]:
        return [
            {
                k: getattr(row, k)
                for k in ("line", "scheme", "code", "title", "active_years", "inactive_years")
            }
            | {"final_disposition": row.final_disposition, "note": row.note}
            for row in self.rows
        ]


_HEADER_ALIASES = {
    "dasar": "scheme",
    "skema": "scheme",
    "kode": "code",
    "uraian": "title",
    "judul": "title",
    "aktif": "active_years",
    "retensi_aktif": "active_years",
    "inaktif": "inactive_years",
    "retensi_inaktif": "inactive_years",
    "keterangan_akhir": "final_disposition",
    "nasib_akhir": "final_disposition",
    "catatan": "note",
    "keterangan": "note",
}
_DISPOSITIONS = {
    "musnah": FinalDisposition.DESTROY,
    "permanen": FinalDisposition.PERMANENT,
    "dinilai kembali": FinalDisposition.REAPPRAISE,
    "dinilai_kembali": FinalDisposition.REAPPRAISE,
}


def _header_key(value) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", str(value or "").strip().lower()).strip("_")
    return _HEADER_ALIASES.get(key, key)


def read_table(uploaded_file) -> list[dict]:
    """The rows of an uploaded CSV or XLSX as dicts keyed by column (first row: headers)."""
    name = (getattr(uploaded_file, "name", "") or "").lower()
    data = uploaded_file.read()
    if name.endswith(".xlsx"):
        table = _xlsx_rows(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _csv_rows(data)
    else:
        raise ValidationError(_("Berkas harus berformat CSV atau XLSX."))
    if not table:
        raise ValidationError(_("Berkas kosong."))
    headers = [_header_key(h) for h in table[0]]
    missing = [c for c in ("code", "title") if c not in headers]
    if missing:
        raise ValidationError(
            _("Kolom wajib tidak ditemukan: %(cols)s. Baris pertama harus berisi nama kolom (%(all)s).")
            % {"cols": ", ".join(missing), "all": ", ".join(IMPORT_COLUMNS)}
        )
    rows = []
    for values in table[1:]:
        if not any(str(v or "").strip() for v in values):
            continue
        rows.append({h: values[i] if i < len(values) else "" for i, h in enumerate(headers)})
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError(_("Paling banyak %(max)s baris per impor.") % {"max": MAX_IMPORT_ROWS})
    return rows


def _csv_rows(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged file
        raise ValidationError(_("Berkas XLSX tidak dapat dibaca.")) from exc
    sheet = workbook.worksheets[0]
    rows = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _years(value, label: str, errors: list[str], line: int) -> int | None:
    text = str(value if value is not None else "").strip()
    if text == "" or text == "-":
        return None
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not text.isdigit() or int(text) > 100:
        errors.append(
            _("Baris %(line)s: %(label)s harus berupa angka tahun 0 sampai 100, bukan “%(value)s”.")
            % {"line": line, "label": label, "value": text}
        )
        return None
    return int(text)


def parse_rows(raw_rows: list[dict]) -> ImportPreview:
    """Check every row and say what importing it would do; writes nothing."""
    preview = ImportPreview()
    seen: set[tuple[str, str]] = set()
    for index, raw in enumerate(raw_rows, start=2):
        errors = preview.errors
        before = len(errors)
        scheme = str(raw.get("scheme") or "").strip() or ClassificationScheme.PERMENDAGRI_83_2022
        code = str(raw.get("code") or "").strip()
        title = " ".join(str(raw.get("title") or "").split())
        disposition_text = " ".join(str(raw.get("final_disposition") or "").split()).lower()
        if scheme not in ClassificationScheme.values:
            errors.append(
                _("Baris %(line)s: dasar klasifikasi “%(value)s” tidak dikenal (pakai 83/2022 atau 78/2012).")
                % {"line": index, "value": scheme}
            )
        try:
            code_validator(code)
        except ValidationError:
            errors.append(_("Baris %(line)s: kode “%(code)s” tidak sah.") % {"line": index, "code": code})
        if not title:
            errors.append(_("Baris %(line)s: uraian wajib diisi.") % {"line": index})
        elif len(title) > 255:
            errors.append(_("Baris %(line)s: uraian paling panjang 255 karakter.") % {"line": index})
        if disposition_text and disposition_text not in _DISPOSITIONS:
            errors.append(
                _(
                    "Baris %(line)s: keterangan akhir “%(value)s” tidak dikenal "
                    "(musnah, permanen, dinilai kembali)."
                )
                % {"line": index, "value": disposition_text}
            )
        if (scheme, code) in seen:
            errors.append(_("Baris %(line)s: kode %(code)s muncul dua kali.") % {"line": index, "code": code})
        seen.add((scheme, code))
        active = _years(raw.get("active_years"), _("retensi aktif"), errors, index)
        inactive = _years(raw.get("inactive_years"), _("retensi inaktif"), errors, index)
        if len(errors) == before:
            preview.rows.append(
                ImportRow(
                    line=index,
                    scheme=scheme,
                    code=code,
                    title=title,
                    active_years=active,
                    inactive_years=inactive,
                    final_disposition=_DISPOSITIONS.get(disposition_text, ""),
                    note=" ".join(str(raw.get("note") or "").split())[:255],
                )
            )
    _mark_actions(preview)
    return preview


def _row_values(row: ImportRow) -> dict:
    return {
        "title": row.title,
        "active_years": row.active_years,
        "inactive_years": row.inactive_years,
        "final_disposition": row.final_disposition,
        "retention_note": row.note,
    }


def _mark_actions(preview: ImportPreview) -> None:
    existing = {
        (c.scheme, c.code): c
        for c in Classification.objects.filter(code__in=[r.code for r in preview.rows]).only(
            "scheme", "code", *CLASSIFICATION_FIELDS
        )
    }
    for row in preview.rows:
        current = existing.get((row.scheme, row.code))
        if current is None:
            row.action = "create"
        elif any(getattr(current, k) != v for k, v in _row_values(row).items()):
            row.action = "update"
        else:
            row.action = "unchanged"


def preview_rows_from(data: list[dict]) -> ImportPreview:
    """Rebuild a preview from `ImportPreview.as_data()` (kept in the session between preview and
    confirmation), re-checked against the tree as it is now."""
    return parse_rows(
        [
            {
                "scheme": d["scheme"],
                "code": d["code"],
                "title": d["title"],
                "active_years": "" if d["active_years"] is None else d["active_years"],
                "inactive_years": "" if d["inactive_years"] is None else d["inactive_years"],
                "final_disposition": d["final_disposition"],
                "note": d["note"],
            }
            for d in data
        ]
    )


def import_classifications(*, actor, preview: ImportPreview, source: str = "") -> Counter:
    """Create or update the codes of a checked preview; unchanged codes are left alone, so importing
    the same file twice changes nothing the second time. Refuses, writing nothing, when the preview
    has errors. `actor=None` is the system (the management command, the demo)."""
    if actor is not None:
        require(actor, MANAGE_CLASSIFICATION)
    if preview.errors:
        raise ValidationError(preview.errors)
    counts: Counter = Counter()
    changed: dict[str, list[str]] = {"create": [], "update": []}
    with transaction.atomic():
        # Parents first: a code's parent is the nearest ancestor in the tree or earlier in the file.
        rows = sorted(preview.rows, key=lambda r: (r.scheme, r.code.count("."), len(r.code), r.code))
        by_key = {
            (c.scheme, c.code): c
            for c in Classification.objects.select_for_update().filter(code__in=[r.code for r in rows])
        }
        for row in rows:
            current = by_key.get((row.scheme, row.code))
            values = _row_values(row)
            if current is not None and all(getattr(current, k) == v for k, v in values.items()):
                counts["unchanged"] += 1
                continue
            parent = _nearest_parent(row.scheme, row.code)
            if current is None:
                current = Classification(scheme=row.scheme, code=row.code, parent=parent, **values)
                action = "create"
            else:
                for k, v in values.items():
                    setattr(current, k, v)
                current.parent = parent
                action = "update"
            current.full_clean(validate_unique=False)
            current.save()
            by_key[(row.scheme, row.code)] = current
            counts[action] += 1
            changed[action].append(f"{row.scheme} {row.code}")
        if counts["create"] or counts["update"]:
            audit.record(
                actor=actor,
                action="records.classification_import",
                object_type="records.classification",
                object_repr=source or _("impor klasifikasi"),
                after={
                    "dibuat": counts["create"],
                    "diubah": counts["update"],
                    "kode_dibuat": changed["create"][:200],
                    "kode_diubah": changed["update"][:200],
                },
            )
    return counts


def _nearest_parent(scheme: str, code: str) -> Classification | None:
    """The closest ancestor present in the tree (a published list sometimes skips a level)."""
    for ancestor in ancestor_codes(scheme, code):
        found = Classification.objects.filter(scheme=scheme, code=ancestor).first()
        if found is not None:
            return found
    return None


def import_shipped_classification(*, actor=None) -> Counter:
    """Import the tree shipped with Lontar (`records/data/klasifikasi_83_2022.csv`)."""
    with SHIPPED_CLASSIFICATION.open("rb") as handle:
        preview = parse_rows(read_table(handle))
    return import_classifications(actor=actor, preview=preview, source=SHIPPED_CLASSIFICATION.name)


def update_classification(*, actor, classification: Classification, **values) -> Classification:
    """Change a code's description and retention (JRA). The code and its place in the tree stay."""
    require(actor, MANAGE_CLASSIFICATION)
    unknown = set(values) - set(CLASSIFICATION_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        current = Classification.objects.select_for_update().get(pk=classification.pk)
        before = audit.snapshot(current, CLASSIFICATION_FIELDS)
        for k, v in values.items():
            setattr(current, k, v)
        current.full_clean()
        current.save()
        after = audit.snapshot(current, CLASSIFICATION_FIELDS)
        changed_before, changed_after = audit.changes(before, after)
        if changed_after:
            audit.record(
                actor=actor,
                action="records.classification_update",
                obj=current,
                before=changed_before,
                after=changed_after,
            )
    return current


# --- files and items -------------------------------------------------------------------------------


def open_file(
    *,
    actor,
    organisation: Organisation,
    number: str,
    title: str,
    classification: Classification,
    opened_on: date | None = None,
    unit=None,
    location: str = "",
    description: str = "",
) -> RecordFile:
    """Open a new file (berkas) under a current classification code."""
    require(actor, MANAGE_FILE, organisation=organisation)
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError({"unit": _("Unit pengolah harus unit kantor ini.")})
    if classification.scheme != ClassificationScheme.PERMENDAGRI_83_2022 or not classification.is_active:
        raise ValidationError(
            {"classification": _("Berkas baru memakai kode klasifikasi Permendagri 83/2022 yang aktif.")}
        )
    record_file = RecordFile(
        organisation=organisation,
        number=(number or "").strip(),
        title=(title or "").strip(),
        classification=classification,
        unit=unit,
        opened_on=opened_on or organisation_today(organisation),
        location=(location or "").strip(),
        description=(description or "").strip(),
        created_by=actor,
    )
    _check_number_free(record_file)
    record_file.full_clean(
        exclude=["status", "status_changed_at", "due_date"], validate_unique=False, validate_constraints=False
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                record_file.save()
        except IntegrityError as exc:
            raise _number_taken(record_file) from exc
        audit.record(
            actor=actor,
            action="records.file_open",
            obj=record_file,
            after=audit.snapshot(record_file, FILE_FIELDS),
        )
        index_file(record_file)
    return record_file


def _number_taken(record_file) -> ValidationError:
    return ValidationError(
        {"number": _("Nomor berkas %(number)s sudah dipakai di kantor ini.") % {"number": record_file.number}}
    )


def _check_number_free(record_file) -> None:
    clash = RecordFile.objects.filter(
        organisation_id=record_file.organisation_id, number__iexact=record_file.number
    ).exclude(pk=record_file.pk)
    if clash.exists():
        raise _number_taken(record_file)


def index_file(record_file: RecordFile) -> None:
    """(Re)write the file's search entry: number, title, code, location and the items' descriptions,
    found by those who may read the office's files."""
    items = RecordItem.objects.filter(record_file=record_file).values_list("description", flat=True)
    classification = record_file.classification
    search.index(
        obj=record_file,
        organisation=record_file.organisation,
        title=f"{record_file.number} {record_file.title}",
        body="\n".join(
            [
                f"{classification.code} {classification.title}",
                record_file.location,
                record_file.description,
                *items,
            ]
        ),
        url=reverse("records:file_detail", args=[record_file.pk]),
        kind="berkas_arsip",
        occurred_on=record_file.opened_on,
        classification_code=classification.code,
        unit_id=record_file.unit_id,
        status=record_file.status,
    )


def update_file(*, actor, record_file: RecordFile, **values) -> RecordFile:
    """Change a file's description fields (title, unit, physical location, note). A closed file keeps
    its classification, since its retention was fixed from it."""
    require(actor, MANAGE_FILE, record_file)
    allowed = {"number", "title", "unit", "location", "description", "classification"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        current = RecordFile.objects.select_for_update().get(pk=record_file.pk)
        before = audit.snapshot(current, FILE_FIELDS)
        if (
            "classification" in values
            and values["classification"].pk != current.classification_id
            and not current.is_open
        ):
            raise ValidationError(
                {"classification": _("Kode klasifikasi berkas yang sudah ditutup tidak dapat diubah.")}
            )
        unit = values.get("unit")
        if unit is not None and unit.organisation_id != current.organisation_id:
            raise ValidationError({"unit": _("Unit pengolah harus unit kantor ini.")})
        for k, v in values.items():
            setattr(current, k, v.strip() if isinstance(v, str) else v)
        _check_number_free(current)
        current.full_clean(
            exclude=["status", "status_changed_at", "due_date"],
            validate_unique=False,
            validate_constraints=False,
        )
        current.save()
        changed_before, changed_after = audit.changes(before, audit.snapshot(current, FILE_FIELDS))
        if changed_after:
            audit.record(
                actor=actor,
                action="records.file_update",
                obj=current,
                before=changed_before,
                after=changed_after,
            )
            index_file(current)
    return current


def file_item(
    *,
    actor,
    record_file: RecordFile,
    obj=None,
    description: str,
    item_date: date,
    stored_file=None,
) -> RecordItem:
    """File a document into an open file. `obj` is the object it came from (an incoming letter, an
    issued document ...) or None for a paper document; filing the same object into the same file again
    returns the existing item. The caller's object must belong to the file's office."""
    require(actor, MANAGE_FILE, record_file)
    description = " ".join((description or "").split())
    if not description:
        raise ValidationError({"description": _("Uraian isi berkas wajib diisi.")})
    if item_date is None:
        raise ValidationError({"item_date": _("Tanggal isi berkas wajib diisi.")})
    for thing in (obj, stored_file):
        owner = getattr(thing, "organisation_id", None)
        if thing is not None and owner is not None and owner != record_file.organisation_id:
            raise ValidationError(_("Yang diberkaskan harus milik kantor yang sama dengan berkasnya."))
    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    object_id = str(obj.pk) if obj is not None else ""
    with transaction.atomic():
        locked = RecordFile.objects.select_for_update().get(pk=record_file.pk)
        if not locked.is_open:
            raise ValidationError(_("Berkas %(number)s sudah ditutup.") % {"number": locked.number})
        if obj is not None:
            existing = RecordItem.objects.filter(
                record_file=locked, content_type=content_type, object_id=object_id
            ).first()
            if existing is not None:
                return existing
        item = RecordItem.objects.create(
            organisation_id=locked.organisation_id,
            record_file=locked,
            content_type=content_type,
            object_id=object_id,
            description=description[:500],
            item_date=item_date,
            stored_file=stored_file,
            filed_by=actor,
        )
        audit.record(
            actor=actor,
            action="records.item_file",
            obj=locked,
            after={
                "uraian": item.description,
                "tanggal": item_date,
                "objek": f"{content_type.app_label}.{content_type.model}#{object_id}" if content_type else "",
                "pindaian": stored_file.original_name if stored_file else "",
            },
        )
        index_file(locked)
    return item


def close_file(*, actor, record_file: RecordFile, closed_on: date | None = None) -> RecordFile:
    """Close a file: no more items; its retention starts counting from `closed_on`, with the JRA of its
    classification as it stands today."""
    require(actor, MANAGE_FILE, record_file)
    with transaction.atomic():
        current = (
            RecordFile.objects.select_for_update().select_related("classification").get(pk=record_file.pk)
        )
        if not current.is_open:
            raise ValidationError(_("Berkas %(number)s sudah ditutup.") % {"number": current.number})
        closed_on = closed_on or organisation_today(current.organisation)
        if closed_on < current.opened_on:
            raise ValidationError({"closed_on": _("Tanggal ditutup tidak boleh sebelum tanggal dibuka.")})
        if closed_on > organisation_today(current.organisation):
            raise ValidationError({"closed_on": _("Tanggal ditutup tidak boleh di masa depan.")})
        classification = current.classification
        current.closed_on = closed_on
        current.active_years = classification.active_years
        current.inactive_years = classification.inactive_years
        current.final_disposition = classification.final_disposition
        _set_retention_dates(current)
        current.save(
            update_fields=[
                "closed_on",
                "active_years",
                "inactive_years",
                "final_disposition",
                "active_until",
                "retention_until",
            ]
        )
        audit.record(
            actor=actor,
            action="records.file_close",
            obj=current,
            after={
                "closed_on": closed_on,
                "active_until": current.active_until,
                "retention_until": current.retention_until,
                "final_disposition": current.final_disposition,
            },
        )
    return current


def _set_retention_dates(record_file: RecordFile) -> None:
    """Active until closing date + active years; retention ends after the inactive years on top.
    Without a complete schedule (JRA belum ditetapkan) the dates stay empty and nothing moves."""
    if record_file.active_years is None or record_file.closed_on is None:
        record_file.active_until = record_file.retention_until = None
        return
    record_file.active_until = add_years(record_file.closed_on, record_file.active_years)
    record_file.retention_until = (
        add_years(record_file.active_until, record_file.inactive_years)
        if record_file.inactive_years is not None and record_file.final_disposition
        else None
    )


def apply_retention(*, today: date | None = None, organisation: Organisation | None = None) -> int:
    """Move every closed file whose active retention has run out to inactive, as the system.

    A file closed on 2 January 2025 with 2 active years becomes inactive on 2 January 2027 (not a day
    earlier). Each office is judged by its own today unless `today` is given. Safe to run any number of
    times and concurrently: only files still active are picked, and the transition re-reads the state
    under a row lock.
    """
    moved = 0
    offices = Organisation.objects.filter(pk=organisation.pk) if organisation else Organisation.objects.all()
    for office in offices.filter(is_active=True):
        office_today = today or organisation_today(office)
        due = list(
            RecordFile.objects.filter(organisation=office)
            .due_for_inactive(office_today)
            .values_list("pk", flat=True)
        )
        for pk in due:
            with transaction.atomic():
                record_file = RecordFile.objects.select_for_update().get(pk=pk)
                if record_file.status != RecordFileStatus.ACTIVE:
                    continue
                try:
                    transition(
                        obj=record_file,
                        name="deactivate",
                        actor=None,
                        note=_("Retensi aktif berakhir %(date)s.")
                        % {"date": record_file.active_until.isoformat()},
                    )
                except TransitionNotAllowed:
                    continue
                moved += 1
    return moved


# --- loans -----------------------------------------------------------------------------------------

DEFAULT_LOAN_WORKING_DAYS = 5


def lend_file(
    *,
    actor,
    record_file: RecordFile,
    borrower,
    purpose: str,
    loan_date: date | None = None,
    working_days: int = DEFAULT_LOAN_WORKING_DAYS,
) -> RecordLoan:
    """Lend the physical file to a member of the office, due back after `working_days` working days."""
    require(actor, MANAGE_LOAN, record_file)
    purpose = " ".join((purpose or "").split())
    if not purpose:
        raise ValidationError({"purpose": _("Keperluan peminjaman wajib diisi.")})
    if not 1 <= working_days <= 60:
        raise ValidationError({"working_days": _("Lama pinjam 1 sampai 60 hari kerja.")})
    if borrower is None or record_file.organisation_id not in visible_organisation_ids(borrower):
        raise ValidationError({"borrower": _("Peminjam harus pegawai kantor ini.")})
    with transaction.atomic():
        current = RecordFile.objects.select_for_update().get(pk=record_file.pk)
        if current.status in (RecordFileStatus.DESTROYED, RecordFileStatus.TRANSFERRED):
            raise ValidationError(
                _("Berkas %(number)s sudah %(status)s dan tidak dapat dipinjam.")
                % {"number": current.number, "status": current.get_status_display()}
            )
        if RecordLoan.objects.filter(record_file=current, returned_on__isnull=True).exists():
            raise ValidationError(_("Berkas %(number)s sedang dipinjam.") % {"number": current.number})
        loan_date = loan_date or organisation_today(current.organisation)
        loan = RecordLoan.objects.create(
            organisation_id=current.organisation_id,
            record_file=current,
            borrower=borrower,
            purpose=purpose[:255],
            loan_date=loan_date,
            due_date=add_working_days(loan_date, working_days, organisation=current.organisation),
            lent_by=actor,
        )
        audit.record(
            actor=actor,
            action="records.loan_create",
            obj=current,
            after={
                "peminjam": borrower.display_name,
                "keperluan": loan.purpose,
                "batas_kembali": loan.due_date,
            },
        )
    return loan


def return_loan(*, actor, loan: RecordLoan, returned_on: date | None = None) -> RecordLoan:
    require(actor, MANAGE_LOAN, loan)
    with transaction.atomic():
        current = RecordLoan.objects.select_for_update().select_related("record_file").get(pk=loan.pk)
        if current.returned_on is not None:
            raise ValidationError(_("Peminjaman ini sudah dikembalikan."))
        returned_on = returned_on or organisation_today(current.organisation)
        if returned_on < current.loan_date:
            raise ValidationError({"returned_on": _("Tanggal kembali tidak boleh sebelum tanggal pinjam.")})
        current.returned_on = returned_on
        current.returned_to = actor
        current.save(update_fields=["returned_on", "returned_to"])
        audit.record(
            actor=actor,
            action="records.loan_return",
            obj=current.record_file,
            after={"peminjam": current.borrower.display_name, "tanggal_kembali": returned_on},
        )
    return current


# --- disposal: destruction and transfer ------------------------------------------------------------


def propose_disposal(
    *, actor, organisation: Organisation, kind: str, files, reason: str = ""
) -> DisposalProposal:
    """Propose destroying (kind "musnah") or transferring (kind "permanen") files whose retention has
    ended and whose final disposition is that kind. A file sits in at most one open proposal."""
    require(actor, PROPOSE_DISPOSAL, organisation=organisation)
    if kind not in DisposalKind.values:
        raise ValidationError({"kind": _("Jenis usul tidak dikenal.")})
    file_ids = sorted({f.pk for f in files})
    if not file_ids:
        raise ValidationError({"files": _("Pilih sedikitnya satu berkas.")})
    today = organisation_today(organisation)
    with transaction.atomic():
        locked = list(
            RecordFile.objects.select_for_update()
            .filter(pk__in=file_ids, organisation=organisation)
            .order_by("pk")
        )
        if len(locked) != len(file_ids):
            raise ValidationError({"files": _("Ada berkas yang bukan milik kantor ini.")})
        due_ids = set(
            RecordFile.objects.filter(pk__in=file_ids)
            .due_for_disposal(today, kind)
            .values_list("pk", flat=True)
        )
        pending = set(
            DisposalProposal.objects.filter(status=DisposalStatus.PROPOSED, files__in=file_ids).values_list(
                "files", flat=True
            )
        )
        problems = []
        for record_file in locked:
            if record_file.pk not in due_ids:
                problems.append(
                    _("Berkas %(number)s belum waktunya atau keterangan akhirnya bukan %(kind)s.")
                    % {"number": record_file.number, "kind": DisposalKind(kind).label}
                )
            elif record_file.pk in pending:
                problems.append(
                    _("Berkas %(number)s sudah ada dalam usul lain.") % {"number": record_file.number}
                )
        if problems:
            raise ValidationError({"files": problems})
        needs_higher = kind == DisposalKind.DESTRUCTION and any(
            (f.total_retention_years or 0) >= HIGHER_APPROVAL_YEARS for f in locked
        )
        proposal = DisposalProposal.objects.create(
            organisation=organisation,
            kind=kind,
            reason=(reason or "").strip(),
            needs_higher_approval=needs_higher,
            proposed_by=actor,
        )
        proposal.files.set(locked)
        audit.record(
            actor=actor,
            action="records.disposal_propose",
            obj=proposal,
            after={
                "jenis": kind,
                "berkas": [f.number for f in locked],
                "perlu_persetujuan_lebih_tinggi": needs_higher,
            },
        )
    return proposal


def _signatory_assignment(actor, organisation, day):
    candidates = PositionAssignment.objects.filter(
        organisation=organisation, staff__user=actor, start_date__lte=day
    ).select_related("position", "staff")
    for assignment in candidates:
        if assignment.in_force_on(day):
            return assignment
    return None


def approve_disposal(
    *, actor, proposal: DisposalProposal, higher_approval_reference: str = "", note: str = ""
) -> DisposalProposal:
    """Approve: the berita acara is numbered, rendered, signed by the approver and stored, and every
    file is marked destroyed (or transferred), all in one transaction. A destruction flagged as needing
    higher approval (retention of ten years or more) needs the reference of that approval."""
    require(actor, APPROVE_DISPOSAL, proposal)
    reference = (higher_approval_reference or "").strip()
    with transaction.atomic():
        current = DisposalProposal.objects.select_for_update().get(pk=proposal.pk)
        if current.status != DisposalStatus.PROPOSED:
            raise ValidationError(_("Usul ini sudah diputuskan."))
        if current.needs_higher_approval and not reference:
            raise ValidationError(
                {
                    "higher_approval_reference": _(
                        "Usul ini memuat arsip dengan retensi %(years)s tahun atau lebih: isi nomor surat "
                        "persetujuan Kepala ANRI/lembaga kearsipan sebelum menyetujui."
                    )
                    % {"years": HIGHER_APPROVAL_YEARS}
                }
            )
        organisation = current.organisation
        files = list(current.files.select_related("classification", "unit").order_by("number"))
        today = organisation_today(organisation)
        document_type, code = REPORT_TYPES[current.kind]
        number = take_number(
            organisation=organisation,
            document_type=document_type,
            actor=actor,
            classification_code=code,
            on_date=today,
        )
        assignment = _signatory_assignment(actor, organisation, today)
        signatory = (
            {"signatory_assignment": assignment}
            if assignment is not None
            else {
                "signatory_name": actor.display_name,
                "signatory_position": _("Pimpinan %(org)s") % {"org": organisation.name},
            }
        )
        is_destruction = current.kind == DisposalKind.DESTRUCTION
        title = _("Pemusnahan arsip") if is_destruction else _("Penyerahan arsip statis")
        body = render_to_string(
            "records/pdf/disposal_report.html",
            {
                "proposal": current,
                "files": files,
                "is_destruction": is_destruction,
                "reference": reference,
                "organisation": organisation,
                "today": today,
            },
        )
        document = issue_document(
            organisation=organisation,
            actor=actor,
            document_type="berita-acara",
            document_type_name=_("Berita Acara Pemusnahan Arsip")
            if is_destruction
            else _("Berita Acara Serah Terima Arsip Statis"),
            number=number.number,
            title=title,
            body_html=body,
            document_date=today,
            source=current,
            **signatory,
        )
        step = "destroy" if is_destruction else "transfer"
        for record_file in files:
            transition(
                obj=record_file,
                name=step,
                actor=actor,
                note=_("Berita acara %(number)s") % {"number": number.number},
            )
        transition(obj=current, name="approve", actor=actor, note=note)
        current.refresh_from_db()
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.higher_approval_reference = reference
        current.report = document
        current.save(update_fields=["decided_by", "decided_at", "higher_approval_reference", "report"])
        audit.record(
            actor=actor,
            action="records.disposal_approve",
            obj=current,
            after={
                "berita_acara": number.number,
                "berkas": [f.number for f in files],
                "persetujuan": reference,
            },
        )
    return current


def reject_disposal(*, actor, proposal: DisposalProposal, reason: str) -> DisposalProposal:
    """Reject with a reason; the files stay inactive and may be proposed again."""
    require(actor, APPROVE_DISPOSAL, proposal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan penolakan wajib diisi.")})
    with transaction.atomic():
        transition(obj=proposal, name="reject", actor=actor, note=reason)
        current = DisposalProposal.objects.get(pk=proposal.pk)
        current.rejection_reason = reason
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.save(update_fields=["rejection_reason", "decided_by", "decided_at"])
        audit.record(actor=actor, action="records.disposal_reject", obj=current, after={"alasan": reason})
    return current
