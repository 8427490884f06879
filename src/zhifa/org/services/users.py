"""Services of user accounts: create, change, reset a password, switch off and on.

Every entry point — the edit form, bulk edit, import, the API and the (de)activation pages — goes
through these functions, so the rules hold everywhere: the department belongs to the unit; nobody
hands out a role beyond what they hold; nobody touches an account holding a permission they lack;
switching an account off, and an administrator's password reset, end all its sessions and revoke
its API tokens, and are audited.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.core.models import AuditAction

from ..authority import check_assignable_roles, check_grant_actions, check_may_manage
from ..choices import UnitKind
from ..models import Role, Unit, User
from ..scopes import active_grants, clear_cache
from .auth import end_all_access

MSG_DEPARTMENT_OUTSIDE = "所属科室必须是所属单位下的科室/中队"
MSG_NOT_YOURSELF = "不能停用自己的账号"
MSG_PASSWORD_RESET = "管理员重置密码：该用户的所有会话已结束，接口令牌已撤销"
MSG_DEACTIVATED = "停用账号：所有会话已结束，接口令牌已撤销"
MSG_ACTIVATED = "启用账号"
MSG_GRANT_WOULD_WIDEN = (
    "该用户持有跨单位授权“{grant}”，授权人{grantor}在该范围内没有新角色的权限；请先调整或撤销该授权"
)


def check_department(*, unit: Unit | None, department: Unit | None) -> None:
    """The department (科室/中队) of a user must be a department inside the user's unit."""
    if department is not None and (
        unit is None or department.kind != UnitKind.DEPARTMENT or not department.is_within(unit)
    ):
        raise ValidationError({"department": MSG_DEPARTMENT_OUTSIDE})


def _changed_fields(before: User, after: User) -> list[str]:
    return [
        f.name for f in User._meta.concrete_fields if getattr(before, f.attname) != getattr(after, f.attname)
    ]


def _set_roles(user: User, roles: Iterable[Role] | None, *, actor) -> None:
    """Give ``user`` exactly ``roles``; only roles being added must be within what ``actor`` holds."""
    if roles is None:
        return
    roles = list(roles)
    held = set(user.roles.values_list("pk", flat=True))
    check_assignable_roles(actor, [role for role in roles if role.pk not in held])
    user.roles.set(roles)
    clear_cache(user)
    if any(role.pk not in held for role in roles):
        check_grants_still_hold(user)


def check_grants_still_hold(user: User) -> None:
    """After new roles, every active grant of ``user`` must still be one its grantor could give.

    A grant widens each permission of the grantee for its actions, so a role added later would
    widen through it too; the grantor (the grant's creator) must hold the new permissions there.
    """
    for grant in active_grants(user):
        try:
            check_grant_actions(
                grant.created_by,
                grantee=user,
                actions=grant.action_list(),
                unit=grant.unit,
                region=grant.region,
                include_subordinates=grant.include_subordinates,
            )
        except ValidationError as exc:
            raise ValidationError(
                {"roles": MSG_GRANT_WOULD_WIDEN.format(grant=grant, grantor=grant.created_by)}
            ) from exc


@transaction.atomic
def user_create(*, user: User, actor: User | None, roles: Iterable[Role] = (), password: str = "") -> User:
    """Create an account with its roles; without ``password`` it cannot sign in until one is set.

    ``password`` has passed the password policy (the form checks it as the user types).
    """
    check_department(unit=user.unit, department=user.department)
    if password:
        user.set_password(password)
        user.password_changed_at = timezone.now()
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    _set_roles(user, roles, actor=actor)
    return user


@transaction.atomic
def user_update(
    *, user: User, actor: User | None, roles: Iterable[Role] | None = None, password: str = ""
) -> User:
    """Save the changes made to ``user`` (fields already set on it), its roles and a new password.

    Refused unless ``actor`` holds every permission of the account as stored. Switching it off or
    on, and a new ``password``, go through ``user_deactivate``/``user_activate``/``user_set_password``
    so that they end its sessions and are audited the same way from every screen.
    """
    stored = User.objects.select_for_update().get(pk=user.pk)
    check_may_manage(actor, stored)
    check_department(unit=user.unit, department=user.department)
    changed = _changed_fields(stored, user)
    user.full_clean(
        exclude=[f.name for f in User._meta.concrete_fields if f.name not in changed] + ["password"]
    )
    switching_off = stored.is_active and not user.is_active
    switching_on = user.is_active and not stored.is_active
    if switching_off and actor is not None and actor.pk == user.pk:
        raise ValidationError({"is_active": MSG_NOT_YOURSELF})
    user.session_epoch = stored.session_epoch
    if switching_on:
        user.failed_logins, user.locked_until = 0, None
    user.save()
    _set_roles(user, roles, actor=actor)
    if switching_off:
        _end_access(user, MSG_DEACTIVATED)
    elif switching_on:
        _end_access(user, MSG_ACTIVATED)
    if password:
        _reset_password(user, password)
    return user


def _end_access(user: User, message: str) -> None:
    end_all_access(user=user, message=message, action=AuditAction.ACTION)


def _reset_password(user: User, password: str) -> None:
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    _end_access(user, MSG_PASSWORD_RESET)


@transaction.atomic
def user_set_password(*, user: User, actor: User | None, password: str) -> User:
    """An administrator sets ``user``'s password: audited, every session ended, every token revoked."""
    stored = User.objects.select_for_update().get(pk=user.pk)
    check_may_manage(actor, stored)
    _reset_password(stored, password)
    return stored


@transaction.atomic
def user_deactivate(*, user: User, actor: User | None) -> User:
    """Switch an account off: it cannot sign in, its sessions end and its API tokens are revoked."""
    stored = User.objects.select_for_update().get(pk=user.pk)
    stored.is_active = False
    return user_update(user=stored, actor=actor)


@transaction.atomic
def user_activate(*, user: User, actor: User | None) -> User:
    """Switch an account back on, clearing its lockout; sessions from before stay ended."""
    stored = User.objects.select_for_update().get(pk=user.pk)
    stored.is_active = True
    return user_update(user=stored, actor=actor)
