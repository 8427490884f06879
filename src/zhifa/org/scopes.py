"""The organisation's answers to the permission gate (``zhifa.core.gate``): roles and grants of a user."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone


def permission_scopes(user) -> dict[str, set[str]]:
    """``{"app.codename": {data scopes}}`` for the user's roles, cached on the user object."""
    cached = getattr(user, "_zhifa_permission_scopes", None)
    if cached is not None:
        return cached
    from .models import Role

    through = Role.permissions.through
    rows = through.objects.filter(role__users=user).values_list(
        "role__data_scope", "permission__content_type__app_label", "permission__codename"
    )
    scopes: dict[str, set[str]] = defaultdict(set)
    for scope, app_label, codename in rows:
        scopes[f"{app_label}.{codename}"].add(scope)
    user._zhifa_permission_scopes = dict(scopes)
    return user._zhifa_permission_scopes


def clear_cache(user) -> None:
    """Forget cached permissions after the user's roles changed."""
    for attr in ("_zhifa_permission_scopes", "_zhifa_grants"):
        if hasattr(user, attr):
            delattr(user, attr)


def active_grants(user) -> list:
    """The user's scope grants still in force today, cached on the user object."""
    cached = getattr(user, "_zhifa_grants", None)
    if cached is None:
        from .models import ScopeGrant

        today = timezone.localdate()
        cached = list(
            ScopeGrant.objects.filter(grantee=user)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .select_related("unit", "region")
        )
        user._zhifa_grants = cached
    return cached
