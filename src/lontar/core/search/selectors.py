"""Searching: ranked, highlighted, and always filtered by permission inside the SQL.

The permission filter is one ORM queryset (offices the user may see; restricted entries only for
their allowed users) compiled into the full-text query as a subquery, so no hit outside the user's
reach is ever fetched. User text never reaches a query language unquoted: PostgreSQL gets it through
`websearch_to_tsquery` (which accepts any input), FTS5 gets each word as a quoted string. The SQL
strings interpolate only constant table names and the ORM-compiled permission subquery (noqa S608).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Substr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lontar.core.permissions import organisation_ids_with, visible_organisation_ids
from lontar.core.search import registry, sql
from lontar.core.search.models import SearchEntry

MAX_QUERY_CHARS = 200
START, STOP = "\ue000", "\ue001"
FUZZY_THRESHOLD = 0.5
SNIPPET_CHARS = 240
HEADLINE_BODY_CHARS = 100_000
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    entry_id: int
    model: str
    object_id: str
    organisation_id: int
    title: str
    title_html: SafeString
    snippet: SafeString
    url: str
    rank: float
    fuzzy: bool = False


def _marked(text: str) -> SafeString:
    """Escape everything, then turn the database's sentinels into <mark>."""
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def visible_entries(user, models=None):
    """The entries `user` may find: of searchable models whose view action the user holds in the
    entry's office, and restricted ones only when the user is among their allowed users."""
    if user is None or not user.is_authenticated or not visible_organisation_ids(user):
        return SearchEntry.objects.none()
    searchable = registry.searchable_models()
    if models:
        wanted = {model._meta.concrete_model for model in models}
        searchable = {model: action for model, action in searchable.items() if model in wanted}
    types_by_action: dict[str, list[int]] = {}
    for model, action in searchable.items():
        content_type = ContentType.objects.get_for_model(model)
        types_by_action.setdefault(action, []).append(content_type.pk)
    readable = Q(pk__in=[])
    for action, type_ids in types_by_action.items():
        office_ids = organisation_ids_with(user, action)
        if office_ids:
            readable |= Q(content_type_id__in=type_ids, organisation_id__in=office_ids)
    allowed = SearchEntry.allowed_users.through.objects.filter(searchentry_id=OuterRef("pk"), user_id=user.pk)
    return SearchEntry.objects.visible_to(user).filter(readable).filter(Q(restricted=False) | Exists(allowed))


def _permission_subquery(user, models) -> tuple[str, tuple] | None:
    try:
        return visible_entries(user, models).values("id").query.sql_with_params()
    except EmptyResultSet:
        return None


def _terms(query: str) -> list[str]:
    return _WORD.findall(query.lower())


def _prefix_tsquery(query: str) -> str:
    """`word1:* & word2:*` from letters and digits only, so to_tsquery never sees user syntax."""
    words = [w for w in re.findall(r"[^\W_]+", query.lower()) if len(w) >= 3]
    return " & ".join(f"{word}:*" for word in words)


def _fts_pg(query, perm, limit, *, parser="websearch_to_tsquery"):
    perm_sql, perm_params = perm
    config = sql.CONFIG
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.id, ts_rank(e.search_vector, q.query) AS rank "  # noqa: S608
            f"FROM {sql.TABLE} e, {parser}(%s::regconfig, %s) AS q(query) "
            f"WHERE e.search_vector @@ q.query AND e.id IN ({perm_sql}) "
            f"ORDER BY rank DESC, e.updated_at DESC, e.id DESC LIMIT %s",
            [config, query, *perm_params, limit],
        )
        ranked = cursor.fetchall()
        if not ranked:
            return []
        marks = f"StartSel={START}, StopSel={STOP}"
        body_options = f'{marks}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
        cursor.execute(
            f"SELECT e.id, ts_headline(%s::regconfig, e.title, q.query, %s), "  # noqa: S608
            f"ts_headline(%s::regconfig, left(e.body, %s), q.query, %s) "
            f"FROM {sql.TABLE} e, {parser}(%s::regconfig, %s) AS q(query) WHERE e.id = ANY(%s)",
            [
                *(config, f"{marks}, HighlightAll=true"),
                *(config, HEADLINE_BODY_CHARS, body_options),
                *(config, query, [row[0] for row in ranked]),
            ],
        )
        marked = {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
    return [(entry_id, float(rank), *marked.get(entry_id, ("", ""))) for entry_id, rank in ranked]


def _fts_sqlite(query, perm, limit):
    terms = _terms(query)
    if not terms:
        return []
    # Quoted words cannot be FTS5 syntax; the trailing * matches words that start with the term.
    match = " ".join(f'"{term}"*' for term in terms)
    perm_sql, perm_params = perm
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT f.rowid, bm25({sql.FTS_TABLE}, 10.0, 1.0) AS rank, "  # noqa: S608
            f"highlight({sql.FTS_TABLE}, 0, %s, %s), snippet({sql.FTS_TABLE}, 1, %s, %s, ' … ', 24) "
            f"FROM {sql.FTS_TABLE} f WHERE {sql.FTS_TABLE} MATCH %s AND f.rowid IN ({perm_sql}) "
            f"ORDER BY rank LIMIT %s",
            [START, STOP, START, STOP, match, *perm_params, limit],
        )
        return [(row[0], -float(row[1]), row[2], row[3]) for row in cursor.fetchall()]


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def word_similarity(query: str, text: str) -> float:
    """How well the query's words appear in `text`, 0..1, in the spirit of pg_trgm's word_similarity."""
    words = _terms(text)
    terms = _terms(query)
    if not words or not terms:
        return 0.0
    scores = []
    for term in terms:
        wanted = _trigrams(term)
        scores.append(max(len(wanted & _trigrams(word)) / len(wanted) for word in words))
    return sum(scores) / len(scores)


def _fuzzy_pg(query, perm, limit):
    perm_sql, perm_params = perm
    pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", [str(FUZZY_THRESHOLD)]
        )
        cursor.execute(
            f"SELECT e.id, word_similarity(%s, e.title) AS sim FROM {sql.TABLE} e "  # noqa: S608
            f"WHERE (%s <%% e.title OR e.title ILIKE %s) AND e.id IN ({perm_sql}) "
            f"ORDER BY sim DESC, e.updated_at DESC, e.id DESC LIMIT %s",
            [query, query, pattern, *perm_params, limit],
        )
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def _fuzzy_sqlite(query, perm, limit):
    grams = sorted(
        {gram for term in _terms(query) if len(term) >= 3 for gram in _trigrams(term) if " " not in gram}
    )
    if not grams:
        return []
    perm_sql, perm_params = perm
    match = " OR ".join(f'"{gram}"' for gram in grams)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.rowid, t.title FROM {sql.TRIGRAM_TABLE} t "  # noqa: S608
            f"WHERE {sql.TRIGRAM_TABLE} MATCH %s AND t.rowid IN ({perm_sql}) "
            f"ORDER BY bm25({sql.TRIGRAM_TABLE}) LIMIT %s",
            [match, *perm_params, limit * 5],
        )
        candidates = cursor.fetchall()
    lowered = query.lower()
    scored = [
        (entry_id, 1.0 if lowered in title.lower() else word_similarity(query, title))
        for entry_id, title in candidates
    ]
    scored = [item for item in scored if item[1] >= FUZZY_THRESHOLD]
    scored.sort(key=lambda item: -item[1])
    return scored[:limit]


def _plain_snippet(body: str) -> str:
    body = " ".join(body.split())
    return body[:SNIPPET_CHARS] + ("…" if len(body) > SNIPPET_CHARS else "")


def search(user, query: str, *, models=None, limit: int = 20) -> list[SearchHit]:
    """Hits for `query` that `user` may see, best first, with highlighted snippets.

    Full-text first (stemmed on PostgreSQL), then word prefixes; when that finds nothing, a trigram
    search on titles catches typos.
    """
    query = " ".join((query or "").split())[:MAX_QUERY_CHARS]
    limit = max(1, min(int(limit), 100))
    if not _terms(query):
        return []
    perm = _permission_subquery(user, models)
    if perm is None:
        return []
    is_pg = connection.vendor == "postgresql"
    rows = (_fts_pg if is_pg else _fts_sqlite)(query, perm, limit)
    if not rows and is_pg and _prefix_tsquery(query):
        # Words typed in part ("rekrut" for "rekrutmen"), as FTS5's prefix queries do on SQLite.
        rows = _fts_pg(_prefix_tsquery(query), perm, limit, parser="to_tsquery")
    fuzzy = not rows
    if fuzzy:
        rows = [
            (entry_id, score, None, None)
            for entry_id, score in (_fuzzy_pg if is_pg else _fuzzy_sqlite)(query, perm, limit)
        ]
    if not rows:
        return []
    entries = (
        SearchEntry.objects.select_related("content_type")
        .defer("body")
        .annotate(body_head=Substr("body", 1, SNIPPET_CHARS * 2))
        .in_bulk([row[0] for row in rows])
    )
    hits = []
    for entry_id, rank, title_marked, body_marked in rows:
        entry = entries.get(entry_id)
        if entry is None:
            continue
        hits.append(
            SearchHit(
                entry_id=entry.pk,
                model=f"{entry.content_type.app_label}.{entry.content_type.model}",
                object_id=entry.object_id,
                organisation_id=entry.organisation_id,
                title=entry.title,
                title_html=_marked(title_marked) if title_marked else _marked(entry.title),
                snippet=_marked(body_marked)
                if body_marked
                else _marked(_plain_snippet(entry.body_head or "")),
                url=entry.url,
                rank=rank,
                fuzzy=fuzzy,
            )
        )
    return hits
