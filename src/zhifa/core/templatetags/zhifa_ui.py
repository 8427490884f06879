"""Template tags of the layout: Tabler icons inlined from the vendored SVG files, dates and amounts.

``{% icon "printer" %}`` inlines ``static/vendor/tabler-icons/printer.svg`` (copied from npm by
``scripts/build_static.py``) so the icon takes the text colour. ``{{ day|cn_date }}`` writes
2026年12月6日 and ``{{ amount|yuan }}`` writes 12,500.00 元 — the one style of dates and amounts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@lru_cache(maxsize=64)
def icon_svg(name: str) -> str:
    """The SVG markup of the Tabler icon ``name`` ("" when it was not vendored)."""
    path = finders.find(f"vendor/tabler-icons/{name}.svg")
    if not path:
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.read().replace("<svg\n", '<svg aria-hidden="true"\n', 1)


@register.simple_tag
def icon(name: str) -> str:
    return mark_safe(icon_svg(name))  # noqa: S308 - a file of the vendored icon set, not user input


@register.filter
def cn_date(value) -> str:
    """``2026年12月6日`` for a date or datetime (local time), "" for nothing."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def yuan(value) -> str:
    """An amount with thousands separators and 元: ``12,500 元``, ``1,234.50 元``; "" for nothing."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return format_html("{} 元", text)
