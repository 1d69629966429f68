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
