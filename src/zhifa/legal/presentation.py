"""Display helpers of the 期限计算器 page: form fields from parameters, results as text, month grids."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .calendar import WorkCalendar
from .catalogue import Param, Rule
from .engine import Answer

WEEKDAYS = "一二三四五六日"


@dataclass
class FormField:
    """One parameter as shown in the form, with what the user typed and its error."""

    param: Param
    value: str = ""
    values: list[str] = field(default_factory=list)
    periods: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""

    @property
    def periods_json(self) -> str:
        """The periods as a JSON array for the Alpine.js row editor."""
        return json.dumps([list(p) for p in self.periods] or [["", ""]])


def params_from_form(rule: Rule, data) -> dict[str, Any]:
    """Rule parameters from a submitted form (a QueryDict); values stay strings for coercion."""
    params: dict[str, Any] = {}
    for param in rule.params:
        name = param.name
        if param.kind == "choices":
            params[name] = data.getlist(name)
        elif param.kind == "periods":
            rows = zip(data.getlist(f"{name}__start"), data.getlist(f"{name}__end"))
            params[name] = [[s, e] for s, e in rows if s or e]
        elif param.kind == "bool" and not param.required:
            params[name] = "true" if data.get(name) else "false"
        else:
            params[name] = data.get(name, "")
    return params


def missing_required(rule: Rule, raw: dict[str, Any]) -> dict[str, str]:
    """``{name: "请填写…"}`` for every required parameter left empty (all of them, not just the first)."""
    return {p.name: f"请填写{p.label}" for p in rule.params
            if p.required and raw.get(p.name) in (None, "", [], ())}


def for_people(rule: Rule, message: str) -> str:
    """An engine message as the web page shows it: parameters by their Chinese label, without the code."""
    for param in rule.params:
        message = message.replace(param.title, param.label)
        for value, label in param.choices:
            message = message.replace(f"“{value}”", f"“{label}”")
    return message


def form_fields(rule: Rule, data: dict[str, Any] | None, errors: dict[str, str] | None = None) -> list[FormField]:
    """The form of ``rule`` filled with ``data`` (submitted strings or an example in JSON form), with
    ``errors`` (parameter name → message) shown next to their fields."""
    data = data or {}
    errors = errors or {}
    fields = []
    for param in rule.params:
        raw = data.get(param.name)
        item = FormField(param, error=errors.get(param.name, ""))
        if param.kind == "choices":
            item.values = [str(v) for v in raw] if isinstance(raw, (list, tuple)) else []
        elif param.kind == "periods":
            item.periods = [(str(p[0]), str(p[1])) for p in raw] if isinstance(raw, (list, tuple)) else []
        elif param.kind == "int_list":
            item.value = ",".join(str(v) for v in raw) if isinstance(raw, (list, tuple)) else str(raw or "")
        elif param.kind == "bool":
            item.value = "" if raw in (None, "") else ("true" if raw in (True, "true") else "false")
        else:
            item.value = "" if raw is None else str(raw)
        fields.append(item)
    return fields


def format_value(kind: str, value: Any, choices: tuple[tuple[str, str], ...] = ()) -> str:
    """A result value as Chinese text."""
    if value is None:
        return "—（未提供相应日期或无全国统一标准）"
    if kind == "date":
        return f"{value.year}年{value.month}月{value.day}日（周{WEEKDAYS[value.weekday()]}）"
    if kind == "bool":
        return "是" if value else "否"
    if kind == "amount":
        return f"{value:,.2f}元" if isinstance(value, Decimal) else f"{value}元"
    if kind == "int":
        return f"{value}日"
    if choices:
        return dict(choices).get(value, str(value))
    return str(value)


def result_rows(rule: Rule, answer: Answer) -> list[dict[str, Any]]:
    """``[{label, text, kind, value}]`` for the results of ``answer``."""
    return [
        {"label": r.label, "text": format_value(r.kind, answer[r.name], r.choices), "kind": r.kind, "value": answer[r.name]}
        for r in rule.results
    ]


def marked_days(rule: Rule, params: dict[str, Any], answer: Answer) -> dict[dt.date, set[str]]:
    """Dates to highlight: ``input`` (given dates), ``result`` (answers), ``excluded`` (periods)."""
    marks: dict[dt.date, set[str]] = {}
    for param in rule.params:
        value = params.get(param.name)
        if param.kind == "date" and isinstance(value, dt.date):
            marks.setdefault(value, set()).add("input")
        elif param.kind == "periods" and value:
            for start, end in value:
                day = start
                while day <= end and (day - start).days < 370:
                    marks.setdefault(day, set()).add("excluded")
                    day += dt.timedelta(days=1)
    for result in rule.results:
        value = answer[result.name]
        if result.kind == "date" and isinstance(value, dt.date):
            marks.setdefault(value, set()).add("result")
    return marks


def months_to_show(marks: dict[dt.date, set[str]], limit: int = 4) -> list[tuple[int, int]]:
    """The months to draw: the whole span when it is short, else the months holding key dates."""
    key_days = sorted(d for d, kinds in marks.items() if kinds & {"input", "result"})
    excluded = sorted(d for d, kinds in marks.items() if "excluded" in kinds)
    if excluded:
        key_days = sorted(set(key_days) | {excluded[0]})
    if not key_days:
        return []
    first, last = key_days[0], key_days[-1]
    span = (last.year - first.year) * 12 + last.month - first.month
    if span < limit:
        months, year, month = [], first.year, first.month
        for _ in range(span + 1):
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months
    unique = sorted({(d.year, d.month) for d in key_days})
    return unique[:limit]


def month_grid(work: WorkCalendar, year: int, month: int, marks: dict[dt.date, set[str]]) -> dict[str, Any]:
    """One month as weeks of cells ``{day, classes, tag, title}`` (Monday first)."""
    weeks = []
    for week in _calendar.Calendar(0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            classes = []
            tag, title = "", ""
            if day.month != month:
                classes.append("other-month")
            if day in work.holidays:
                classes.append("holiday")
                tag, title = "休", work.holidays[day]
            elif day in work.workdays:
                classes.append("shift-workday")
                tag, title = "班", f"{work.workdays[day]}调休上班"
            elif day.weekday() >= 5:
                classes.append("weekend")
            classes.extend(sorted(marks.get(day, ())) if day.month == month else ())
            cells.append({"day": day.day, "date": day.isoformat(), "classes": " ".join(classes), "tag": tag, "title": title})
        weeks.append(cells)
    return {"title": f"{year}年{month}月", "weeks": weeks, "known": year in work.known_years}


def grids(work: WorkCalendar, marks: dict[dt.date, set[str]], months: Iterable[tuple[int, int]]) -> list[dict[str, Any]]:
    return [month_grid(work, y, m, marks) for y, m in months]
