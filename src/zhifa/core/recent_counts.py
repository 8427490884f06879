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
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a condition that can match nothing (``none()``, ``pk__in=[]``)
        return 0
    key = (queryset.db, sql, repr(tuple(params)))  # repr: a parameter may be a list
    now = time.monotonic()
    kept = _counts.get(key)
    if kept and now - kept[0] < seconds:
        return kept[1]
    count = queryset.count()
    if keep is None or keep(count):
        with _lock:
            if len(_counts) >= MAX_COUNTS:
                _counts.clear()
            _counts[key] = (now, count)
    return count


def forget() -> None:
    """Drop every kept count (tests; a process that must count again at once)."""
    with _lock:
        _counts.clear()
