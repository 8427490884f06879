"""Addresses without Django's pattern search on every call: an object's by its key, a page's without arguments.

``reverse()`` matches the URL name against its patterns and checks every argument each time it
is called; a list page links each of its 50 rows. ``pk_reverse(name, pk)`` reverses a name once
per process (and script prefix and URL configuration) with a sentinel key, then writes each
row's address by putting the row's key in the sentinel's place. Keys that are not plain
non-negative integers go through ``reverse()``. ``plain_reverse(name)`` keeps the address of a
name without arguments (a list page, an add page) once reversed.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

SENTINEL = "987654321987"


def _where() -> tuple[str, str]:
    """The script prefix and URL configuration an address is reversed under (part of each cache key)."""
    return get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF


@lru_cache(maxsize=None)
def _halves(name: str, prefix: str, urlconf: str) -> tuple[str, str] | None:
    """What comes before and after the key in the address of ``name`` (None when the key is not found once)."""
    address = reverse(name, args=[int(SENTINEL)], urlconf=urlconf)
    head, found, tail = address.partition(SENTINEL)
    if not found or SENTINEL in tail:
        return None
    return head, tail


def pk_reverse(name: str, pk) -> str:
    """``reverse(name, args=[pk])``, written from the cached halves when ``pk`` is an integer."""
    if type(pk) is int and pk >= 0:
        halves = _halves(name, *_where())
        if halves is not None:
            return f"{halves[0]}{pk}{halves[1]}"
    return reverse(name, args=[pk])


@lru_cache(maxsize=None)
def _plain(name: str, prefix: str, urlconf: str) -> str:
    return reverse(name, urlconf=urlconf)


def plain_reverse(name: str) -> str:
    """``reverse(name)`` for a name without arguments, reversed once per process, prefix and URL configuration."""
    return _plain(name, *_where())
