"""The organisation's answers to the permission gate (``zhifa.core.gate``): roles and grants of a user."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from zhifa.core import usercache

def permission_scopes(user) -> dict[str, set[str]]:
    """``{"app.codename": {data scopes}}`` for the user's roles, cached on the user object."""
    cached = getattr(user, "_zhifa_permission_scopes", None)
    if cached is not None:
        return cached
    user._zhifa_permission_scopes = usercache.cached(user, "permission_scopes", lambda: _load_permission_scopes(user))
    return user._zhifa_permission_scopes


def _load_permission_scopes(user) -> dict[str, set[str]]:
    from .models import Role

    through = Role.permissions.through
    rows = through.objects.filter(role__users=user).values_list(
        "role__data_scope", "permission__content_type__app_label", "permission__codename"
    )
    scopes: dict[str, set[str]] = defaultdict(set)
    for scope, app_label, codename in rows:
        scopes[f"{app_label}.{codename}"].add(scope)
    return dict(scopes)


def clear_cache(user) -> None:
    """Forget cached permissions after the user's roles changed."""
    for attr in ("_zhifa_permission_scopes", "_zhifa_grants", "_zhifa_access_token"):
        if hasattr(user, attr):
            delattr(user, attr)


def active_grants(user) -> list:
    """The user's scope grants still in force today, cached on the user object."""
    cached = getattr(user, "_zhifa_grants", None)
    if cached is None:
        today = timezone.localdate()
        cached = usercache.cached(user, "grants", lambda: _load_grants(user, today), today)
        user._zhifa_grants = cached
    return cached


def _load_grants(user, today) -> list:
    from .models import ScopeGrant

    return list(
        ScopeGrant.objects.filter(grantee=user)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("unit", "region")
    )

