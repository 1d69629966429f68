"""Writing the search index. Modules call `index` after their own commit (or from a task) and
`remove` when an object goes away; both are idempotent upserts/deletes, safe to retry.

The index holds derived data only, so it is not audited: the change that produced the text is.
Raw SQL here interpolates only constant table names (noqa S608); every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from lontar.core.search import registry, sql
from lontar.core.search.models import SearchEntry

TITLE_MAX_CHARS = 500


def body_max_chars() -> int:
    # PostgreSQL refuses a tsvector above 1 MB; this keeps every document well inside it.
    return getattr(settings, "LONTAR_SEARCH_BODY_MAX_CHARS", 200_000)


def _clean(text: str, limit: int) -> str:
    return (text or "").replace("\x00", " ")[:limit]


def _sync_sqlite(entry: SearchEntry) -> None:
    with connection.cursor() as cursor:
        for table in (sql.FTS_TABLE, sql.TRIGRAM_TABLE):
            cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [entry.pk])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {sql.FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
            [entry.pk, entry.title, entry.body],
        )
        cursor.execute(
            f"INSERT INTO {sql.TRIGRAM_TABLE} (rowid, title) VALUES (%s, %s)",  # noqa: S608
            [entry.pk, entry.title],
        )


def _delete_sqlite(entry_ids: Iterable[int]) -> None:
    with connection.cursor() as cursor:
        for entry_id in entry_ids:
            for table in (sql.FTS_TABLE, sql.TRIGRAM_TABLE):
                cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [entry_id])  # noqa: S608


def index(
    *,
    obj,
    organisation,
    title: str,
    body: str = "",
    url: str = "",
    restricted: bool = False,
    allowed_user_ids: Iterable[int] = (),
) -> SearchEntry:
    """Create or replace the entry of `obj`.

    The model must be registered with `registry.register_searchable`: entries are found only by users
    whose role grants the model's view action in `organisation`. `restricted` entries are found
    only by those of them in `allowed_user_ids` (the owning module knows who: the addressees of a
    confidential letter, say).
    """
    registry.view_action_for(type(obj))
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        entry, _created = SearchEntry.objects.update_or_create(
            content_type=content_type,
            object_id=str(obj.pk),
            defaults={
                "organisation": organisation,
                "title": _clean(title, TITLE_MAX_CHARS),
                "body": _clean(body, body_max_chars()),
                "url": url[:500],
                "restricted": restricted,
            },
        )
        entry.allowed_users.set(list(allowed_user_ids) if restricted else [])
        if connection.vendor == "sqlite":
            _sync_sqlite(entry)
    return entry


def remove(obj) -> int:
    """Drop `obj` from the index; returns how many entries went (0 or 1)."""
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        entries = SearchEntry.objects.filter(content_type=content_type, object_id=str(obj.pk))
        ids = list(entries.values_list("pk", flat=True))
        if connection.vendor == "sqlite":
            _delete_sqlite(ids)
        entries.delete()
    return len(ids)
