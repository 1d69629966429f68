from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from lontar.core.files.selectors import file_for
from lontar.core.files.validation import SAFE_CONTENT_TYPES


@login_required
def download(request, pk: int):
    """Always an attachment, with the detected type and no sniffing: the browser never renders it."""
    stored = file_for(request.user, pk)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = (
        stored.content_type if stored.content_type in SAFE_CONTENT_TYPES else "application/octet-stream"
    )
    response = FileResponse(
        handle, as_attachment=True, filename=stored.original_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
