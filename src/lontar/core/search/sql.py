"""Database-specific parts of the search index, created by a vendor-guarded migration.

PostgreSQL: a stored generated `tsvector` (title weight A, body weight B) in the `indonesian`
configuration (or `simple` where a server lacks it), a GIN index on it, and a trigram GIN index on
the title for partial words and typos. Punctuation in titles becomes spaces first, so a file name
like "laporan.pdf" is the words "laporan" and "pdf", not one opaque file-name token.

SQLite: an FTS5 table of words (unicode61, diacritics folded) and an FTS5 trigram table of titles,
both keyed by the entry's rowid and written by `services.index` in the same transaction.
"""

from __future__ import annotations

from functools import cache

from django.contrib.postgres.operations import TrigramExtension

TABLE = "core_searchentry"
FTS_TABLE = "core_search_fts"
TRIGRAM_TABLE = "core_search_trigram"


@cache
def _pg_config_for(alias: str) -> str:
    from django.db import connections

    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'indonesian'")
        return "indonesian" if cursor.fetchone() else "simple"


def pg_config(connection) -> str:
    """The text search configuration: `indonesian` (PostgreSQL ships it), else `simple`."""
    return _pg_config_for(connection.alias)


class TrigramExtensionOnPostgres(TrigramExtension):
    """`CREATE EXTENSION pg_trgm`; Django guards the forward step by vendor but not the backward one."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        config = pg_config(connection)
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
            f"setweight(to_tsvector('{config}', "
            f"regexp_replace(coalesce(title, ''), '[[:punct:]]+', ' ', 'g')), 'A') || "
            f"setweight(to_tsvector('{config}', coalesce(body, '')), 'B')) STORED"
        )
        schema_editor.execute(f"CREATE INDEX core_search_vector_gin ON {TABLE} USING gin (search_vector)")
        schema_editor.execute(
            f"CREATE INDEX core_search_title_trgm ON {TABLE} USING gin (title gin_trgm_ops)"
        )
    elif connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "title, body, tokenize='unicode61 remove_diacritics 2')"
        )
        schema_editor.execute(f"CREATE VIRTUAL TABLE {TRIGRAM_TABLE} USING fts5(title, tokenize='trigram')")
        # Entries that exist already (the tables were dropped and re-created) are indexed again.
        schema_editor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) SELECT id, title, body FROM {TABLE}"  # noqa: S608
        )
        schema_editor.execute(f"INSERT INTO {TRIGRAM_TABLE} (rowid, title) SELECT id, title FROM {TABLE}")  # noqa: S608


def drop(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS core_search_title_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS core_search_vector_gin")
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector")
    elif connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TRIGRAM_TABLE}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
