"""What a signed-in session remembers about itself, and how it ends.

A session stores the user's session epoch at login (``logout everywhere`` bumps the epoch on the
user, which ends every session holding an older one), the login time (absolute limit
``SESSION_COOKIE_AGE``, which does not slide with activity) and the last time it was seen (idle
limit ``ZHIFA_SESSION_IDLE_MINUTES``). ``zhifa.org.middleware.SessionGuardMiddleware`` applies them.
"""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.contrib.auth import logout

from zhifa.core.actor import Channel, actor_context
from zhifa.core.audit import record
from zhifa.core.middleware import client_ip
from zhifa.core.models import AuditAction

SESSION_EPOCH_KEY = "zhifa_session_epoch"
LAST_SEEN_KEY = "zhifa_last_seen"
LOGIN_AT_KEY = "zhifa_login_at"
LOGOUT_REASON_KEY = "zhifa_logout_reason"
# The last-seen stamp is rewritten at most once a minute, so that reading pages does not write the
# session row on every request.
TOUCH_INTERVAL_SECONDS = 60

IDLE = "idle"
EXPIRED = "expired"
EPOCH = "epoch"
SSO_FAILED = "sso_failed"
USER_MESSAGES = {
    IDLE: "由于长时间未操作，您已自动退出，请重新登录。",
    EXPIRED: "登录时间已到上限，请重新登录。",
    EPOCH: "您的账户已执行“退出所有会话”或已在统一身份认证平台退出，本会话已结束，请重新登录。",
    SSO_FAILED: "统一身份认证登录未成功：该账号未关联执法通用户、用户已停用或认证被取消，请联系本单位管理员。",
}
AUDIT_MESSAGES = {IDLE: "空闲超时，自动退出", EXPIRED: "会话到期，自动退出"}


def now_seconds() -> int:
    return int(time.time())


def stamp(request, user) -> None:
    """Write the epoch, login time and last-seen time into a freshly signed-in session."""
    now = now_seconds()
    request.session[SESSION_EPOCH_KEY] = user.session_epoch
    request.session[LOGIN_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now


def end_reason(request, user) -> str:
    """Why this session must end now (``IDLE``, ``EXPIRED``, ``EPOCH``), or ``""`` to keep it.

    A session signed in by other means (e.g. a test client's ``force_login``) carries no stamps yet;
    it is stamped on first sight so that the limits apply to it from then on.
    """
    session = request.session
    if SESSION_EPOCH_KEY not in session:
        stamp(request, user)
        return ""
    now = now_seconds()
    if session[SESSION_EPOCH_KEY] != user.session_epoch:
        return EPOCH
    if now - session.get(LOGIN_AT_KEY, now) > settings.SESSION_COOKIE_AGE:
        return EXPIRED
    if now - session.get(LAST_SEEN_KEY, now) > settings.ZHIFA_SESSION_IDLE_MINUTES * 60:
        return IDLE
    return ""


def touch(request) -> None:
    """Record activity, at most once per ``TOUCH_INTERVAL_SECONDS``."""
    now = now_seconds()
    if now - request.session.get(LAST_SEEN_KEY, 0) >= TOUCH_INTERVAL_SECONDS:
        request.session[LAST_SEEN_KEY] = now


def end(request, user, reason: str) -> None:
    """Sign the session out, audit timeouts, and leave the reason for the login page to show.

    An epoch change is not audited per session: the ``logout everywhere`` action was audited once.
    This runs before the actor middleware, so it opens its own web actor context.
    """
    if reason in AUDIT_MESSAGES:
        request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        with actor_context(channel=Channel.WEB, user=user, request=request, ip=client_ip(request), request_id=request_id):
            record(AuditAction.LOGOUT, user, user=user, message=AUDIT_MESSAGES[reason])
    logout(request)
    request.session[LOGOUT_REASON_KEY] = reason


def pop_logout_message(request) -> str:
    """The message explaining why the previous session ended (shown once on the login page)."""
    return USER_MESSAGES.get(request.session.pop(LOGOUT_REASON_KEY, ""), "")
