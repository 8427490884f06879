"""Evaluation of catalogue rules: the context a rule sees, the answer it gives, the entry point.

``Rules(calendar, thresholds).evaluate(rule_id, params)`` is pure. ``evaluate(rule_id, **params)``
uses the process's *provider* of ``Rules``: the built-in data (chinese-calendar and the national
defaults) unless the Django app installed the database loader (``zhifa.legal.loader``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from . import catalogue
from .catalogue import to_json
from .basis import Citation
from .calendar import CalendarView, WorkCalendar
from .thresholds import GENERAL, SPECS, ThresholdTable, ThresholdValue, normalize_region

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Answer(Mapping):
    """The answer of one rule: its named results plus ``basis`` and ``warnings``.

    Reading ``answer["deadline"]`` gives the Python value (a ``date``); ``as_json()`` is the one
    serialisation used by the REST API, the command line and the calculator page.
    """

    __slots__ = ("rule", "values", "basis", "warnings")

    def __init__(self, rule: str, values: dict[str, Any], basis: list[Citation], warnings: list[str]):
        self.rule = rule
        self.values = values
        self.basis = basis
        self.warnings = warnings

    def __getitem__(self, key: str) -> Any:
        if key == "basis":
            return self.basis
        if key == "warnings":
            return self.warnings
        return self.values[key]

    def __iter__(self) -> Iterator[str]:
        yield from self.values
        yield "basis"
        yield "warnings"

    def __len__(self) -> int:
        return len(self.values) + 2

    def as_json(self) -> dict[str, Any]:
        """``{result names…, "basis": [{law, article, text}], "warnings": [中文…]}``."""
        data = {name: to_json(value) for name, value in self.values.items()}
        data["basis"] = [c.as_json() for c in self.basis]
        data["warnings"] = list(self.warnings)
        return data

    def __repr__(self) -> str:
        return f"Answer({self.rule!r}, {self.as_json()!r})"


class Context:
    """What a rule function sees: the calendar, thresholds, today's date, and collectors.

    Rules call ``cite`` for each legal basis they rely on and ``warn`` for each caution; both
    keep their first-seen order and drop duplicates.
    """

    __slots__ = ("cal", "thresholds", "today", "_basis", "_warnings")

    def __init__(self, cal: CalendarView, thresholds: ThresholdTable, today: dt.date):
        self.cal = cal
        self.thresholds = thresholds
        self.today = today
        self._basis: dict[Citation, None] = {}
        self._warnings: list[str] = []

    def cite(self, *citations: Citation | None) -> None:
        for citation in citations:
            if citation is not None:
                self._basis[citation] = None

    def warn(self, message: str) -> None:
        if message not in self._warnings:
            self._warnings.append(message)

    def threshold(self, key: str, *, on: dt.date, region: str = "", sector: str = GENERAL) -> Any:
        """The configured value of ``key``; cites its basis and warns when it is unverified."""
        record = self.thresholds.resolve(key, on=on, region=region, sector=sector)
        self.cite(record.basis)
        self._warn_fallback(record, on=on, region=normalize_region(region))
        if not record.verified:
            spec = SPECS[key]
            where = "本地区配置" if record.region else "全国默认配置"
            note = f"（{record.note}）" if record.note else ""
            self.warn(
                f"{spec.label}采用{where}值“{spec.format(record.value)}”{note}；该数值未经核实，请按本地区、本行业规定核对。"
            )
        return record.value

    def _warn_fallback(self, record: ThresholdValue, *, on: dt.date, region: str) -> None:
        """Warn when the record is not the asked region's own (region → province → country) or not yet in force."""
        spec = SPECS[record.key]
        value = spec.format(record.value)
        if region and record.region != region:
            source = f"上级行政区划（{record.region}）" if record.region else "全国默认"
            self.warn(f"行政区划 {region} 未配置“{spec.label}”，采用{source}的标准“{value}”。")
        if record.effective_from > on:
            self.warn(
                f"“{spec.label}”在 {on.isoformat()} 尚无施行的配置，采用 {record.effective_from.isoformat()} 起施行的“{value}”。"
            )

    def facts_date(self, value: dt.date | None, label: str) -> dt.date:
        """The date of the facts that decides which standard applies; today (with a warning) when not given."""
        if value is not None:
            return value
        self.warn(f"未填写{label}，按今天（{self.today.isoformat()}）施行的标准判断；请以{label}当日施行的标准为准。")
        return self.today

    def basis(self) -> list[Citation]:
        return list(self._basis)

    def warnings(self) -> list[str]:
        if not self.cal.unknown_years:
            return self._warnings
        return self._warnings + [w for w in self.cal.warnings() if w not in self._warnings]


def today_in_china() -> dt.date:
    """Today's date in Asia/Shanghai (the date every "today" of the rules refers to)."""
    return dt.datetime.now(SHANGHAI).date()


class Rules:
    """The rule catalogue bound to one calendar and one threshold table."""

    __slots__ = ("calendar", "thresholds")

    def __init__(self, calendar: WorkCalendar, thresholds: ThresholdTable):
        self.calendar = calendar
        self.thresholds = thresholds

    def evaluate(self, rule_id: str, params: Mapping[str, Any], *, today: dt.date | None = None) -> Answer:
        """Evaluate ``rule_id`` on ``params``; raises ``RuleError`` for bad input."""
        rule = catalogue.get(rule_id)
        values = rule.parse(params)
        ctx = Context(CalendarView(self.calendar), self.thresholds, today or today_in_china())
        results = rule.func(ctx, values)
        return Answer(rule.id, {r.name: results[r.name] for r in rule.results}, ctx.basis(), ctx.warnings())


_builtin: Rules | None = None


def builtin_rules() -> Rules:
    """Rules on the chinese-calendar package and the national defaults (no database)."""
    global _builtin
    if _builtin is None:
        _builtin = Rules(WorkCalendar.from_package(), ThresholdTable())
    return _builtin


_provider: Callable[[], Rules] = builtin_rules


def set_provider(provider: Callable[[], Rules]) -> None:
    """Install the function that returns the current ``Rules`` (the database loader does this)."""
    global _provider
    _provider = provider


def current_rules() -> Rules:
    """The ``Rules`` of the installed provider."""
    return _provider()


def evaluate(rule_id: str, /, **params: Any) -> Answer:
    """Evaluate a catalogue rule with the current calendar and thresholds.

    >>> evaluate("payment_deadline", received_on="2026-01-31")["deadline"]
    datetime.date(2026, 2, 24)
    """
    return _provider().evaluate(rule_id, params)
