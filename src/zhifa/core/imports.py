"""Spreadsheet import: every row validated, every error reported by row and column, all or nothing.

A model's import form (a ``ZhifaModelForm``) defines the columns: a column header is the field's
label (``姓名``) or its name (``display_name``). ``run_import`` validates and saves every row inside
one transaction and rolls it back when any row fails or when it is only a dry run, so the preview
catches even conflicts between rows of the same file, and the confirmed import writes everything
or nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from openpyxl import load_workbook

IMPORT_MAX_ROWS = 20000
# The longest cell accepted (the csv module's default limit); longer text is no form field's value.
MAX_CELL_CHARS = 131072
HEADER_ROW = 1
CSV_ENCODINGS = ("utf-8-sig", "gb18030")

MSG_EMPTY_FILE = "文件中没有数据：第一行应为列名，从第二行起为数据"
MSG_UNREADABLE = "文件无法读取，请确认是有效的 .xlsx 或 .csv 文件"
MSG_UNKNOWN_COLUMN = "无法识别的列名“{header}”，可用的列：{allowed}"
MSG_DUPLICATE_COLUMN = "列名“{header}”重复"
MSG_MISSING_COLUMN = "缺少必填列“{label}”"
MSG_TOO_MANY_ROWS = "一次最多导入 {limit} 行，请拆分文件"
MSG_CONFLICT = "与已有记录冲突（例如代码或名称重复）"
MSG_CELL_TOO_LONG = "单元格内容超过 {limit} 个字符，请缩短后重新导入"


@dataclass(frozen=True)
class RowError:
    """One problem of an import file: sheet row number (header = 1), column header, Chinese message."""

    row: int
    column: str
    message: str


@dataclass
class ImportOutcome:
    """What an import run found: data rows read, errors, and the saved objects (empty unless committed)."""

    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    objects: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(Exception):
    """The file cannot be read at all."""


class CellTooLong(ImportFileError):
    """A cell longer than ``MAX_CELL_CHARS``: reading stops at its row and column."""

    def __init__(self, row: int, column: str):
        super().__init__(MSG_CELL_TOO_LONG.format(limit=MAX_CELL_CHARS))
        self.row = row
        self.column = column

    def as_row_error(self) -> RowError:
        return RowError(self.row, self.column, str(self))


def cell_text(value) -> str:
    """A spreadsheet cell as the text a form field expects (``13800138000.0`` → ``13800138000``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value).strip()


def read_rows(handle, filename: str) -> tuple[list[str], Iterator[tuple[int, list]]]:
    """Headers and ``(row number, cells)`` of the first sheet of an .xlsx or of a .csv file."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        return _read_csv(handle.read())
    if suffix == ".xlsx":
        return _read_xlsx(handle)
    raise ImportFileError("文件格式不支持，请上传 .xlsx 或 .csv 文件")


def _read_csv(raw: bytes):
    for encoding in CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError("CSV 文件编码无法识别，请保存为 UTF-8 或 GBK 编码")
    # The csv module's own limit would stop mid-file with an English error; cells are measured
    # below instead, where the row and the column are known (the file is in memory already).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise ImportFileError(MSG_EMPTY_FILE)
    headers = [cell_text(h) for h in header]
    return headers, _measured(headers, enumerate(reader, start=HEADER_ROW + 1))


def _measured(headers: list[str], rows: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    """The rows as they are, raising ``CellTooLong`` at the first cell over ``MAX_CELL_CHARS``."""
    for number, cells in rows:
        for index, cell in enumerate(cells):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                column = headers[index] if index < len(headers) else f"第 {index + 1} 列"
                raise CellTooLong(number, column)
        yield number, cells


def _read_xlsx(handle):
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise ImportFileError(MSG_UNREADABLE) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        workbook.close()
        raise ImportFileError(MSG_EMPTY_FILE)

    headers = [cell_text(h) for h in header]

    def data_rows():
        try:
            yield from _measured(headers, enumerate(rows, start=HEADER_ROW + 1))
        finally:
            workbook.close()

    return headers, data_rows()


def _normalise(header: str) -> str:
    return header.strip().rstrip("*＊").strip()


def import_columns(form_class) -> list[tuple[str, str, bool]]:
    """``(field name, label, required)`` of every column an import form accepts."""
    form = form_class(user=None)
    return [(name, str(f.label or name), f.required) for name, f in form.fields.items()]


def map_columns(form_class, headers: list[str]) -> tuple[dict[int, str], dict[str, str], list[RowError]]:
    """Match the header row to form fields: ``({index: field}, {field: header}, header errors)``."""
    columns = import_columns(form_class)
    by_text = {}
    for name, label, _required in columns:
        by_text[name] = name
        by_text[label] = name
    allowed = "、".join(label for _name, label, _required in columns)
    index_to_field, field_to_header, errors = {}, {}, []
    for index, header in enumerate(headers):
        text = _normalise(header)
        if not text:
            continue
        name = by_text.get(text)
        if name is None:
            errors.append(RowError(HEADER_ROW, header, MSG_UNKNOWN_COLUMN.format(header=header, allowed=allowed)))
        elif name in field_to_header:
            errors.append(RowError(HEADER_ROW, header, MSG_DUPLICATE_COLUMN.format(header=header)))
        else:
            index_to_field[index] = name
            field_to_header[name] = header
    for name, label, required in columns:
        if required and name not in field_to_header:
            errors.append(RowError(HEADER_ROW, label, MSG_MISSING_COLUMN.format(label=label)))
    return index_to_field, field_to_header, errors


def _errors_of(exc: ValidationError) -> list[tuple[str | None, str]]:
    if hasattr(exc, "error_dict"):
        return [(name, message) for name, messages in exc.message_dict.items() for message in messages]
    return [(None, message) for message in exc.messages]


def _import_row(number, cells, index_to_field, column_of, form_class, user, save_row, outcome) -> None:
    """Validate and save one data row; its problems go to ``outcome.errors``."""
    data = {name: cell_text(cells[i]) if i < len(cells) else "" for i, name in index_to_field.items()}
    form = form_class(data=data, user=user)
    if not form.is_valid():
        for name, messages in form.errors.items():
            for message in messages:
                outcome.errors.append(RowError(number, column_of(name), message))
        return
    try:
        with transaction.atomic():
            outcome.objects.append(save_row(form))
    except ValidationError as exc:
        for name, message in _errors_of(exc):
            outcome.errors.append(RowError(number, column_of(name), message))
    except IntegrityError:
        outcome.errors.append(RowError(number, "", MSG_CONFLICT))


def run_import(
    *,
    handle,
    filename: str,
    form_class,
    user,
    save_row: Callable,
    commit: bool,
    max_rows: int = IMPORT_MAX_ROWS,
) -> ImportOutcome:
    """Validate (and with ``commit`` keep) every row of the file; roll back on any error.

    ``save_row(form)`` writes one valid row (through the model's service and the scope check) and
    may raise ``ValidationError``. Every row is tried even after an error, so the user sees all
    problems at once.
    """
    outcome = ImportOutcome()
    try:
        headers, rows = read_rows(handle, filename)
    except ImportFileError as exc:
        outcome.errors.append(RowError(HEADER_ROW, "", str(exc)))
        return outcome
    index_to_field, field_to_header, header_errors = map_columns(form_class, headers)
    if header_errors:
        outcome.errors.extend(header_errors)
        return outcome

    def column_of(name: str | None) -> str:
        return field_to_header.get(name or "", "")

    with transaction.atomic():
        try:
            for number, cells in rows:
                if all(cell_text(c) == "" for c in cells):
                    continue
                outcome.rows += 1
                if outcome.rows > max_rows:
                    outcome.errors.append(RowError(number, "", MSG_TOO_MANY_ROWS.format(limit=max_rows)))
                    break
                _import_row(number, cells, index_to_field, column_of, form_class, user, save_row, outcome)
        except CellTooLong as exc:
            outcome.errors.append(exc.as_row_error())
        if not outcome.rows and not outcome.errors:
            outcome.errors.append(RowError(HEADER_ROW, "", MSG_EMPTY_FILE))
        if outcome.errors or not commit:
            transaction.set_rollback(True)
            outcome.objects = []
    return outcome
