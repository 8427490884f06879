"""Period arithmetic following the product's counting decisions (docs/legal.md, 约定).

- The start day is not counted (民法典第201条): a period of *n* days that starts on day S ends on
  the *n*-th counted day after S.
- Working-day periods count only working days of the calendar (行政处罚法第85条, 行政强制法第69条).
- Month and year periods end on the corresponding day of the last month, or on that month's last
  day when it has no corresponding day (民法典第202条).
- Excluded intervals ``(start, end)`` (both days included) are not counted: testing, 复议/诉讼,
  中止 and the like.
- ``roll_forward`` moves a party-side deadline that ends on a rest day to the next working day
  (民法典第203条); agency-side deadlines are never rolled.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable, Sequence

from .calendar import CalendarView

Interval = tuple[dt.date, dt.date]
ONE_DAY = dt.timedelta(days=1)


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping intervals covering the same days (touching intervals are joined)."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + ONE_DAY:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def add_calendar_days(start: dt.date, days: int, excluded: Sequence[Interval] = ()) -> dt.date:
    """The last day of a period of ``days`` calendar days after ``start``, skipping excluded days.

    Each excluded interval that begins before the (moving) end of the period pushes the end back
    by the number of its days that fall after ``start``.
    """
    end = start + dt.timedelta(days=days)
    for ex_start, ex_end in merge_intervals(excluded):
        first = max(ex_start, start + ONE_DAY)
        if ex_end < first:
            continue
        if first > end:
            break
        end += dt.timedelta(days=(ex_end - first).days + 1)
    return end


def add_working_days(cal: CalendarView, start: dt.date, days: int, excluded: Sequence[Interval] = ()) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted).

    A day inside an excluded interval is not counted even when it is a working day. With
    ``days == 0`` the answer is ``start``.
    """
    spans = merge_intervals(excluded)
    day = start
    counted = 0
    while counted < days:
        day += ONE_DAY
        if spans and any(a <= day <= b for a, b in spans):
            continue
        if cal.is_workday(day):
            counted += 1
    return day


def add_months(start: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` months after ``start``, or that month's last day (第202条)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last))


def add_years(start: dt.date, years: int) -> dt.date:
    """The corresponding day ``years`` years after ``start`` (29 February → 28 February)."""
    return add_months(start, 12 * years)


def roll_forward(cal: CalendarView, day: dt.date) -> dt.date:
    """``day`` when it is a working day, otherwise the first working day after it (第203条)."""
    while not cal.is_workday(day):
        day += ONE_DAY
    return day


def counted_days(after: dt.date, through: dt.date, excluded: Sequence[Interval] = ()) -> int:
    """Calendar days from the day after ``after`` through ``through`` inclusive, minus excluded days."""
    if through <= after:
        return 0
    total = (through - after).days
    for ex_start, ex_end in merge_intervals(excluded):
        first = max(ex_start, after + ONE_DAY)
        last = min(ex_end, through)
        if last >= first:
            total -= (last - first).days + 1
    return total
