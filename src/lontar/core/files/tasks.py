"""Background work on stored files. Every task is idempotent: a retry redoes nothing harmful."""

from __future__ import annotations

from django_tasks import task

from lontar.core.files import audience, services


@task()
def process_stored_file(stored_file_id: int) -> int:
    """Extract the text (PDFs) and index the file; returns the number of characters extracted."""
    stored = services.extract_text(stored_file_id=stored_file_id)
    if stored is None:
        return 0
    services.index_file(stored_file=stored)
    audience.owner_text_extracted(stored)
    return len(stored.extracted_text)
