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
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Substr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lontar.core.permissions import organisation_ids_with, visible_organisation_ids
from lontar.core.search import registry, sql
from lontar.core.search.models import VOCABULARY_WORD, SearchEntry

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
    kind: str = ""
    kind_label: str = ""
    occurred_on: date | None = None
    status: str = ""
    party: str = ""
    classification_code: str = ""


@dataclass(frozen=True)
class SearchFilters:
    """Facets narrowing a search; applied in SQL beside the permission filter. Empty means any."""

    date_from: date | None = None
    date_to: date | None = None
    party: str = ""
    classification_code: str = ""
    status: str = ""
    unit_id: int | None = None
    kind: str = ""

    def is_empty(self) -> bool:
        return not any(
            (
                self.date_from,
                self.date_to,
                self.party.strip(),
                self.classification_code.strip(),
                self.status,
                self.unit_id,
                self.kind,
            )
        )

    def apply(self, entries):
        if self.date_from:
            entries = entries.filter(occurred_on__gte=self.date_from)
        if self.date_to:
            entries = entries.filter(occurred_on__lte=self.date_to)
        if self.party.strip():
            entries = entries.filter(party__icontains=self.party.strip())
        code = self.classification_code.strip().rstrip(".")
        if code:
            # A code finds itself and everything under it: "000" finds "000.1.2", not "0001".
            entries = entries.filter(
                Q(classification_code=code) | Q(classification_code__startswith=f"{code}.")
            )
        if self.status:
            entries = entries.filter(status=self.status)
        if self.unit_id:
            entries = entries.filter(unit_id=self.unit_id)
        if self.kind:
            entries = entries.filter(kind=self.kind)
        return entries


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


def _searchable_office_ids(user, models) -> list[int]:
    """Every office where the user may find some searchable model: a superset of the permission
    subquery's offices, repeated beside the match so PostgreSQL filters by office before ranking."""
    searchable = registry.searchable_models()
    if models:
        wanted = {model._meta.concrete_model for model in models}
        searchable = {model: action for model, action in searchable.items() if model in wanted}
    offices: set[int] = set()
    for action in set(searchable.values()):
        offices.update(organisation_ids_with(user, action))
    return sorted(offices)


def _permission_subquery(user, models, filters: SearchFilters | None = None) -> tuple[str, tuple] | None:
    entries = visible_entries(user, models)
    if filters is not None:
        entries = filters.apply(entries)
    try:
        return entries.values("id").query.sql_with_params()
    except EmptyResultSet:
        return None


def _terms(query: str) -> list[str]:
    return _WORD.findall(query.lower())


def _prefix_tsquery(query: str) -> str:
    """`word1:* & word2:*` from letters and digits only, so to_tsquery never sees user syntax."""
    words = [w for w in re.findall(r"[^\W_]+", query.lower()) if len(w) >= 3]
    return " & ".join(f"{word}:*" for word in words)


def _fts_pg(query, perm, limit, *, parser="websearch_to_tsquery", offices=None):
    perm_sql, perm_params = perm
    config = sql.CONFIG
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.id, ts_rank(e.search_vector, q.query) AS rank "  # noqa: S608
            f"FROM {sql.TABLE} e, {parser}(%s::regconfig, %s) AS q(query) "
            f"WHERE e.search_vector @@ q.query AND e.organisation_id = ANY(%s) AND e.id IN ({perm_sql}) "
            f"ORDER BY rank DESC, e.updated_at DESC, e.id DESC LIMIT %s",
            [config, query, offices, *perm_params, limit],
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


SUGGESTIONS_PER_WORD = 5
MAX_CORRECTED_WORDS = 8


def _corrected_tsquery(query: str) -> str:
    """`(w1 | w2) & (v1 | v2)`: each word of the query replaced by its closest words in the titles'
    vocabulary (pg_trgm similarity through the vocabulary's trigram index: a few milliseconds,
    however many titles hold those words). Empty when some word has no close match."""
    terms = [term for term in dict.fromkeys(_terms(query)) if len(term) >= 3][:MAX_CORRECTED_WORDS]
    groups = []
    with connection.cursor() as cursor:
        for term in terms:
            cursor.execute(
                f"SELECT word FROM {sql.WORD_TABLE} WHERE word %% %s "  # noqa: S608
                f"ORDER BY word <-> %s, word LIMIT %s",
                [term, term, SUGGESTIONS_PER_WORD],
            )
            words = [word for (word,) in cursor.fetchall() if VOCABULARY_WORD.fullmatch(word)]
            if not words:
                return ""
            groups.append("(" + " | ".join(words) + ")")
    return " & ".join(groups)


def _fuzzy_pg(query, perm, limit, offices=None):
    """Typos on PostgreSQL: correct the words against the vocabulary, then run the same ranked,
    permission-filtered full-text search with the corrected words. Only a query with a word that
    has no close vocabulary word falls back to comparing titles one by one (few can then match)."""
    corrected = _corrected_tsquery(query)
    if corrected:
        return _fts_pg(corrected, perm, limit, parser="to_tsquery", offices=offices)
    return [(entry_id, sim, None, None) for entry_id, sim in _similar_titles_pg(query, perm, limit, offices)]


def _similar_titles_pg(query, perm, limit, offices=None):
    perm_sql, perm_params = perm
    pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", [str(FUZZY_THRESHOLD)]
        )
        cursor.execute(
            f"SELECT e.id, word_similarity(%s, e.title) AS sim FROM {sql.TABLE} e "  # noqa: S608
            f"WHERE (%s <%% e.title OR e.title ILIKE %s) AND e.organisation_id = ANY(%s) "
            f"AND e.id IN ({perm_sql}) ORDER BY sim DESC, e.updated_at DESC, e.id DESC LIMIT %s",
            [query, query, pattern, offices, *perm_params, limit],
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


def _browse(user, models, filters: SearchFilters, limit: int) -> list[tuple]:
    """No words but some filters: the newest matching entries the user may see."""
    ids = (
        filters.apply(visible_entries(user, models))
        .order_by("-occurred_on", "-updated_at", "-id")
        .values_list("id", flat=True)[:limit]
    )
    return [(entry_id, 0.0, None, None) for entry_id in ids]


def search(
    user, query: str, *, models=None, limit: int = 20, filters: SearchFilters | None = None
) -> list[SearchHit]:
    """Hits for `query` that `user` may see, best first, with highlighted snippets.

    Full-text first (stemmed on PostgreSQL), then word prefixes; when that finds nothing, typos are
    caught by trigrams: on PostgreSQL the words are corrected against the titles' vocabulary and
    searched again, on SQLite the FTS5 trigram table of titles is used.
    `filters` narrow the hits inside the same SQL as the permission
    filter; with filters and no words, the newest matching entries are listed.
    """
    query = " ".join((query or "").split())[:MAX_QUERY_CHARS]
    limit = max(1, min(int(limit), 100))
    if filters is not None and filters.is_empty():
        filters = None
    if not _terms(query):
        if filters is None:
            return []
        return _hits(_browse(user, models, filters, limit), fuzzy=False)
    perm = _permission_subquery(user, models, filters)
    if perm is None:
        return []
    is_pg = connection.vendor == "postgresql"
    if is_pg:
        offices = _searchable_office_ids(user, models)
        rows = _fts_pg(query, perm, limit, offices=offices)
    else:
        rows = _fts_sqlite(query, perm, limit)
    if not rows and is_pg and _prefix_tsquery(query):
        # Words typed in part ("rekrut" for "rekrutmen"), as FTS5's prefix queries do on SQLite.
        rows = _fts_pg(_prefix_tsquery(query), perm, limit, parser="to_tsquery", offices=offices)
    fuzzy = not rows
    if fuzzy and is_pg:
        rows = _fuzzy_pg(query, perm, limit, offices)
    elif fuzzy:
        rows = [(entry_id, score, None, None) for entry_id, score in _fuzzy_sqlite(query, perm, limit)]
    return _hits(rows, fuzzy=fuzzy)


def _hits(rows, *, fuzzy: bool) -> list[SearchHit]:
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
                kind=entry.kind,
                kind_label=str(registry.kind_label(entry.kind)) if entry.kind else "",
                occurred_on=entry.occurred_on,
                status=entry.status,
                party=entry.party,
                classification_code=entry.classification_code,
            )
        )
    return hits
