"""Numbering reads, scoped to the user."""

from __future__ import annotations

from lontar.core.models import Organisation
from lontar.core.numbering.models import IssuedNumber, NumberCounter, NumberingTemplate, counter_key_for
from lontar.core.permissions import (
    MANAGE_NUMBERING,
    authorize,
    get_visible_or_404,
    visible_organisation_ids,
)


def manageable_organisations(user, action: str = MANAGE_NUMBERING):
    """Offices in which `user` may perform `action`; few per user, so checking each is cheap."""
    offices = Organisation.objects.filter(pk__in=visible_organisation_ids(user), is_active=True)
    return [org for org in offices.order_by("path") if authorize(user, action, organisation=org)]


def templates_for(user, organisations):
    return (
        NumberingTemplate.objects.visible_to(user)
        .filter(organisation__in=organisations)
        .select_related("organisation")
        .order_by("organisation__path", "document_type")
    )


def counters_for(user, organisations):
    return (
        NumberCounter.objects.visible_to(user)
        .filter(organisation__in=organisations)
        .select_related("organisation")
        .order_by("organisation__path", "-year", "scope_key")
    )


def recent_numbers_for(user, organisations, limit: int = 20):
    return (
        IssuedNumber.objects.visible_to(user)
        .filter(organisation__in=organisations)
        .select_related("organisation", "issued_by")
        .order_by("-issued_at", "-pk")[:limit]
    )


def template_for(user, pk, action: str = MANAGE_NUMBERING) -> NumberingTemplate:
    """One template the user may manage, or 404."""
    return get_visible_or_404(user, NumberingTemplate.objects.select_related("organisation"), action, pk=pk)


def next_sequence_for_form(
    organisation, *, scope: str, document_type: str, shared_key: str, year: int
) -> int:
    """The sequence a template with these settings would take next (the form's live preview)."""
    key = counter_key_for(scope=scope, document_type=document_type, shared_key=shared_key)
    last = (
        NumberCounter.objects.filter(organisation=organisation, scope_key=key, year=year)
        .values_list("last_value", flat=True)
        .first()
    )
    return (last or 0) + 1
