"""Write operations on the legal reference data: seeding and importing the holiday calendar.

Both are all-or-nothing, write an audit row, and bump the data version so every process reloads.

An import replaces only the years it declares (``years``, by default those with a row between
8 January and 24 December, or the file's only year: a State Council schedule for 2023 lists
2022-12-31 as part of 元旦, which does not make it a 2022 schedule). A row in another year that would add or change a day
there is refused unless ``force`` is given; with ``force`` only those dates are written and the
rest of that year stays as it was. Imported years are marked complete unless ``complete=False``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from zhifa.core.audit import ObjectRef, record
from zhifa.core.models import AuditAction

from .calendar import package_entries
from .models import CalendarDay, CalendarYear, DataVersion

KIND_WORDS = {
    "holiday": CalendarDay.Kind.HOLIDAY, "休": CalendarDay.Kind.HOLIDAY, "放假": CalendarDay.Kind.HOLIDAY,
    "节假日": CalendarDay.Kind.HOLIDAY, "法定节假日": CalendarDay.Kind.HOLIDAY,
    "workday": CalendarDay.Kind.WORKDAY, "班": CalendarDay.Kind.WORKDAY, "上班": CalendarDay.Kind.WORKDAY,
    "调休上班": CalendarDay.Kind.WORKDAY, "调休上班日": CalendarDay.Kind.WORKDAY,
}
HEADER = ("date", "kind", "name")
COLUMN_LABELS = {"date": "日期", "kind": "类型", "name": "名称"}
HEADER_WORDS = {"date": "date", "日期": "date", "kind": "kind", "类型": "kind", "name": "name", "名称": "name", "节日名称": "name"}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ImportProblem:
    """One error of an import file: row number (1 = header), column name and Chinese message."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行“{COLUMN_LABELS.get(self.column, self.column)}”列：{self.message}"


class CalendarImportError(Exception):
    """The file has errors; nothing was imported. ``problems`` lists every one of them."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__("；".join(str(p) for p in problems[:20]))
        self.problems = problems


@dataclass(frozen=True)
class ImportSummary:
    """What an import changed: the years replaced, the dates written in other years, the rows written."""

    years: tuple[int, ...]
    holidays: int
    workdays: int
    outside: tuple[dt.date, ...] = ()


MSG_OUTSIDE = (
    "文件包含本次导入年份（{years}年）以外的日期：{dates}。这些日期所在年份已有或将新增安排，导入会改动它们；"
    "确认无误请选择“允许改动其他年份的日期”（命令行 --force）后重新导入，届时只写入这些日期，该年其他日期不变。"
)
MSG_NO_DECLARED_YEAR = "无法确定文件所属年份（文件只有几个年份年初或年末的日期），请填写“导入年份”（命令行 --year）"
MSG_YEAR_NOT_IN_FILE = "文件中没有{years}年的日期，不能按该年导入（会清空该年安排）"
MSG_BAD_YEAR = "导入年份应为 1900 至 2199 之间的整数"


def mark_years(years: Iterable[int], *, complete: bool) -> None:
    """Record whether the schedule of each of ``years`` is complete (``CalendarYear``)."""
    for year in years:
        CalendarYear.objects.update_or_create(year=year, defaults={"complete": complete})


@transaction.atomic
def set_year_complete(*, year: int, complete: bool) -> CalendarYear:
    """An administrator marks a year's schedule complete (or not complete); audited, data version bumped."""
    if not 1900 <= year <= 2199:
        raise ValidationError({"year": MSG_BAD_YEAR})
    row, _ = CalendarYear.objects.select_for_update().get_or_create(year=year)
    row.complete = complete
    row.save()
    return row


def declared_years(parsed_days: Iterable[dt.date]) -> tuple[int, ...]:
    """The years a file is about: those with a day between 8 January and 24 December, else its only year."""
    days = list(parsed_days)
    middle = {d.year for d in days if dt.date(d.year, 1, 8) <= d <= dt.date(d.year, 12, 24)}
    every = {d.year for d in days}
    return tuple(sorted(middle or (every if len(every) == 1 else ())))


def seed_calendar(*, years: Iterable[int] | None = None, replace: bool = False) -> list[int]:
    """Copy the chinese-calendar data into the table for the years it knows.

    Years that already have rows are left alone (an administrator may have corrected them)
    unless ``replace`` is set. Returns the years written.
    """
    entries = package_entries()
    wanted = set(years) if years is not None else {d.year for d, _, _ in entries}
    with transaction.atomic():
        present = set(CalendarDay.objects.values_list("date__year", flat=True).distinct())
        target = sorted(y for y in wanted if replace or y not in present)
        if not target:
            return []
        CalendarDay.objects.filter(date__year__in=target).delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(date=d, kind=k, name=n, source=CalendarDay.Source.PACKAGE)
            for d, k, n in entries
            if d.year in target
        )
        mark_years(target, complete=True)
        DataVersion.bump()
        record(
            AuditAction.IMPORT, ObjectRef("legal.calendarday", "", "节假日安排"),
            changes={"years": target, "source": "chinese-calendar"}, message="从 chinese-calendar 数据包写入节假日安排",
        )
    return target


def read_table(content: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV (UTF-8, with or without BOM, or GB18030) or XLSX file as ``(row number, {column: text})``.

    The first row is the header: ``date,kind,name`` (or 日期,类型,名称).
    """
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raw_rows = _xlsx_rows(content)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("gb18030", errors="replace")
        raw_rows = list(csv.reader(io.StringIO(text)))
    if not raw_rows:
        raise CalendarImportError([ImportProblem(1, "date", "文件为空")])
    header = [HEADER_WORDS.get(str(cell).strip().lower(), str(cell).strip()) for cell in raw_rows[0]]
    missing = [h for h in HEADER if h not in header]
    if missing:
        raise CalendarImportError([ImportProblem(1, m, "表头缺少该列（应为 日期,类型,名称）") for m in missing])
    rows = []
    for number, cells in enumerate(raw_rows[1:], start=2):
        if not any(str(c).strip() for c in cells):
            continue
        values = {h: (str(cells[i]).strip() if i < len(cells) and cells[i] is not None else "") for i, h in enumerate(header)}
        rows.append((number, values))
    return rows


def _xlsx_rows(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise CalendarImportError([ImportProblem(1, "date", f"无法读取 Excel 文件：{exc.__class__.__name__}")]) from None
    rows = []
    for cells in sheet.iter_rows(values_only=True):
        rows.append([
            c.date().isoformat() if isinstance(c, dt.datetime) else c.isoformat() if isinstance(c, dt.date)
            else "" if c is None else str(c)
            for c in cells
        ])
    return rows


def import_calendar(rows: list[tuple[int, dict[str, str]]], *, years: Iterable[int] | None = None,
                    force: bool = False, complete: bool = True, dry_run: bool = False) -> ImportSummary:
    """Replace the calendar of the declared ``years`` with these rows (all or nothing); see the module docstring.

    Each row needs ``date`` (YYYY-MM-DD), ``kind`` (holiday|workday, or 休/班) and ``name``.
    Raises ``CalendarImportError`` listing every problem (then nothing is written), or
    ``ValidationError`` when rows outside the declared years would change a day and ``force`` is off.
    """
    parsed = _parse_rows(rows)
    if years is not None:
        years = tuple(sorted(set(years)))
        if not years or any(not 1900 <= y <= 2199 for y in years):
            raise ValidationError({"years": MSG_BAD_YEAR})
    else:
        years = declared_years(parsed)
        if not years:
            raise ValidationError({"years": MSG_NO_DECLARED_YEAR})
    empty = [y for y in years if not any(d.year == y for d in parsed)]
    if empty:
        raise ValidationError({"years": MSG_YEAR_NOT_IN_FILE.format(years="、".join(map(str, empty)))})
    inside = {d: v for d, v in parsed.items() if d.year in years}
    outside = {d: v for d, v in parsed.items() if d.year not in years}
    existing = {row.date: (row.kind, row.name) for row in CalendarDay.objects.filter(date__in=list(outside))}
    changed = tuple(sorted(d for d, v in outside.items() if existing.get(d) != v))
    if changed and not force:
        raise ValidationError({"years": MSG_OUTSIDE.format(
            years="、".join(map(str, years)), dates="、".join(d.isoformat() for d in changed))})
    summary = ImportSummary(
        years,
        sum(1 for k, _ in parsed.values() if k == CalendarDay.Kind.HOLIDAY),
        sum(1 for k, _ in parsed.values() if k == CalendarDay.Kind.WORKDAY),
        changed,
    )
    if dry_run:
        return summary
    with transaction.atomic():
        CalendarDay.objects.filter(date__year__in=years).delete()
        CalendarDay.objects.filter(date__in=changed).delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(date=d, kind=k, name=n, source=CalendarDay.Source.STATE_COUNCIL)
            for d, (k, n) in sorted({**inside, **{d: outside[d] for d in changed}}.items())
        )
        mark_years(years, complete=complete)
        DataVersion.bump()
        record(
            AuditAction.IMPORT, ObjectRef("legal.calendarday", "", "节假日安排"),
            changes={"years": list(years), "holidays": summary.holidays, "workdays": summary.workdays,
                     "outside_dates": [d.isoformat() for d in changed], "complete": complete},
            message="导入国务院节假日安排",
        )
    return summary


def describe_import(summary: ImportSummary, *, dry_run: bool) -> str:
    """The Chinese one-line result of an import, for the page message and the command line."""
    verb = "检查通过（未导入）" if dry_run else "已导入"
    text = f"{verb}：{'、'.join(map(str, summary.years))}年，节假日{summary.holidays}天，调休上班日{summary.workdays}天"
    if summary.outside:
        text += f"；其他年份的日期：{'、'.join(d.isoformat() for d in summary.outside)}"
    return text


def _parse_rows(rows: list[tuple[int, dict[str, str]]]) -> dict[dt.date, tuple[str, str]]:
    """The checked ``{date: (kind, name)}`` of the rows; raises ``CalendarImportError`` with every problem."""
    problems: list[ImportProblem] = []
    parsed: dict[dt.date, tuple[str, str]] = {}
    for number, values in rows:
        day = None
        text = values.get("date", "")
        if not _DATE_RE.match(text):
            problems.append(ImportProblem(number, "date", f"日期应为 YYYY-MM-DD 格式，实际为“{text[:20]}”"))
        else:
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                problems.append(ImportProblem(number, "date", f"不是存在的日期：“{text}”"))
        kind = KIND_WORDS.get(values.get("kind", "").strip().lower())
        if kind is None:
            problems.append(ImportProblem(number, "kind", f"类型应为“休”或“班”，实际为“{values.get('kind', '')[:20]}”"))
        name = values.get("name", "").strip()
        if not name:
            problems.append(ImportProblem(number, "name", "节日名称不能为空"))
        elif len(name) > 60:
            problems.append(ImportProblem(number, "name", "节日名称不能超过60个字"))
        if day is None or kind is None or not name:
            continue
        if kind == CalendarDay.Kind.WORKDAY and day.weekday() < 5:
            problems.append(ImportProblem(number, "kind", f"{day} 是周一至周五，不能登记为调休上班日"))
        elif day in parsed:
            problems.append(ImportProblem(number, "date", f"{day} 重复出现"))
        else:
            parsed[day] = (kind, name)
    if not parsed and not problems:
        problems.append(ImportProblem(2, "date", "文件中没有数据行"))
    if problems:
        raise CalendarImportError(problems)
    return parsed
