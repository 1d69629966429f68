"""Reads of issued documents."""

from __future__ import annotations

from django.db.models import Q

from lontar.core.documents.models import IssuedDocument
from lontar.core.permissions import VIEW_DOCUMENT, get_visible_or_404


def documents_for(user, *, query: str = ""):
    """Issued documents of the offices the user may see, newest first."""
    qs = IssuedDocument.objects.visible_to(user).select_related("organisation")
    query = query.strip()
    if query:
        qs = qs.filter(Q(number__icontains=query) | Q(title__icontains=query))
    return qs.order_by("-issued_at", "-pk")


def document_for_verification(token: str) -> IssuedDocument | None:
    """The public lookup: by unguessable token only, with the office for display."""
    if not token or len(token) > 64:
        return None
    return IssuedDocument.objects.select_related("organisation").filter(verification_token=token).first()


def document_for(user, pk) -> IssuedDocument:
    """One issued document the user may see, or 404."""
    return get_visible_or_404(
        user, IssuedDocument.objects.select_related("organisation"), VIEW_DOCUMENT, pk=pk
    )
