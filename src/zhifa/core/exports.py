"""Excel export of any list: the table's visible columns, streamed from the database in constant memory.

openpyxl's write-only workbook keeps no rows in memory; the queryset is read with ``iterator()``;
the workbook is written to an anonymous temporary file that the ``FileResponse`` streams and
closes (which deletes it).
"""

from __future__ import annotations

import datetime as dt
import decimal
import tempfile
from collections.abc import Iterable

from django.http import FileResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django_tables2.rows import BoundRow
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_SIZE = 1000


def cell_value(value):
    """A value openpyxl can store: text without HTML, local naive datetimes, 是/否 for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (int, float, decimal.Decimal, dt.date, dt.time)):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", strip_tags(str(value)))


def _text_cell(sheet, value):
    """A cell that is always text: a leading ``=`` must never become a formula (CSV/Excel injection)."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def new_workbook(title: str):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or "数据")[:31])
    return workbook, sheet


def save_to_temporary_file(workbook):
    """Write ``workbook`` to an anonymous temporary file, rewound for reading."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle


def write_table(table, records: Iterable) -> tuple[object, int]:
    """Write ``records`` through ``table``'s export columns; return the open temporary file and row count.

    Values come from the table's own cell logic (choices, related names, masking), so the file
    shows what the list shows.
    """
    columns = table.export_columns()
    workbook, sheet = new_workbook(str(table._meta.model._meta.verbose_name))
    sheet.append([str(column.header) for column in columns])
    count = 0
    for record in records:
        row = BoundRow(record, table=table)
        sheet.append([_text_cell(sheet, cell_value(row.get_cell_value(column.name))) for column in columns])
        count += 1
    return save_to_temporary_file(workbook), count


def write_header_only(title: str, headers: list[str]):
    """An empty sheet with only the header row: the template users fill in for an import."""
    workbook, sheet = new_workbook(title)
    sheet.append(headers)
    return save_to_temporary_file(workbook)


def queryset_records(queryset):
    """Rows read in chunks so that memory stays flat whatever the size of the list."""
    return queryset.iterator(chunk_size=CHUNK_SIZE)


def xlsx_response(handle, filename: str) -> FileResponse:
    """Stream the temporary file as a download; the file is closed (and deleted) when sent."""
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def export_filename(model) -> str:
    """``用户-20260315.xlsx``."""
    return "{name}-{date:%Y%m%d}.xlsx".format(name=model._meta.verbose_name, date=timezone.localdate())
