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
