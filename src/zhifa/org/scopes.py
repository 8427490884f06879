"""The implementation of the permission gate: role permissions × data scopes × explicit grants."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from .choices import DataScope

ACTIONS = ("view", "add", "change", "delete")


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


def active_grants(user):
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


def scopes_for(user, model, action: str) -> set[str]:
    """Data scopes under which ``user`` may perform ``action`` on ``model`` (empty: not at all)."""
    if not user or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return {DataScope.ALL}
    meta = model._meta
    return permission_scopes(user).get(f"{meta.app_label}.{action}_{meta.model_name}", set())


def scope_q(user, model, scopes: set[str], action: str) -> Q | None:
    """A filter for the rows reached by ``scopes`` plus grants; ``None`` means unrestricted."""
    spec = model.scope
    if DataScope.ALL in scopes or not spec.scoped:
        return None
    unit = user.unit
    conditions = Q(pk__in=[])
    for scope in scopes:
        if unit is None:
            continue
        if scope == DataScope.OWN:
            if spec.owner:
                conditions |= Q(**{spec.owner: user})
            else:
                conditions |= Q(**{spec.unit_lookup("pk"): unit.pk})
        elif scope == DataScope.UNIT:
            conditions |= Q(**{spec.unit_lookup("pk"): unit.pk})
        elif scope == DataScope.SUBTREE:
            conditions |= Q(**{spec.unit_lookup("path__startswith"): unit.path})
        elif scope == DataScope.REGION:
            conditions |= Q(**{spec.unit_lookup("region__path__startswith"): unit.region.path})
    for grant in active_grants(user):
        if action not in grant.action_list():
            continue
        if grant.unit_id:
            if grant.include_subordinates:
                conditions |= Q(**{spec.unit_lookup("path__startswith"): grant.unit.path})
            else:
                conditions |= Q(**{spec.unit_lookup("pk"): grant.unit_id})
        if grant.region_id:
            conditions |= Q(**{spec.unit_lookup("region__path__startswith"): grant.region.path})
    return conditions


def restrict_queryset(queryset, user, action: str):
    """Narrow ``queryset`` to the rows ``user`` may ``action``; see ``RestrictedQuerySet.restrict``."""
    if action not in ACTIONS:
        raise ValueError(f"未知操作：{action}")
    scopes = scopes_for(user, queryset.model, action)
    if not scopes:
        return queryset.none()
    condition = scope_q(user, queryset.model, scopes, action)
    if condition is None:
        return queryset
    return queryset.filter(condition)


def can(user, action: str, obj) -> bool:
    """Whether ``user`` may ``action`` this particular object (one query)."""
    model = type(obj)
    return model._default_manager.filter(pk=obj.pk).restrict(user, action).exists()


def can_add_in(user, model, unit) -> bool:
    """Whether ``user``'s scope for adding ``model`` records reaches ``unit`` (the gate's rule, read on the unit)."""
    from .models import Unit

    scopes = scopes_for(user, model, "add")
    if not scopes:
        return False
    condition = scope_q(user, Unit, scopes, "add")
    units = Unit.objects.filter(pk=unit.pk)
    return units.exists() if condition is None else units.filter(condition).exists()


def can_model(user, action: str, model) -> bool:
    """Whether ``user`` holds the permission for ``action`` on ``model`` at all (e.g. to show a button)."""
    return bool(scopes_for(user, model, action))
