"""Writing the search index. Modules call `index` after their own commit (or from a task) and
`remove` when an object goes away; both are idempotent upserts/deletes, safe to retry.

The index holds derived data only, so it is not audited: the change that produced the text is.
Raw SQL here interpolates only constant table names (noqa S608); every value is a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from html import unescape

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils.html import strip_tags

from lontar.core.search import registry, sql
from lontar.core.search.models import VOCABULARY_WORD, SearchEntry, SearchWord

TITLE_MAX_CHARS = 500


_BLOCK_BOUNDARY = re.compile(
    r"<\s*(br|/p|/div|/li|/tr|/td|/th|/h[1-6]|/blockquote|/pre|/table|/ul|/ol)\b[^>]*>", re.IGNORECASE
)


def text_of_html(markup: str) -> str:
    """Readable text of sanitised rich text for the index: block ends and line breaks become line
    breaks (so "Saudara</p><p>Hari" stays two words), tags go, entities are decoded."""
    text = unescape(strip_tags(_BLOCK_BOUNDARY.sub("\n", markup or "")))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


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
    kind: str = "",
    occurred_on: date | None = None,
    classification_code: str = "",
    unit_id: int | None = None,
    status: str = "",
    party: str = "",
) -> SearchEntry:
    """Create or replace the entry of `obj`.

    The model must be registered with `registry.register_searchable`: entries are found only by users
    whose role grants the model's view action in `organisation`. `restricted` entries are found
    only by those of them in `allowed_user_ids` (the owning module knows who: the addressees of a
    confidential letter, say).

    The optional facets (`kind`, `occurred_on`, `classification_code`, `unit_id`, `status`,
    `party` — the sender or recipient) let `selectors.search` filter in SQL; a kind's readable
    label comes from `registry.register_kind`.
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
                "kind": (kind or "")[:40],
                "occurred_on": occurred_on,
                "classification_code": (classification_code or "")[:30],
                "unit_id": unit_id,
                "status": (status or "")[:40],
                "party": _clean(party, 300),
            },
        )
        entry.allowed_users.set(list(allowed_user_ids) if restricted else [])
        if connection.vendor == "sqlite":
            _sync_sqlite(entry)
        else:
            remember_words(entry.title)
    return entry


WORD_MIN_CHARS, WORD_MAX_CHARS = 3, 60


def title_words(title: str) -> set[str]:
    """The words of a title as the vocabulary keeps them: lower case, letters and digits only, not
    bare numbers, 3 to 60 characters."""
    return {
        word
        for word in VOCABULARY_WORD.findall(title.lower())
        if WORD_MIN_CHARS <= len(word) <= WORD_MAX_CHARS and not word.isdigit()
    }


def remember_words(title: str) -> None:
    """Add a title's words to the vocabulary typos are corrected against (PostgreSQL)."""
    words = title_words(title)
    if words:
        SearchWord.objects.bulk_create([SearchWord(word=w) for w in sorted(words)], ignore_conflicts=True)


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
