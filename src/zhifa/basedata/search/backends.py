"""Matching and ranking over the ``basedata_searchentry`` table.

Matching is database-specific: terms with index tokens are found as phrases by the full-text
index (FTS5 ``MATCH`` on SQLite, ``@@ phraseto_tsquery`` on the GIN-indexed ``tsvector`` on
PostgreSQL); terms the index cannot prove (a single Chinese character, punctuation inside a term)
are confirmed with ``LIKE`` on the normalised text.

Ranking is the same SQL on every database, so a query lists the same articles in the same order
on SQLite and PostgreSQL: BM25 over exact substring counts (``LENGTH``/``REPLACE``), the title
field counted ``TITLE_WEIGHT`` times, the body length normalised by the average, each term
weighted by its inverse document frequency, and the sum multiplied by the entry's ``boost``
(validity and effect level). Scores are "higher is better"; ties go to the lower object id.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from .tokens import Query, Term

TABLE = "basedata_searchentry"
FTS_TABLE = "basedata_searchentry_fts"
TITLE_WEIGHT = 3
K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class Hit:
    """One matching document and its score (higher is better)."""

    object_id: int
    score: float


def like_pattern(term: str) -> str:
    """A ``LIKE`` pattern for a substring, with ``\\`` escaping the wildcards."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass
class Match:
    """FROM and WHERE of the documents of one kind that match a query, with parameters."""

    source: str
    where: list[str]
    params: list

    def restrict_to(self, within_sql: str, within_params: list) -> Match:
        return Match(self.source, [*self.where, f"e.object_id IN ({within_sql})"], [*self.params, *within_params])

    @property
    def clause(self) -> str:
        return f"FROM {self.source} WHERE {' AND '.join(self.where)}"


class SearchBackend:
    """``LIKE`` matching only: correct on any database, used when no term has index tokens."""

    def match(self, kind: str, query: Query) -> Match:
        where = ["e.kind = %s"]
        params: list = [kind]
        for term in query.terms:
            if not term.exact:
                where.append("(e.title LIKE %s ESCAPE '\\' OR e.body LIKE %s ESCAPE '\\')")
                params += [like_pattern(term.text)] * 2
        return Match(source=f"{TABLE} e", where=where, params=params)


class SQLiteBackend(SearchBackend):
    """FTS5 phrase queries over the bigram tokens."""

    def match(self, kind, query):
        base = super().match(kind, query)
        if not query.indexed:
            return base
        expression = " AND ".join(f'"{" ".join(term.tokens)}"' for term in query.terms if term.tokens)
        # CROSS JOIN makes SQLite start from the FTS hits instead of probing FTS once per row.
        return Match(
            source=f"{FTS_TABLE} CROSS JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid",
            where=[f"{FTS_TABLE} MATCH %s", *base.where],
            params=[expression, *base.params],
        )


class PostgreSQLBackend(SearchBackend):
    """``phraseto_tsquery`` over the stored bigram ``tsvector`` (GIN index)."""

    def match(self, kind, query):
        base = super().match(kind, query)
        if not query.indexed:
            return base
        phrases = [" ".join(term.tokens) for term in query.terms if term.tokens]
        tsquery = " && ".join(["phraseto_tsquery('simple', %s)"] * len(phrases))
        return Match(source=base.source, where=[f"e.search_vector @@ ({tsquery})", *base.where], params=[*phrases, *base.params])


BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgreSQLBackend()}


def backend_for(alias: str) -> SearchBackend:
    """The backend for the database ``alias``; ``LIKE`` matching for any other database."""
    return BACKENDS.get(connections[alias].vendor, SearchBackend())


def within_sql(within: QuerySet) -> tuple[str, list] | None:
    """SQL selecting the primary keys of ``within``, or ``None`` when it is known to be empty."""
    if within.query.is_empty():
        return None
    ids = within.order_by().values("pk")
    try:
        sql, params = ids.query.get_compiler(using=within.db).as_sql()
    except EmptyResultSet:
        return None
    return sql, list(params)


def _scalar(alias: str, sql: str, params: list):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _occurrences(column: str, term: Term) -> str:
    """SQL counting the occurrences of the (parameter) term in ``column``."""
    return f"((LENGTH({column}) - LENGTH(REPLACE({column}, %s, ''))) / {len(term.text)})"


def _statistics(alias: str, kind: str) -> tuple[int, float]:
    """Document count and average body length of ``kind`` (from ``SearchStatistics``)."""
    from ..models import SearchStatistics

    row = SearchStatistics.objects.using(alias).filter(kind=kind).first()
    return (row.documents, row.average_length) if row else (0, 1.0)


def _term_weights(alias: str, kind: str, query: Query, total: int) -> list[float]:
    """Inverse document frequency per term; all equal (1.0) for a one-term query."""
    if len(query.terms) == 1:
        return [1.0]
    backend = backend_for(alias)
    weights = []
    for term in query.terms:
        found = backend.match(kind, Query(terms=(term,)))
        frequency = _scalar(alias, f"SELECT COUNT(*) {found.clause}", found.params)
        weights.append(math.log(1 + (total - frequency + 0.5) / (frequency + 0.5)))
    return weights


def _real(value: float) -> str:
    """A floating-point SQL literal (PostgreSQL reads a bare ``1.2`` as slow ``numeric``)."""
    return f"CAST({float(value)!r} AS DOUBLE PRECISION)"


def _score_sql(alias: str, kind: str, query: Query) -> tuple[str, list]:
    """The portable BM25 score expression (see the module docstring) and its parameters."""
    total, average = _statistics(alias, kind)
    norm = f"{_real(K1)} * ({_real(1 - B)} + {_real(B)} * LENGTH(e.body) / {_real(average)})"
    parts: list[str] = []
    params: list = []
    for term, weight in zip(query.terms, _term_weights(alias, kind, query, total)):
        frequency = f"({_occurrences('e.body', term)} + {TITLE_WEIGHT} * {_occurrences('e.title', term)})"
        parts.append(f"{_real(weight)} * {frequency} * {_real(K1 + 1)} / ({frequency} + {norm})")
        params += [term.text, term.text] * 2
    return f"({' + '.join(parts)}) * e.boost", params


def run(kind: str, query: Query, within: QuerySet, *, limit: int, offset: int) -> list[Hit]:
    """The matching documents of ``kind`` among ``within``, best first."""
    scope = within_sql(within)
    if scope is None or query.is_empty:
        return []
    alias = within.db
    found = backend_for(alias).match(kind, query).restrict_to(*scope)
    score, score_params = _score_sql(alias, kind, query)
    sql = f"SELECT e.object_id, {score} AS score {found.clause} ORDER BY score DESC, e.object_id LIMIT %s OFFSET %s"
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [*score_params, *found.params, limit, offset])
        return [Hit(object_id=row[0], score=float(row[1] or 0.0)) for row in cursor.fetchall()]


def count(kind: str, query: Query, within: QuerySet) -> int:
    """How many documents of ``kind`` among ``within`` match."""
    scope = within_sql(within)
    if scope is None or query.is_empty:
        return 0
    found = backend_for(within.db).match(kind, query).restrict_to(*scope)
    return _scalar(within.db, f"SELECT COUNT(*) {found.clause}", found.params)
