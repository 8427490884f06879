"""Write operations on the legal reference data: seeding and importing the holiday calendar.

Both are all-or-nothing, write an audit row, and bump the data version so every process reloads.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from zhifa.core.audit import ObjectRef, record
from zhifa.core.models import AuditAction

from .calendar import package_entries
from .models import CalendarDay, DataVersion

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
    """What an import changed: the years replaced and the number of rows written."""

    years: tuple[int, ...]
    holidays: int
    workdays: int


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


def import_calendar(rows: list[tuple[int, dict[str, str]]], *, dry_run: bool = False) -> ImportSummary:
    """Replace the calendar of every year present in ``rows`` with these rows (all or nothing).

    Each row needs ``date`` (YYYY-MM-DD), ``kind`` (holiday|workday, or 休/班) and ``name``.
    Raises ``CalendarImportError`` listing every problem; then nothing is written.
    """
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
    years = tuple(sorted({d.year for d in parsed}))
    summary = ImportSummary(
        years,
        sum(1 for k, _ in parsed.values() if k == CalendarDay.Kind.HOLIDAY),
        sum(1 for k, _ in parsed.values() if k == CalendarDay.Kind.WORKDAY),
    )
    if dry_run:
        return summary
    with transaction.atomic():
        CalendarDay.objects.filter(date__year__in=years).delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(date=d, kind=k, name=n, source=CalendarDay.Source.STATE_COUNCIL)
            for d, (k, n) in sorted(parsed.items())
        )
        DataVersion.bump()
        record(
            AuditAction.IMPORT, ObjectRef("legal.calendarday", "", "节假日安排"),
            changes={"years": list(years), "holidays": summary.holidays, "workdays": summary.workdays},
            message="导入国务院节假日安排",
        )
    return summary
