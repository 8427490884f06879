"""The working-day calendar: statutory holidays and 调休 working days, per year.

A working day (行政处罚法第85条, 行政强制法第69条; docs/legal.md, 约定) is a Monday–Friday that
is not a statutory holiday, or a weekend day declared a working day (调休上班日). A year for which no schedule is known falls
back to "Saturday and Sunday are rest days"; every result computed on such a year carries a
warning (see ``CalendarView.warnings``).

``WorkCalendar`` is immutable data shared by all evaluations of a process; ``CalendarView`` is
the cheap per-evaluation wrapper that remembers which unknown years were consulted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

HOLIDAY = "holiday"
WORKDAY = "workday"

# Names used by chinese-calendar, translated for display and storage.
PACKAGE_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


@dataclass(frozen=True)
class WorkCalendar:
    """Holidays and 调休 working days of the years whose schedule is known.

    ``holidays`` and ``workdays`` map a date to the name of its holiday; ``known_years`` are the
    years whose schedule is complete (the database records them; for the package, every year it has).
    """

    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    workdays: Mapping[dt.date, str] = field(default_factory=dict)
    known_years: frozenset[int] = frozenset()

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[dt.date, str, str]],
                     complete_years: Iterable[int] | None = None) -> WorkCalendar:
        """Build a calendar from ``(date, kind, name)`` triples (kind ``holiday`` or ``workday``).

        ``complete_years`` are the known years; by default every year with an entry (the package's).
        """
        holidays: dict[dt.date, str] = {}
        workdays: dict[dt.date, str] = {}
        for day, kind, name in entries:
            (holidays if kind == HOLIDAY else workdays)[day] = name
        if complete_years is None:
            years = frozenset(d.year for d in holidays) | frozenset(d.year for d in workdays)
        else:
            years = frozenset(complete_years)
        return cls(MappingProxyType(holidays), MappingProxyType(workdays), years)

    @classmethod
    def from_package(cls) -> WorkCalendar:
        """The calendar of the ``chinese-calendar`` package (the seed of the database table)."""
        return cls.from_entries(package_entries())


def package_entries() -> list[tuple[dt.date, str, str]]:
    """``(date, kind, Chinese name)`` for every day the chinese-calendar package knows."""
    from chinese_calendar import constants

    entries = [(d, HOLIDAY, PACKAGE_HOLIDAY_NAMES.get(n, n)) for d, n in constants.holidays.items()]
    entries += [(d, WORKDAY, PACKAGE_HOLIDAY_NAMES.get(n, n)) for d, n in constants.workdays.items()]
    return sorted(entries)


class CalendarView:
    """A ``WorkCalendar`` seen by one evaluation; records the unknown years it had to guess."""

    __slots__ = ("calendar", "unknown_years", "_holidays", "_workdays", "_known")

    def __init__(self, calendar: WorkCalendar):
        self.calendar = calendar
        self.unknown_years: set[int] = set()
        self._holidays = calendar.holidays
        self._workdays = calendar.workdays
        self._known = calendar.known_years

    def is_workday(self, day: dt.date) -> bool:
        """True for a working day; notes the year when its schedule is unknown."""
        if day.year not in self._known:
            self.unknown_years.add(day.year)
        if day in self._workdays:
            return True
        if day in self._holidays:
            return False
        return day.weekday() < 5

    def is_holiday(self, day: dt.date) -> bool:
        """True for a statutory holiday (法定节假日) of the schedule."""
        if day.year not in self._known:
            self.unknown_years.add(day.year)
        return day in self._holidays

    def describe(self, day: dt.date) -> str:
        """A short Chinese description of a rest day: the holiday name or 周六/周日."""
        if day in self._holidays:
            return self._holidays[day]
        return "周六" if day.weekday() == 5 else "周日" if day.weekday() == 6 else "工作日"

    def warnings(self) -> list[str]:
        """One warning per consulted year whose holiday schedule is not in the calendar."""
        return [
            f"{year}年的法定节假日和调休安排尚未录入，本结果按“周六、周日休息，其余为工作日”计算；"
            f"国务院公布该年安排后请管理员录入并重新计算。"
            for year in sorted(self.unknown_years)
        ]
