"""A small full-text search layer for Chinese text, shared by every module that needs one.

Documents are indexed as overlapping bigrams (see ``tokens``) in one table, ``SearchEntry``,
under a ``kind`` such as ``basedata.article``; SQLite indexes them with FTS5, PostgreSQL with a
stored ``tsvector`` and a GIN index (``backends``). Searching always takes ``within``, a queryset
of the indexed model that has been through ``.restrict(user, "view")`` and any filters, so the
permission gate and the filters are applied inside the same SQL statement as the ranking::

    from zhifa.basedata import search
    search.index("cases.case", [search.Document(case.pk, case.title, case.facts)])
    hits = search.search("cases.case", "扣押", within=Case.objects.restrict(user, "view"), limit=20)
    search.snippet(case.facts, search.parse_query("扣押").texts)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from django.db import transaction
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import Length

from . import backends
from .backends import Hit
from .highlight import highlight, snippet
from .tokens import Query, document_tokens, normalise, parse_query

__all__ = [
    "Document",
    "Hit",
    "Query",
    "count",
    "highlight",
    "index",
    "parse_query",
    "remove",
    "search",
    "snippet",
]


@dataclass(frozen=True)
class Document:
    """What to index for one row: a title (weighted up in ranking), a body and a boost factor."""

    object_id: int
    title: str
    body: str
    boost: float = 1.0


def index(kind: str, documents: Iterable[Document], *, replace: bool = True, using: str = "default") -> int:
    """Add or replace the index entries of ``documents``; returns how many were written.

    ``replace=False`` skips removing existing entries, for documents known to be new.
    """
    from ..models import SearchEntry

    entries = [
        SearchEntry(
            kind=kind,
            object_id=doc.object_id,
            title=normalise(doc.title),
            body=normalise(doc.body),
            title_tokens=document_tokens(doc.title),
            body_tokens=document_tokens(doc.body),
            boost=doc.boost,
        )
        for doc in documents
    ]
    with transaction.atomic(using=using):
        if replace:
            remove(kind, [entry.object_id for entry in entries], using=using)
        SearchEntry.objects.using(using).bulk_create(entries, batch_size=500)
        _adjust_statistics(kind, len(entries), sum(len(entry.body) for entry in entries), using=using)
    return len(entries)


def remove(kind: str, object_ids: Iterable[int] | None = None, *, using: str = "default") -> None:
    """Drop the entries of ``object_ids`` (all entries of ``kind`` when ``None``)."""
    from ..models import SearchEntry, SearchStatistics

    entries = SearchEntry.objects.using(using).filter(kind=kind)
    with transaction.atomic(using=using):
        if object_ids is None:
            entries.delete()
            SearchStatistics.objects.using(using).filter(kind=kind).update(documents=0, total_length=0)
            return
        entries = entries.filter(object_id__in=list(object_ids))
        gone = entries.aggregate(documents=Count("pk"), length=Sum(Length("body")))
        if gone["documents"]:
            entries.delete()
            _adjust_statistics(kind, -gone["documents"], -(gone["length"] or 0), using=using)


def _adjust_statistics(kind: str, documents: int, length: int, *, using: str) -> None:
    """Add to the document count and total body length of ``kind`` (see ``SearchStatistics``)."""
    from ..models import SearchStatistics

    SearchStatistics.objects.using(using).get_or_create(kind=kind)
    SearchStatistics.objects.using(using).filter(kind=kind).update(
        documents=F("documents") + documents, total_length=F("total_length") + length
    )


def _as_query(query: str | Query) -> Query:
    return query if isinstance(query, Query) else parse_query(query)


def search(kind: str, query: str | Query, *, within: QuerySet, limit: int = 20, offset: int = 0) -> list[Hit]:
    """Documents of ``kind`` among ``within`` matching every term of ``query``, best first."""
    return backends.run(kind, _as_query(query), within, limit=limit, offset=offset)


def count(kind: str, query: str | Query, *, within: QuerySet) -> int:
    """How many documents of ``kind`` among ``within`` match ``query``."""
    return backends.count(kind, _as_query(query), within)
