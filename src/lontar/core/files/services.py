"""Every write to stored files: storing an upload and extracting its text."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lontar.core import audit
from lontar.core.background import enqueue_on_commit
from lontar.core.files import audience
from lontar.core.files.models import StoredFile
from lontar.core.files.validation import validate_upload
from lontar.core.permissions import require

logger = logging.getLogger(__name__)

UPLOAD_FILE = "core.upload_file"
VIEW_FILE = "core.view_file"
AUDITED_FIELDS = ["original_name", "file", "content_type", "size", "sha256", "owner_type", "owner_id"]


def store_upload(*, organisation, actor, uploaded_file, owner=None) -> StoredFile:
    """Validate and store an upload for `organisation`, attached to `owner` if given.

    `actor` is the signed-in user, checked for `core.upload_file`; it is None only when a module
    stores a file for a public action it has already authorised (a citizen's application).
    Text extraction and indexing run as a task after the commit.
    """
    if actor is not None:
        require(actor, UPLOAD_FILE, organisation=organisation)
    owner_org_id = getattr(owner, "organisation_id", None)
    if owner is not None and owner_org_id is not None and owner_org_id != organisation.pk:
        raise ValidationError(_("Berkas harus milik kantor yang sama dengan dokumennya."), code="owner")
    checked = validate_upload(uploaded_file)
    stored = StoredFile(
        organisation=organisation,
        original_name=checked.name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    if owner is not None:
        stored.owner = owner
    stored.file.save(f"berkas.{checked.kind.extension}", uploaded_file, save=False)
    try:
        with transaction.atomic():
            stored.save()
            audit.record(
                actor=actor,
                action="core.file.upload",
                obj=stored,
                after=audit.snapshot(stored, AUDITED_FIELDS),
            )
            _queue_processing(stored.pk)
    except BaseException:
        # The row never existed, so the bytes must not outlive it.
        stored.file.storage.delete(stored.file.name)
        raise
    return stored


def _queue_processing(stored_file_id: int) -> None:
    """Extract and index the file after commit; a queue that is down must not fail the upload."""
    from lontar.core.files.tasks import process_stored_file  # tasks import this module

    enqueue_on_commit(process_stored_file, stored_file_id)


def extract_max_pages() -> int:
    return getattr(settings, "LONTAR_EXTRACT_MAX_PAGES", 500)


def extract_max_chars() -> int:
    return getattr(settings, "LONTAR_EXTRACT_MAX_CHARS", 1_000_000)


def _pdf_text(stored: StoredFile) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    parts: list[str] = []
    total = 0
    try:
        with stored.file.open("rb") as handle:
            reader = PdfReader(handle)
            if reader.is_encrypted and not reader.decrypt(""):
                return ""
            for page_number, page in enumerate(reader.pages):
                if page_number >= extract_max_pages() or total >= extract_max_chars():
                    break
                text = page.extract_text() or ""
                parts.append(text)
                total += len(text)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        # A damaged PDF still stays downloadable; it is just not searchable by its content.
        logger.warning("Cannot extract text from stored file %s: %s", stored.pk, exc)
    return "\n".join(parts).replace("\x00", " ")[: extract_max_chars()]


def extract_text(*, stored_file_id: int) -> StoredFile | None:
    """Fill `extracted_text` once. Running it again (a retried task) changes nothing."""
    stored = StoredFile.objects.filter(pk=stored_file_id).first()
    if stored is None or stored.text_extracted_at is not None:
        return stored
    text = _pdf_text(stored) if stored.is_pdf else ""
    with transaction.atomic():
        updated = StoredFile.objects.filter(pk=stored.pk, text_extracted_at__isnull=True).update(
            extracted_text=text, text_extracted_at=timezone.now()
        )
        if updated:
            audit.record(
                actor=None,
                action="core.file.text_extracted",
                obj=stored,
                after={"characters": len(text)},
            )
    stored.refresh_from_db()
    return stored


def index_file(*, stored_file: StoredFile) -> None:
    """(Re)write the file's search entry: its name as title, its extracted text as body."""
    from lontar.core.search.services import index

    who = audience.audience_of(stored_file)
    index(
        obj=stored_file,
        organisation=stored_file.organisation,
        title=stored_file.original_name,
        body=stored_file.extracted_text,
        url=reverse("core:file_download", args=[stored_file.pk]),
        restricted=who.restricted,
        allowed_user_ids=who.user_ids,
        **{
            "kind": "lampiran",
            "occurred_on": timezone.localdate(stored_file.uploaded_at),
            **audience.search_facets_of(stored_file),
        },
    )
