"""What an acting user holds, and therefore may hand out or administer.

Nobody gives away more than they have: a role carries no permission its assigner lacks (with the
same reach), an account holding a permission its administrator lacks is out of that
administrator's hands (password, roles, status, any edit), and a scope grant passes on only actions
the grantor holds over the granted unit or region. The services of ``zhifa.org`` call these
checks; every entry point (form, bulk edit, import, API) goes through those services.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from zhifa.core.scoping import DataScope
from .scopes import active_grants, permission_scopes

ACTION_LABELS = {"view": "查看", "add": "新增", "change": "修改", "delete": "删除"}
SCOPE_RANK = {
    DataScope.OWN: 0,
    DataScope.UNIT: 1,
    DataScope.SUBTREE: 2,
    DataScope.REGION: 3,
    DataScope.ALL: 4,
}

MSG_ROLE_TOO_STRONG = "不能授予超出您自己权限的角色“{role}”：{detail}"
MSG_PERMISSION_NOT_HELD = "不能授予您自己没有的权限：{perms}"
MSG_TARGET_TOO_STRONG = "用户“{user}”拥有您没有的权限（{perms}），您不能修改其账号、密码、角色或状态"
MSG_TARGET_SUPERUSER = "用户“{user}”是超级管理员，只有超级管理员才能修改其账号"
MSG_GRANT_REGION = "只能授予本单位所在区划及其下级区划"
MSG_GRANT_ACTION_NOT_HELD = (
    "不能授予您在该范围内没有的操作“{action}”：被授权人的权限“{perms}”您本人在此范围内没有"
)


def is_unlimited(actor) -> bool:
    """No actor (a command or the system) and superusers are not limited by what they hold."""
    return actor is None or actor.is_superuser


def held_rank(actor, dotted: str) -> int:
    """The broadest data scope (as a rank) under which ``actor`` holds permission ``dotted``; -1: not held."""
    scopes = permission_scopes(actor).get(dotted, set())
    return max((SCOPE_RANK[scope] for scope in scopes), default=-1)


def permission_display(dotted: str) -> str:
    """``org.change_user`` → ``修改用户``; a custom permission by its own (Chinese) name."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    app_label, codename = dotted.split(".", 1)
    action, _, model_name = codename.partition("_")
    if action in ACTION_LABELS:
        try:
            return f"{ACTION_LABELS[action]}{apps.get_model(app_label, model_name)._meta.verbose_name}"
        except LookupError:
            pass
    found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    return found.name if found else dotted


def _names(dotted_names: Iterable[str]) -> str:
    return "、".join(permission_display(dotted) for dotted in sorted(dotted_names)[:10])


def check_grantable_permissions(actor, permissions, scope: str | None = None) -> None:
    """Refuse permissions ``actor`` does not hold (with at least ``scope``'s reach); superusers pass."""
    if is_unlimited(actor):
        return
    wanted_rank = SCOPE_RANK.get(scope, 0)
    missing = [
        perm.name
        for perm in permissions
        if held_rank(actor, f"{perm.content_type.app_label}.{perm.codename}") < wanted_rank
    ]
    if missing:
        raise ValidationError(MSG_PERMISSION_NOT_HELD.format(perms="、".join(sorted(missing)[:10])))


def check_assignable_roles(actor, roles) -> None:
    """Refuse roles that would give someone more than ``actor`` holds (permissions or reach)."""
    if is_unlimited(actor):
        return
    for role in roles:
        try:
            check_grantable_permissions(
                actor, role.permissions.select_related("content_type"), role.data_scope
            )
        except ValidationError as exc:
            raise ValidationError(
                {"roles": MSG_ROLE_TOO_STRONG.format(role=role, detail=exc.messages[0])}
            ) from exc


def check_may_manage(actor, target) -> None:
    """Refuse when ``target`` holds a permission ``actor`` lacks, or holds it with a wider reach.

    ``target`` is the account as stored (its current roles), so removing a strong role is refused as
    much as resetting the password of its holder.
    """
    if is_unlimited(actor) or actor.pk == target.pk:
        return
    if target.is_superuser:
        raise ValidationError(MSG_TARGET_SUPERUSER.format(user=target))
    stronger = [
        dotted for dotted in permission_scopes(target) if held_rank(actor, dotted) < held_rank(target, dotted)
    ]
    if stronger:
        raise ValidationError(MSG_TARGET_TOO_STRONG.format(user=target, perms=_names(stronger)))


def check_grant_region(actor, region) -> None:
    """A region grant may reach only the actor's own region or below (superusers: anywhere)."""
    if region is None or is_unlimited(actor):
        return
    own_region = actor.unit.region if actor.unit_id else None
    if own_region is None or not region.path.startswith(own_region.path):
        raise ValidationError({"region": MSG_GRANT_REGION})


def _scope_reaches(scope: str, home, *, unit, region, include_subordinates: bool) -> bool:
    """Whether a role scope anchored at the actor's unit ``home`` covers the target."""
    if scope == DataScope.REGION:
        return (region or unit.region).path.startswith(home.region.path)
    if region is not None:
        return False
    if scope == DataScope.SUBTREE:
        return unit.path.startswith(home.path)
    return scope == DataScope.UNIT and unit.pk == home.pk and not include_subordinates


def _grant_reaches(grant, *, unit, region, include_subordinates: bool) -> bool:
    """Whether one of the actor's own grants covers the target."""
    if grant.region_id and (region or unit.region).path.startswith(grant.region.path):
        return True
    if region is not None or not grant.unit_id:
        return False
    if grant.include_subordinates:
        return unit.path.startswith(grant.unit.path)
    return unit.pk == grant.unit_id and not include_subordinates


def reaches(
    actor, dotted: str, action: str, *, unit=None, region=None, include_subordinates: bool = True
) -> bool:
    """Whether ``actor`` holds ``dotted`` over all of ``unit`` (its subtree too) or ``region``.

    The same reach as the permission gate: the role's data scope from the actor's own unit, plus the
    actor's own unexpired grants for ``action``. The scope "own" reaches no unit or region.
    """
    scopes = permission_scopes(actor).get(dotted, set())
    if not scopes:
        return False
    if DataScope.ALL in scopes:
        return True
    target = {"unit": unit, "region": region, "include_subordinates": include_subordinates}
    if actor.unit is not None and any(_scope_reaches(scope, actor.unit, **target) for scope in scopes):
        return True
    return any(
        _grant_reaches(grant, **target) for grant in active_grants(actor) if action in grant.action_list()
    )


def check_grant_actions(
    actor, *, grantee, actions: list[str], unit=None, region=None, include_subordinates=True
):
    """Refuse a grant whose actions would let ``grantee`` do there what ``actor`` may not.

    A grant widens the reach of every permission the grantee holds for its actions (``change``
    grant × ``org.change_user`` = changing users there), so each such permission must be one the
    grantor holds over the whole target.
    """
    if is_unlimited(actor):
        return
    for action in actions:
        beyond = [
            dotted
            for dotted in permission_scopes(grantee)
            if dotted.split(".", 1)[1].startswith(f"{action}_")
            and not reaches(
                actor, dotted, action, unit=unit, region=region, include_subordinates=include_subordinates
            )
        ]
        if beyond:
            label = ACTION_LABELS.get(action, action)
            raise ValidationError(
                {"actions": MSG_GRANT_ACTION_NOT_HELD.format(action=label, perms=_names(beyond))}
            )
