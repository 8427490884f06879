"""Counts kept for a short while per process, keyed by the statement that makes them.

Two readers: the workbench figures (every count, ``ZHIFA_FIGURE_SECONDS``) and the lists' pager, which
keeps only a count that reached its cap (shown as "10,000+", ``ZHIFA_CAPPED_COUNT_SECONDS``): such a count
stays true until thousands of rows go, while a count under the cap is made again on every page. Users whose
rows come from the same statement (the same scope and filters) share a count; another statement — another
scope — never gets it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

MAX_COUNTS = 2_000
"""Counts kept per process before the cache starts again (a statement and a number each)."""

_lock = threading.Lock()
_counts: dict[tuple[str, str, str], tuple[float, int]] = {}


def recent_count(queryset: QuerySet, seconds: float, *, keep: Callable[[int], bool] | None = None) -> int:
    """``queryset.count()``, or the count of the same statement made less than ``seconds`` ago.

    ``keep`` decides which counts are kept (every count when it is not given).
    """
    return count_under(statement_key(queryset), queryset, seconds, keep=keep)


def count_under(key: tuple[str, str, str] | None, queryset: QuerySet, seconds: float, *,
                keep: Callable[[int], bool] | None = None) -> int:
    """``recent_count`` for a caller that has ``queryset``'s ``statement_key`` already (the paginator
    compiles it once for its page and its pager)."""
    if key is None:  # a condition that can match nothing (``none()``, ``pk__in=[]``)
        return 0
    kept = kept_count(key, seconds)
    if kept is not None:
        return kept
    count = queryset.count()
    if keep is None or keep(count):
        remember(key, count)
    return count


def statement_key(queryset: QuerySet) -> tuple[str, str, str] | None:
    """What a count is kept under: the database, statement and parameters of ``queryset`` (``None``: it can
    match nothing)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return (queryset.db, sql, repr(tuple(params)))  # repr: a parameter may be a list


def kept_count(key: tuple[str, str, str], seconds: float) -> int | None:
    """The count kept under ``key`` (``statement_key``) less than ``seconds`` ago, else ``None``."""
    kept = _counts.get(key)
    return kept[1] if kept and time.monotonic() - kept[0] < seconds else None


def remember(key: tuple[str, str, str], count: int) -> None:
    """Keep ``count`` under ``key`` (``statement_key``) from now on."""
    with _lock:
        if len(_counts) >= MAX_COUNTS:
            _counts.clear()
        _counts[key] = (time.monotonic(), count)


def forget() -> None:
    """Drop every kept count (tests; a process that must count again at once)."""
    with _lock:
        _counts.clear()
