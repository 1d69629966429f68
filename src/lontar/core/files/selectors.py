"""Reads of stored files."""

from __future__ import annotations

from lontar.core.files.models import StoredFile
from lontar.core.files.services import VIEW_FILE
from lontar.core.permissions import get_visible_or_404


def file_for(user, pk) -> StoredFile:
    """One stored file the user may open, or 404 (files follow the audience of what they belong to)."""
    return get_visible_or_404(user, StoredFile.objects.for_listing(), VIEW_FILE, pk=pk)
