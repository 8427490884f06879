"""The permission gate: role permissions × data scopes × explicit grants.

The gate is generic. It asks the signed-in user (``AUTH_USER_MODEL``) two things, which the
organisation app answers from roles and grants:

- ``user.permission_scopes()`` — ``{"app.codename": {data scopes}}``;
- ``user.grants_in_force()`` — the explicit grants in force, each with ``unit`` (and ``unit_id``),
  ``include_subordinates``, ``region`` (and ``region_id``) and ``action_list()``;

and reads ``user.unit`` (``pk``, ``path``, ``region.path``). Models say where their owning unit and
owner are with a ``ScopeSpec`` (``zhifa.core.scoping``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from .scoping import DataScope

ACTIONS = ("view", "add", "change", "delete")


def unit_model():
    """The organisation-unit model (the target of ``user.unit``)."""
    return get_user_model()._meta.get_field("unit").related_model


def scopes_for_permission(user, permission: str) -> set[str]:
    """Data scopes under which ``user`` holds ``permission`` (``"app.codename"``); empty: not at all."""
    if not user or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return {DataScope.ALL}
    return set(user.permission_scopes().get(permission, ()))


def scopes_for(user, model, action: str) -> set[str]:
    """Data scopes under which ``user`` may perform ``action`` on ``model`` (empty: not at all)."""
    meta = model._meta
    return scopes_for_permission(user, f"{meta.app_label}.{action}_{meta.model_name}")


def _scope_condition(user, spec, scope: str) -> Q:
    unit = user.unit
    if scope == DataScope.OWN and spec.owner:
        return Q(**{spec.owner: user.pk})
    if scope in (DataScope.OWN, DataScope.UNIT):
        return Q(**{spec.unit_lookup("pk"): unit.pk})
    # Subtree and region scopes filter by the keys of the units they reach (cached by org), not by a
    # join on the unit path: the planner then sizes the scope from the rows' own statistics.
    if scope == DataScope.SUBTREE:
        return Q(**{spec.unit_lookup("pk__in"): user.units_under(unit.path)})
    if scope == DataScope.REGION:
        return Q(**{spec.unit_lookup("pk__in"): user.units_in_region(unit.region.path)})
    raise ValueError(f"未知数据权限：{scope}")


def _grant_condition(spec, grant) -> Q:
    condition = Q(pk__in=[])
    if grant.unit_id:
        if grant.include_subordinates:
            condition |= Q(**{spec.unit_lookup("path__startswith"): grant.unit.path})
        else:
            condition |= Q(**{spec.unit_lookup("pk"): grant.unit_id})
    if grant.region_id:
        condition |= Q(**{spec.unit_lookup("region__path__startswith"): grant.region.path})
    return condition


def scope_q(user, model, scopes: set[str], action: str) -> Q | None:
    """A filter for the rows reached by ``scopes`` plus grants for ``action``; ``None``: unrestricted."""
    spec = model.scope
    if DataScope.ALL in scopes or not spec.scoped:
        return None
    conditions = Q(pk__in=[])
    if user.unit is not None:
        for scope in sorted(scopes):
            conditions |= _scope_condition(user, spec, scope)
    for grant in user.grants_in_force():
        if action in grant.action_list():
            conditions |= _grant_condition(spec, grant)
    return conditions


def restrict_queryset(queryset, user, action: str):
    """Narrow ``queryset`` to the rows ``user`` may ``action``; see ``RestrictedQuerySet.restrict``."""
    if action not in ACTIONS:
        raise ValueError(f"未知操作：{action}")
    return restrict_by_permission(queryset, user, scopes_for(user, queryset.model, action), action)


def scope_units(user, model, scopes: set[str], action: str) -> list[int] | None:
    """The keys of the units ``scopes`` reach when they are exactly a set of units, else ``None``.

    ``None`` when a scope reaches rows by owner or everywhere, or a grant for ``action`` adds rows.
    """
    spec = model.scope
    by_unit = {DataScope.UNIT, DataScope.SUBTREE, DataScope.REGION} | ({DataScope.OWN} if not spec.owner else set())
    if not spec.unit or user.unit is None or not scopes <= by_unit:
        return None
    if any(action in grant.action_list() for grant in user.grants_in_force()):
        return None
    unit = user.unit
    keys = set()
    for scope in scopes:
        if scope == DataScope.SUBTREE:
            keys.update(user.units_under(unit.path))
        elif scope == DataScope.REGION:
            keys.update(user.units_in_region(unit.region.path))
        else:
            keys.add(unit.pk)
    return sorted(keys)


def restrict_by_permission(queryset, user, scopes: set[str], action: str = "view"):
    """Rows of ``queryset`` reached by ``scopes`` (of one permission) plus the grants for ``action``."""
    if not scopes:
        return queryset.none()
    condition = scope_q(user, queryset.model, scopes, action)
    if condition is None:
        return queryset
    queryset = queryset.filter(condition)
    units = scope_units(user, queryset.model, scopes, action) if hasattr(queryset, "within_units") else None
    return queryset if units is None else queryset.within_units(queryset.model.scope.unit_lookup("pk"), units)


def _own_unit_key(obj) -> int | None:
    """The key of ``obj``'s owning unit read from the object itself, or ``None`` when that needs a join."""
    spec = type(obj).scope
    if spec.unit == "":
        return obj.pk
    if not spec.unit or "__" in spec.unit:
        return None
    return getattr(obj, type(obj)._meta.get_field(spec.unit).attname)


def can(user, action: str, obj) -> bool:
    """Whether ``user`` may ``action`` this particular saved object.

    When the user's scopes for the action are a set of units (no own-rows scope, no grant) and the
    object names its unit directly, the answer is read from the object without a query; otherwise
    it is one query through ``restrict``.
    """
    model = type(obj)
    scopes = scopes_for(user, model, action)
    if not scopes or obj.pk is None:
        return False
    if model.scope.scoped and DataScope.ALL not in scopes:
        units = scope_units(user, model, scopes, action)
        key = _own_unit_key(obj)
        if units is not None and key is not None:
            return key in units
    return model._default_manager.filter(pk=obj.pk).restrict(user, action).exists()


def can_add_in(user, model, unit) -> bool:
    """Whether ``user``'s scope for adding ``model`` records reaches ``unit`` (the gate's rule, read on the unit)."""
    scopes = scopes_for(user, model, "add")
    if not scopes:
        return False
    units = unit_model().objects.filter(pk=unit.pk)
    condition = scope_q(user, unit_model(), scopes, "add")
    return units.exists() if condition is None else units.filter(condition).exists()


def can_model(user, action: str, model) -> bool:
    """Whether ``user`` holds the permission for ``action`` on ``model`` at all (e.g. to show a button)."""
    return bool(scopes_for(user, model, action))
