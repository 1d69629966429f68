"""Which models may be indexed, and which action lets a user find their entries.

A search hit shows a title and a snippet of text, so it is itself a read of the object: a model's
entries are found only by users whose role grants the model's view action in the entry's office,
exactly as `permissions.authorize` would decide (object rules are carried by the entry's
`restricted`/`allowed_users`). A model that has not been registered cannot be indexed, and entries
of a model that is no longer registered are never returned.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

_VIEW_ACTIONS: dict[type, str] = {}


def register_searchable(model: type, *, view_action: str) -> None:
    """Let `model` be indexed; its entries are found by users holding `view_action` in their office."""
    _VIEW_ACTIONS[model._meta.concrete_model] = view_action


def unregister_searchable(model: type) -> None:
    _VIEW_ACTIONS.pop(model._meta.concrete_model, None)


def view_action_for(model: type) -> str:
    try:
        return _VIEW_ACTIONS[model._meta.concrete_model]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model._meta.label} is not searchable: call register_searchable({model.__name__}, "
            "view_action=...) when the app is ready."
        ) from None


def searchable_models() -> dict[type, str]:
    return dict(_VIEW_ACTIONS)


_KIND_LABELS: dict[str, object] = {}


def register_kind(kind: str, label) -> None:
    """A readable label (a lazy translation) for entries indexed with `kind=...`: the results page
    shows it as a badge and offers it in the kind filter."""
    _KIND_LABELS[kind] = label


def kind_labels() -> dict[str, object]:
    return dict(_KIND_LABELS)


def kind_label(kind: str):
    return _KIND_LABELS.get(kind, kind)


_STATUS_LABELS: dict[str, object] = {}


def register_status(status: str, label) -> None:
    """A readable label for entries indexed with `status=...`, offered in the status filter."""
    _STATUS_LABELS.setdefault(status, label)


def status_labels() -> dict[str, object]:
    return dict(_STATUS_LABELS)
