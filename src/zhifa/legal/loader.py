"""Builds ``Rules`` from the database and caches them per process until the data change.

``database_rules()`` reads the version token at most once per ``ZHIFA_LEGAL_RECHECK_SECONDS``
(default 1 s) and costs nothing in between. Any save or delete of a ``CalendarDay``,
``CalendarYear`` or ``ThresholdSetting`` bumps the token (signal handlers below; bulk services bump it themselves):
the process that made the change reloads on its next evaluation, every other process within the
recheck interval (docs/legal.md, "数据更新何时生效").
"""

from __future__ import annotations

import datetime as dt
import threading
import time

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .basis import Citation
from .calendar import WorkCalendar
from .engine import Rules
from .models import CalendarDay, CalendarYear, DataVersion, ThresholdSetting
from .thresholds import BUILTIN, ThresholdTable, ThresholdValue

_lock = threading.Lock()
_cached: tuple[str, Rules] | None = None
_checked_at = float("-inf")


def _setting_value(row: ThresholdSetting) -> ThresholdValue:
    return ThresholdValue(
        key=row.key,
        value=row.value,
        effective_from=row.effective_from,
        region=row.region,
        sector=row.sector,
        basis=Citation(row.law, row.article, row.text),
        verified=row.verified,
        note=row.note,
    )


def build_rules() -> Rules:
    """Fresh ``Rules`` from the calendar table and the built-in plus database thresholds."""
    entries: list[tuple[dt.date, str, str]] = list(CalendarDay.objects.values_list("date", "kind", "name"))
    with_rows = {day.year for day, _, _ in entries}
    complete = [y for y in CalendarYear.objects.filter(complete=True).values_list("year", flat=True) if y in with_rows]
    settings = [_setting_value(row) for row in ThresholdSetting.objects.all()]
    return Rules(WorkCalendar.from_entries(entries, complete), ThresholdTable(BUILTIN + tuple(settings)))


def recheck_seconds() -> float:
    return settings.ZHIFA_LEGAL_RECHECK_SECONDS


def database_rules() -> Rules:
    """The cached ``Rules`` of this process, rebuilt when the data version token changed.

    The token is read at most once per ``recheck_seconds()``; between reads the cached rules are
    returned without touching the database.
    """
    global _cached, _checked_at
    now = time.monotonic()
    cached = _cached
    if cached is not None and now - _checked_at < recheck_seconds():
        return cached[1]
    token = DataVersion.current()
    _checked_at = now
    if cached is not None and cached[0] == token:
        return cached[1]
    with _lock:
        rules = build_rules()
        _cached = (token, rules)
    return rules


def forget() -> None:
    """Make the next evaluation in this process re-read the token."""
    global _checked_at
    _checked_at = float("-inf")


@receiver(post_save, sender=DataVersion)
def version_bumped(sender, **kwargs) -> None:
    """A change made in this process takes effect here at once, and again after its commit."""
    forget()
    transaction.on_commit(forget)


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
@receiver(post_save, sender=CalendarYear)
@receiver(post_delete, sender=CalendarYear)
@receiver(post_save, sender=ThresholdSetting)
@receiver(post_delete, sender=ThresholdSetting)
def data_changed(sender, **kwargs) -> None:
    """Any edit of calendar or threshold rows invalidates every process's cache."""
    DataVersion.bump()
