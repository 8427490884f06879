"""Builds ``Rules`` from the database and caches them per process until the data change.

``database_rules()`` costs one small query (the version token) when nothing changed. Any save
or delete of a ``CalendarDay``, ``CalendarYear`` or ``ThresholdSetting`` bumps the token (signal handlers below;
bulk services bump it themselves), so every process reloads on its next evaluation.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .basis import Citation
from .calendar import WorkCalendar
from .engine import Rules
from .models import CalendarDay, CalendarYear, DataVersion, ThresholdSetting
from .thresholds import BUILTIN, ThresholdTable, ThresholdValue

_lock = threading.Lock()
_cached: tuple[str, Rules] | None = None


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


def database_rules() -> Rules:
    """The cached ``Rules`` of this process, rebuilt when the data version token changed."""
    global _cached
    token = DataVersion.current()
    cached = _cached
    if cached is not None and cached[0] == token:
        return cached[1]
    with _lock:
        rules = build_rules()
        _cached = (token, rules)
    return rules


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
@receiver(post_save, sender=CalendarYear)
@receiver(post_delete, sender=CalendarYear)
@receiver(post_save, sender=ThresholdSetting)
@receiver(post_delete, sender=ThresholdSetting)
def data_changed(sender, **kwargs) -> None:
    """Any edit of calendar or threshold rows invalidates every process's cache."""
    DataVersion.bump()
