"""Who may see a stored file beyond the office-wide `core.view_file` permission.

A file attached to an object follows that object: the module that owns the object's model
registers a resolver (`register_owner_audience`) that says whether the object is restricted and to
whom. Download (an object rule on StoredFile) and search (restricted index entries) both use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Audience:
    restricted: bool = False
    user_ids: tuple[int, ...] = ()


_RESOLVERS: dict[str, Callable[[object], Audience]] = {}


def register_owner_audience(model, resolver: Callable[[object], Audience]) -> None:
    _RESOLVERS[model._meta.label_lower] = resolver


def audience_of(stored_file) -> Audience:
    if stored_file.owner_type_id is None:
        return Audience()
    resolver = _RESOLVERS.get(f"{stored_file.owner_type.app_label}.{stored_file.owner_type.model}")
    owner = stored_file.owner if resolver is not None else None
    if resolver is None or owner is None:
        return Audience()
    return resolver(owner)


def may_see(user, action: str, stored_file) -> bool:
    """Object rule for StoredFile: restricted owners limit the file to their audience."""
    who = audience_of(stored_file)
    return not who.restricted or user.pk in who.user_ids


# --- search facets and re-indexing of the owner ---------------------------------------------------
# An attachment's search entry carries its owner's facets (date, classification, unit, status,
# sender), so search filters keep finding the scan of a letter; and once a file's text is extracted
# the owner may re-index itself, so the owner's own entry holds the words of its scans.
_FACETS: dict[str, Callable[[object], dict]] = {}
_TEXT_HOOKS: dict[str, Callable[[object], None]] = {}


def _owner_key(stored_file) -> str | None:
    if stored_file.owner_type_id is None:
        return None
    return f"{stored_file.owner_type.app_label}.{stored_file.owner_type.model}"


def register_owner_search(
    model,
    *,
    facets: Callable[[object], dict] | None = None,
    text_extracted: Callable[[object], None] | None = None,
) -> None:
    """`facets(owner)` returns keyword arguments of `search.services.index` (`occurred_on`,
    `classification_code`, `unit_id`, `status`, `party`) for the owner's attachments;
    `text_extracted(owner)` runs after one of its files had its text extracted."""
    if facets is not None:
        _FACETS[model._meta.label_lower] = facets
    if text_extracted is not None:
        _TEXT_HOOKS[model._meta.label_lower] = text_extracted


def search_facets_of(stored_file) -> dict:
    resolver = _FACETS.get(_owner_key(stored_file) or "")
    owner = stored_file.owner if resolver is not None else None
    return resolver(owner) if owner is not None else {}


def owner_text_extracted(stored_file) -> None:
    hook = _TEXT_HOOKS.get(_owner_key(stored_file) or "")
    owner = stored_file.owner if hook is not None else None
    if owner is not None:
        hook(owner)
