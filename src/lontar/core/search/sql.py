"""Database-specific parts of the search index, created by a vendor-guarded migration.

PostgreSQL: a stored generated `tsvector` (title weight A, body weight B) in the `indonesian`
text search configuration, a GIN index on it, and a trigram GIN index on the title for partial
words and typos. Punctuation in titles becomes spaces first, so a file name like "laporan.pdf" is
the words "laporan" and "pdf", not one opaque file-name token.

PostgreSQL has shipped the `indonesian` configuration (the Snowball Indonesian stemmer) since
version 12. Where it is missing (dropped, or a server built without it) the migration creates it the
way initdb does: a Snowball dictionary for the language and a copy of `simple` whose word tokens go
through that dictionary. A server whose Snowball library has no Indonesian stemmer cannot run Lontar's
search, and the migration stops with a message saying so; it never falls back silently to unstemmed
words, because the index would then disagree with every query.

SQLite: an FTS5 table of words (unicode61, diacritics folded) and an FTS5 trigram table of titles,
both keyed by the entry's rowid and written by `services.index` in the same transaction. SQLite has
no Indonesian stemmer: words match by prefix there, and the trigram table catches the rest.
"""

from __future__ import annotations

from django.contrib.postgres.operations import TrigramExtension
from django.db import DatabaseError

TABLE = "core_searchentry"
FTS_TABLE = "core_search_fts"
TRIGRAM_TABLE = "core_search_trigram"
CONFIG = "indonesian"
# The token types initdb sends through a language's stemmer (snowball_create.sql); numbers, e-mail
# addresses, URLs and the like keep the mapping copied from `simple`.
STEMMED_TOKENS = ("asciiword", "word", "hword", "hword_part", "asciihword", "hword_asciipart")


class MissingStemmerError(RuntimeError):
    pass


def ensure_text_search_config(cursor, config: str = CONFIG, language: str = "indonesian") -> bool:
    """Make sure `config` exists; returns True when it had to be created.

    Creates `<config>_stem` (Snowball template, `language`) when missing and a configuration copied
    from `simple` whose word tokens go through it, as PostgreSQL's own configurations are built.
    """
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = %s AND pg_ts_config_is_visible(oid))",
        [config],
    )
    if cursor.fetchone()[0]:
        return False
    dictionary = f"{config}_stem"
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = %s AND pg_ts_dict_is_visible(oid))",
        [dictionary],
    )
    if not cursor.fetchone()[0]:
        cursor.execute("SAVEPOINT lontar_stemmer")
        try:
            cursor.execute(
                f"CREATE TEXT SEARCH DICTIONARY {dictionary} (TEMPLATE = snowball, LANGUAGE = {language})"
            )
        except DatabaseError as exc:
            cursor.execute("ROLLBACK TO SAVEPOINT lontar_stemmer")
            raise MissingStemmerError(
                f"This PostgreSQL server has no '{config}' text search configuration and its Snowball "
                f"library has no '{language}' stemmer. Lontar's search needs it: use PostgreSQL 15 or "
                "newer (it ships the Indonesian stemmer since version 12)."
            ) from exc
        cursor.execute("RELEASE SAVEPOINT lontar_stemmer")
    cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = pg_catalog.simple)")
    cursor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {config} ALTER MAPPING FOR {', '.join(STEMMED_TOKENS)} "
        f"WITH {dictionary}"
    )
    return True


class TrigramExtensionOnPostgres(TrigramExtension):
    """`CREATE EXTENSION pg_trgm`; Django guards the forward step by vendor but not the backward one."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            ensure_text_search_config(cursor)
        config = CONFIG
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


WORD_TABLE = "core_search_word"
# Every title's words into the vocabulary (also run by the benchmark generator after a bulk load).
FILL_VOCABULARY_SQL = (
    f"INSERT INTO {WORD_TABLE} (word) SELECT DISTINCT w FROM {TABLE} e, "  # noqa: S608
    "regexp_split_to_table(lower(e.title), '[^[:alnum:]]+') AS w "
    "WHERE length(w) BETWEEN 3 AND 60 AND w !~ '^[0-9]+$' ON CONFLICT DO NOTHING"
)


def create_vocabulary(apps, schema_editor) -> None:
    """PostgreSQL: a trigram index on the vocabulary and the words of the titles indexed so far
    (the same rule as `services.title_words`: lower case, letters and digits, 3-60 characters, not
    bare numbers). SQLite corrects typos with its FTS5 trigram table instead."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX core_search_word_trgm ON {WORD_TABLE} USING gin (word gin_trgm_ops)")
    schema_editor.execute(FILL_VOCABULARY_SQL)


def drop_vocabulary(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS core_search_word_trgm")


def drop(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS core_search_title_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS core_search_vector_gin")
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector")
    elif connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TRIGRAM_TABLE}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
