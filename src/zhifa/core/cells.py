"""The cells of a list page's body, written without django-tables2's per-cell machinery.

``ZhifaTable.body_html()`` asks ``cell_renderer`` for one function ``BoundRow → cell HTML`` per
column and calls it for every row. django-tables2 would, for every cell, resolve the accessor
anew, look up ``get_<field>_display`` and build a dictionary of its choices, inspect the signature
of a ``render_<name>`` method, and compile the template of a date column. Here each of those is
done once per column:

- a column with ``cell_html(record)`` writes its cell itself;
- a date or date-time column formats the value as its ``date`` template would (local time);
- a column with its own ``render`` (a ``render_<name>`` method, 是/否, a mask) is called with the
  arguments its signature names, worked out once;
- any other column shows the value: choices by label, text escaped, numbers localised, and
  ``linkify=True`` as a link to the value's (or the row's) ``get_absolute_url()``.

Empty values (the column's ``empty_values``) show the column's default. The functions return escaped
text; ``body_html`` marks the joined rows safe.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import re
from html import escape as html_escape

import django_tables2 as tables
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.base import render_value_in_context
from django.utils import formats, timezone, translation
from django.utils.html import conditional_escape

RENDER_ARGUMENTS = frozenset({"value", "record", "column", "bound_column", "bound_row", "table"})
DATE_FORMAT = re.compile(r'\|date:"([^"]*)"')


def cell_renderer(table, bound_column, context):
    """A function ``BoundRow → cell HTML`` for ``bound_column`` (see the module docstring)."""
    column = bound_column.column
    if hasattr(column, "cell_html"):
        return lambda row: column.cell_html(row.record)
    read = value_reader(table._meta.model, bound_column)
    default = render_value_in_context(bound_column.default, context)
    empty_values = column.empty_values
    date_format = _date_format(column)
    if date_format is not None and bound_column.link is None:
        return _date_cell(read, empty_values, default, date_format)
    if getattr(bound_column.render, "__func__", None) is not tables.Column.render:
        return _rendered_cell(table, bound_column, read, default, context)
    return _value_cell(bound_column, read, empty_values, default, context)


def value_reader(model, bound_column):
    """A function ``record → value`` along the column's accessor (``None`` when a step is missing),
    showing a field with choices by its label."""
    parts = str(bound_column.accessor).replace(".", "__").split("__")
    labels = choice_labels(model, parts)

    def read(record):
        value = record
        for part in parts:
            value = getattr(value, part, None)
            if value is None:
                return None
        if labels is not None:
            return labels.get(value, value)
        if callable(value) and not isinstance(value, models.Model) and not getattr(value, "do_not_call_in_templates", False):
            return value()  # a method, as a template would call it (never a related manager)
        return value

    return read


def choice_labels(model, parts: list[str]) -> dict | None:
    """``value → label`` of the field at the end of ``parts`` (followed from ``model``), None without choices."""
    try:
        for part in parts[:-1]:
            model = model._meta.get_field(part).related_model
        field = model._meta.get_field(parts[-1])
    except (FieldDoesNotExist, AttributeError):
        return None
    if not field.choices:
        return None
    return {value: str(label) for value, label in field.flatchoices}


def _date_format(column) -> str | None:
    """The ``date`` filter format of a date or date-time column, None for other columns."""
    if not isinstance(column, (tables.DateColumn, tables.DateTimeColumn)):
        return None
    found = DATE_FORMAT.search(getattr(column, "template_code", "") or "")
    return found.group(1) if found else None


def _date_cell(read, empty_values, default: str, date_format: str):
    def render(row):
        value = read(row.record)
        if value in empty_values:
            return default
        if not isinstance(value, dt.date):  # the ``date`` filter shows nothing, then the default
            return default
        if settings.USE_TZ and isinstance(value, dt.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        return html_escape(date_text(value, date_format)) or default

    return render


def date_text(value: dt.date, date_format: str) -> str:
    """``formats.date_format(value, date_format)``; a day's text is kept per format and language (Django's
    formatter costs ≈ 30 µs a call, and a page shows the same few days again and again). A date-time is
    formatted each time: it is given in local time and rarely repeats."""
    if isinstance(value, dt.datetime):
        return formats.date_format(value, date_format)
    return _day_text(value, date_format, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _day_text(day: dt.date, date_format: str, language: str | None) -> str:
    return formats.date_format(day, date_format)


def _rendered_cell(table, bound_column, read, default: str, context):
    """A column with its own ``render``, called with the arguments its signature names (django-tables2's
    own path for a render taking ``**kwargs`` or other arguments, and for a many-to-many column)."""
    render = bound_column.render
    parameters = inspect.signature(render).parameters
    names = set(parameters)
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    if takes_any or not names <= RENDER_ARGUMENTS or isinstance(bound_column.column, tables.ManyToManyColumn):
        name = bound_column.name
        return lambda row: render_value_in_context(row.get_cell(name), context)
    empty_values = bound_column.column.empty_values
    link = bound_column.link

    def cell(row):
        record = row.record
        value = read(record)
        if value in empty_values:
            return default
        given = {"value": value, "record": record, "column": bound_column.column, "bound_column": bound_column,
                 "bound_row": row, "table": table}
        content = render(**{name: given[name] for name in names})
        if link:
            content = link(content, record=record, value=value, bound_column=bound_column)
        return render_value_in_context(content, context)

    return cell


def _value_cell(bound_column, read, empty_values, default: str, context):
    link = bound_column.link
    plain_link = link is not None and is_plain_linkify(link)

    def cell(row):
        value = read(row.record)
        if value in empty_values:
            return default
        kind = type(value)
        if kind is str:
            content = html_escape(value)
        elif kind is int and not settings.USE_THOUSAND_SEPARATOR:
            content = str(value)  # what localising an integer gives without thousand separators
        else:
            content = render_value_in_context(value, context)
        if plain_link:
            target = value if hasattr(value, "get_absolute_url") else row.record
            return f'<a href="{html_escape(target.get_absolute_url())}">{content}</a>'
        if link:
            return conditional_escape(link(content, record=row.record, value=value, bound_column=bound_column))
        return content

    return cell


def is_plain_linkify(link) -> bool:
    """Whether a column's link is ``linkify=True``: the value's (or else the row's) address, no attributes."""
    return link.url is None and not link.attrs and link.accessor is None and not link.reverse_args.get("viewname")
