"""Per-user data every page needs, cached in the process until the access data change.

A list page needs the user's permissions, grants and unit, the menu, the filter card's choices
and the user's column choice. They change rarely, so each process keeps them in memory, keyed by
user and by the ``AccessVersion`` token. Saving or deleting anything they are built from bumps the
token (handlers below); the process that made the change drops its cache at once, the others
notice the new token within ``ZHIFA_ACCESS_RECHECK_SECONDS`` (default 1 s), reading it at most
once per request.

Usage::

    scopes = cached(user, "permission_scopes", lambda: load_scopes(user))
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models.versions import AccessVersion

MAX_ENTRIES = 5_000
"""Entries kept per process before the cache starts again (≈ 10 per active user; a rendered unit
dropdown is the largest entry, tens of kilobytes, so a full cache stays in the low hundreds of MB)."""

_lock = threading.Lock()
_entries: dict[tuple, Any] = {}
_token = ""
_checked_at = float("-inf")


def recheck_seconds() -> float:
    return settings.ZHIFA_ACCESS_RECHECK_SECONDS


def current_token() -> str:
    """The access-data token, read from the database at most once per ``recheck_seconds()``."""
    global _token, _checked_at
    now = time.monotonic()
    if now - _checked_at < recheck_seconds():
        return _token
    token = AccessVersion.current()
    with _lock:
        if token != _token:
            _entries.clear()
            _token = token
        _checked_at = now
    return token


def token_for(user) -> str:
    """The token for this request's user object (read once per request: the user is loaded per request)."""
    token = getattr(user, "_zhifa_access_token", None)
    if token is None:
        token = current_token()
        user._zhifa_access_token = token
    return token


def cached(user, name: str, build: Callable[[], Any], *key: Any) -> Any:
    """``build()`` for ``(user, name, *key)``, from the process cache while the access data are unchanged."""
    if user is None or not getattr(user, "pk", None):
        return build()
    return _kept((token_for(user), user.pk, name, *key), build)


def shared(name: str, build: Callable[[], Any]) -> Any:
    """``build()`` for every user of the process, kept like ``cached`` while the access data are unchanged
    (e.g. the names of the units, which a saved unit changes)."""
    return _kept((current_token(), None, name), build)


def _kept(entry_key: tuple, build: Callable[[], Any]) -> Any:
    try:
        return _entries[entry_key]
    except KeyError:
        pass
    value = build()
    _store(entry_key, value)
    return value


def _store(entry_key: tuple, value: Any) -> None:
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[entry_key] = value


def cached_briefly(user, name: str, build: Callable[[], Any], seconds: float) -> Any:
    """Like ``cached`` for data that change without an access change: rebuilt once older than ``seconds``.

    Whoever changes the data calls ``drop`` for the users concerned, so this process sees the change
    at once and the others within ``seconds``.
    """
    now = time.monotonic()
    built_at, value = cached(user, name, lambda: (now, build()))
    if now - built_at <= seconds:
        return value
    value = build()
    if getattr(user, "pk", None):
        _store((token_for(user), user.pk, name), (now, value))
    return value


def drop(user_pks, name: str) -> None:
    """Forget the entries ``name`` of these users in this process."""
    pks = set(user_pks)
    with _lock:
        for key in [key for key in _entries if key[1] in pks and key[2] == name]:
            del _entries[key]


def prime_unit(user) -> None:
    """Attach the user's unit (with its region) from the cache, so the permission gate reads no row."""
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return
    field = user._meta.get_field("unit")
    if field.is_cached(user):
        return

    def load():
        return field.related_model._base_manager.select_related("region").filter(pk=user.unit_id).first()

    unit = cached(user, "unit", load, user.unit_id)
    if unit is not None:
        field.set_cached_value(user, copy.copy(unit))


def forget() -> None:
    """Drop this process's cache and re-read the token on the next use."""
    global _checked_at
    with _lock:
        _entries.clear()
        _checked_at = float("-inf")


def access_data_changed() -> None:
    """Bump the token (in the current transaction) and drop this process's cache, now and after commit."""
    AccessVersion.bump()
    forget()
    transaction.on_commit(forget)


USER_FIELDS = frozenset({"unit", "unit_id", "department", "department_id", "is_active", "is_superuser",
                         "display_name", "username"})
"""User fields the cached data depend on; saves touching only others (last login…) change nothing."""

WATCHED = ("org.Role", "org.ScopeGrant", "org.Unit", "org.Region", "org.User", "core.UserTablePreference")


def _on_save(sender, instance=None, update_fields=None, **kwargs) -> None:
    if sender._meta.label == "org.User" and update_fields is not None and not (set(update_fields) & USER_FIELDS):
        return
    access_data_changed()


def _on_delete(sender, **kwargs) -> None:
    access_data_changed()


def _on_m2m(sender, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        access_data_changed()


def connect() -> None:
    """Watch the models the cached data are built from (``CoreConfig.ready``)."""
    from django.apps import apps

    for label in WATCHED:
        model = apps.get_model(label)
        post_save.connect(_on_save, sender=model, dispatch_uid=f"usercache-save-{label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"usercache-delete-{label}")
    role, user = apps.get_model("org.Role"), apps.get_model("org.User")
    for through in (role.permissions.through, user.roles.through):
        m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"usercache-m2m-{through._meta.label}")
