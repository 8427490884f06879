"""Rules of signing in and out: lockout, the pending second factor, logout everywhere, passwords, tokens.

Lockout counts consecutive failures (wrong password or wrong one-time code) per account; the
``ZHIFA_LOGIN_MAX_FAILURES``-th locks the account for ``ZHIFA_LOGIN_LOCK_MINUTES``. An unknown
username and a wrong password produce the same message, so the form does not reveal which
usernames exist. Counters are changed with single-row updates under a row lock, and the audit row
(``login`` / ``login_failed`` / ``logout``) carries the before/after values instead of a second
generic ``update`` row.
"""

from __future__ import annotations

import datetime as dt
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.core.actor import actor_context, current_actor
from zhifa.core.audit import ObjectRef, json_value, record
from zhifa.core.models import AuditAction

from ..models import ApiToken, User
from . import sessions, totp

BAD_CREDENTIALS = "用户名或密码错误。"
LOCKED = "该账户因连续 {failures} 次登录失败已被锁定，请于 {until} 后再试，或联系管理员解锁。"
BAD_CODE = "动态口令错误或已过期，请输入验证器中当前显示的 6 位数字。"
PENDING_EXPIRED = "登录步骤已超时，请重新输入用户名和密码。"
TOKEN_VALIDITY = "有效期须为 1 至 {limit} 天。"

PENDING_KEY = "zhifa_pending_login"
PENDING_MAX_SECONDS = 300
BACKEND = "zhifa.org.backends.RoleBackend"


@dataclass(frozen=True)
class PasswordResult:
    """Outcome of the password step: the user on success, otherwise the message to show."""

    user: User | None = None
    error: str = ""


def lock_message(locked_until: dt.datetime) -> str:
    until = timezone.localtime(locked_until).strftime("%Y-%m-%d %H:%M")
    return LOCKED.format(failures=settings.ZHIFA_LOGIN_MAX_FAILURES, until=until)


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > timezone.now()


def role_requires_totp(user: User) -> bool:
    """Whether the user's roles (or superuser status) call for a second factor at all."""
    return user.is_superuser or user.roles.filter(requires_2fa=True).exists()


def second_factor_needed(user: User) -> bool:
    """A one-time code is asked for when the site requires it and the admin did not allow ordinary login."""
    return settings.ZHIFA_REQUIRE_ADMIN_TOTP and user.requires_totp


def register_failure(*, user: User | None, username: str, reason: str) -> str:
    """Count one failed attempt, lock the account on the last allowed one, audit it; return the message.

    An expired lock starts the count afresh. Unknown usernames are audited under the name tried.
    """
    if user is None:
        record(AuditAction.LOGIN_FAILED, ObjectRef("org.user", "", username[:300]), message=reason)
        return BAD_CREDENTIALS
    now = timezone.now()
    with transaction.atomic():
        locked = User.objects.select_for_update().only("failed_logins", "locked_until").get(pk=user.pk)
        expired = locked.locked_until is not None and locked.locked_until <= now
        before = 0 if expired else locked.failed_logins
        failures = before + 1
        until = None
        if failures >= settings.ZHIFA_LOGIN_MAX_FAILURES:
            until = now + dt.timedelta(minutes=settings.ZHIFA_LOGIN_LOCK_MINUTES)
        User.objects.filter(pk=user.pk).recorded_by_caller().update(failed_logins=failures, locked_until=until)
        changes = {"failed_logins": {"before": locked.failed_logins, "after": failures}}
        if until or locked.locked_until:
            changes["locked_until"] = {"before": json_value(locked.locked_until), "after": json_value(until)}
        message = reason + (f"；连续失败 {failures} 次，账户锁定至 {timezone.localtime(until):%Y-%m-%d %H:%M}" if until else "")
        record(AuditAction.LOGIN_FAILED, ObjectRef("org.user", str(user.pk), username[:300]), changes=changes, message=message)
    return lock_message(until) if until else BAD_CREDENTIALS


def password_step(*, request, username: str, password: str) -> PasswordResult:
    """Check username and password, honouring and updating the lockout."""
    user = User.objects.filter(username=username).first()
    if user is not None and is_locked(user):
        record(
            AuditAction.LOGIN_FAILED, ObjectRef("org.user", str(user.pk), username[:300]), message="账户锁定期间尝试登录"
        )
        return PasswordResult(error=lock_message(user.locked_until))
    authenticated = authenticate(request, username=username, password=password)
    if authenticated is None:
        reason = "用户名不存在" if user is None else "密码错误或账户已停用"
        return PasswordResult(error=register_failure(user=user, username=username, reason=reason))
    return PasswordResult(user=authenticated)


def begin_pending(request, user: User, next_url: str) -> None:
    """Remember that the password was right; the login completes after the second factor."""
    request.session[PENDING_KEY] = {"user_id": user.pk, "at": int(time.time()), "next": next_url}


def pending_login(request) -> tuple[User | None, str]:
    """The user waiting for the second factor (``None`` when absent or older than 5 minutes) and the next URL."""
    data = request.session.get(PENDING_KEY)
    if not data or int(time.time()) - data.get("at", 0) > PENDING_MAX_SECONDS:
        return None, ""
    return User.objects.filter(pk=data["user_id"], is_active=True).first(), data.get("next", "")


def clear_pending(request) -> None:
    request.session.pop(PENDING_KEY, None)


def login_method(user: User, *, used_code: bool) -> str:
    """How the user signed in, for the audit row."""
    if used_code:
        return "密码 + 动态口令登录"
    if role_requires_totp(user):
        if user.allow_ordinary_login:
            return "普通登录（管理员已允许免动态口令）"
        return "密码登录（管理员动态口令已关闭）"
    return "密码登录"


def complete_login(request, user: User, *, used_code: bool = False, method: str = "") -> None:
    """Sign the user in: reset the failure counter, start a stamped session, audit the login.

    ``method`` names how the user proved who they are when it was not a password (single sign-on).
    """
    clear_pending(request)
    changes = {}
    if user.failed_logins or user.locked_until:
        changes = {"failed_logins": {"before": user.failed_logins, "after": 0}}
        User.objects.filter(pk=user.pk).recorded_by_caller().update(failed_logins=0, locked_until=None)
        user.failed_logins, user.locked_until = 0, None
    login(request, user, backend=BACKEND)
    sessions.stamp(request, user)
    record(AuditAction.LOGIN, user, user=user, changes=changes,
           message=method or login_method(user, used_code=used_code))


def code_step(*, request, user: User, code: str) -> str:
    """Check the one-time code of a pending login; ``""`` when it is right, else the message.

    A wrong code counts as a failed login, so the code cannot be guessed by brute force.
    """
    if is_locked(user):
        clear_pending(request)
        return lock_message(user.locked_until)
    if use_code(user=user, code=code):
        return ""
    message = register_failure(user=user, username=user.username, reason="动态口令错误")
    user.refresh_from_db(fields=["failed_logins", "locked_until"])
    if is_locked(user):
        clear_pending(request)
        return message
    return BAD_CODE


def use_code(*, user: User, code: str) -> bool:
    """Accept ``code`` once: it must match the user's secret at a time step later than the last one used.

    The step is stored under a row lock, so the same code cannot sign in twice, even by two requests
    at the same moment (RFC 6238 section 5.2).
    """
    with transaction.atomic():
        locked = User.objects.select_for_update().only("totp_secret", "totp_last_step").get(pk=user.pk)
        step = totp.matching_step(locked.totp_secret, code, after=locked.totp_last_step)
        if step is None:
            return False
        User.objects.filter(pk=user.pk).update(totp_last_step=step)
    user.totp_last_step = step
    return True


@contextmanager
def acting_as(user: User):
    """Attribute the enclosed writes to ``user`` although the session is not signed in yet."""
    actor = current_actor()
    with actor_context(channel=actor.channel, request=actor.request, ip=actor.ip, request_id=actor.request_id, user=user):
        yield


def start_enrolment(user: User) -> str:
    """The secret to show for binding an authenticator; created once and kept until confirmed.

    Resetting a lost authenticator therefore means clearing ``totp_secret`` as well as
    ``totp_confirmed``, so that the next enrolment shows a new secret.
    """
    if user.totp_confirmed:
        raise ValueError("动态口令已绑定，须由管理员重置后才能重新绑定")
    if not user.totp_secret:
        user.totp_secret = totp.new_secret()
        with acting_as(user):
            user.save(update_fields=["totp_secret"])
    return user.totp_secret


def confirm_enrolment(*, user: User, code: str) -> bool:
    """Bind the authenticator when ``code`` matches the unconfirmed secret."""
    if user.totp_confirmed or not use_code(user=user, code=code):
        return False
    user.totp_confirmed = True
    with acting_as(user):
        user.save(update_fields=["totp_confirmed"])
    return True


def sign_out(request) -> None:
    """Audit and end the current session."""
    if request.user.is_authenticated:
        record(AuditAction.LOGOUT, request.user, user=request.user, message="退出登录")
    logout(request)


def revoke_tokens(*, user: User) -> int:
    """Delete every API token of ``user`` (each deletion is audited); the number revoked."""
    tokens = list(ApiToken.objects.filter(user=user))
    for token in tokens:
        token.delete()
    return len(tokens)


def end_all_sessions(*, user: User, message: str) -> int:
    """Make every session of ``user`` stale (bump the session epoch) and audit it; the new epoch."""
    with transaction.atomic():
        locked = User.objects.select_for_update().only("session_epoch").get(pk=user.pk)
        epoch = locked.session_epoch + 1
        User.objects.filter(pk=user.pk).recorded_by_caller().update(session_epoch=epoch)
        record(
            AuditAction.LOGOUT,
            user,
            user=user,
            changes={"session_epoch": {"before": locked.session_epoch, "after": epoch}},
            message=message,
        )
    user.session_epoch = epoch
    return epoch


def end_all_access(*, user: User, message: str, action: str = AuditAction.LOGOUT) -> int:
    """End every session (the epoch moves on) and revoke every API token of ``user``; the new epoch.

    Called inside the caller's transaction, with ``user``'s row already locked by it; writes the
    audit row of the epoch change with ``message`` (the tokens' deletions are audited one by one).
    """
    before = User.objects.filter(pk=user.pk).values_list("session_epoch", flat=True).get()
    epoch = before + 1
    User.objects.filter(pk=user.pk).recorded_by_caller().update(session_epoch=epoch)
    record(action, user, user=current_actor().resolved_user() or user,
           changes={"session_epoch": {"before": before, "after": epoch}}, message=message)
    user.session_epoch = epoch
    revoke_tokens(user=user)
    return epoch


def logout_everywhere(*, request) -> None:
    """End every other session of the user and revoke their API tokens; this session carries on."""
    with transaction.atomic():
        user = User.objects.select_for_update().only("session_epoch").get(pk=request.user.pk)
        epoch = end_all_access(user=user, message="退出所有其他会话并撤销全部接口令牌")
    request.user.session_epoch = epoch
    request.session[sessions.SESSION_EPOCH_KEY] = epoch


@transaction.atomic
def change_password(*, request, user: User, new_password: str) -> None:
    """Set one's own new password (already validated against the policy); this session stays signed in.

    Every other session ends (Django's session hash changes with the password, and the epoch moves
    on) and every API token is revoked: a token must not outlive the password it was made under.
    """
    User.objects.select_for_update().filter(pk=user.pk).get()
    end_all_access(user=user, message="修改密码：结束其他会话并撤销全部接口令牌", action=AuditAction.ACTION)
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    update_session_auth_hash(request, user)
    request.session[sessions.SESSION_EPOCH_KEY] = user.session_epoch


def token_issue(*, user: User, name: str, valid_days: int) -> tuple[ApiToken, str]:
    """Create an API token for ``user`` valid for ``valid_days`` (1 to ``ZHIFA_API_TOKEN_MAX_DAYS``).

    The plain key is returned once and never stored. Every token expires: there is no lasting one.
    """
    limit = settings.ZHIFA_API_TOKEN_MAX_DAYS
    if not valid_days or not 1 <= valid_days <= limit:
        raise ValidationError({"valid_days": TOKEN_VALIDITY.format(limit=limit)})
    return ApiToken.issue(user=user, name=name, expires_at=timezone.now() + dt.timedelta(days=valid_days))


def token_revoke(*, user: User, token_id: int) -> ApiToken | None:
    """Delete one of ``user``'s tokens (audited by the trail); ``None`` when it is not theirs."""
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is not None:
        token.delete()
    return token
