"""Single sign-on (统一身份认证) over OpenID Connect: login through the provider, back-channel logout.

mozilla-django-oidc does the authorisation-code flow (state, nonce, PKCE, token exchange, ID-token
signature). This module adds what 执法通 needs around it:

* ``OidcBackend`` maps the provider's user to exactly one active 执法通 user by the claim named in
  ``ZHIFA_OIDC_USERNAME_CLAIM`` (its value is the user name); it never creates users or roles, and
  it checks the ID token's issuer and audience. Each login links the subject to the user
  (``OidcIdentity``).
* The callback page (``zhifa.org.views.oidc``) ends in ``services.complete_login``: the same
  session stamps, lockout reset and login audit row as a password login.
* ``provider_logout_url`` sends a user who signs out of 执法通 on to the provider's end-session
  endpoint, so that the provider and every other connected system sign them out too.
* ``verify_logout_token`` checks the provider's logout token (OpenID Connect Back-Channel Logout
  1.0) against its published keys, and ``single_logout`` ends every session of the user.

The pages answer 404 unless ``ZHIFA_OIDC_ENABLED`` is on.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.db.models import Q
from django.shortcuts import resolve_url
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ..models import OidcIdentity, User
from . import auth as services

BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"
# A logout token older than this is refused (it is sent at once; this allows for clock skew).
LOGOUT_TOKEN_MAX_AGE = 300
LOGIN_METHOD = "统一身份认证登录"


class OidcBackend(OIDCAuthenticationBackend):
    """Authenticates the provider's user as the 执法通 user whose user name the configured claim holds.

    Permissions come from ``RoleBackend`` only: this backend grants none itself.
    """

    def verify_token(self, token, **kwargs):
        """The ID token's signature and nonce (the library), then its issuer and audience."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != settings.ZHIFA_OIDC_ISSUER or settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token issuer or audience does not match this client")
        return payload

    def verify_claims(self, claims) -> bool:
        return bool(claims.get(settings.ZHIFA_OIDC_USERNAME_CLAIM))

    def filter_users_by_claims(self, claims):
        username = claims.get(settings.ZHIFA_OIDC_USERNAME_CLAIM)
        if not isinstance(username, str) or not username:
            return User.objects.none()
        return User.objects.filter(username=username, is_active=True)

    def update_user(self, user, claims):
        """The account is administered in 执法通: nothing is copied from the provider."""
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None:
            link_identity(user=user, claims=payload)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()


def link_identity(*, user: User, claims: dict) -> OidcIdentity:
    """Record that the provider's subject (and its session ``sid``) signed in as ``user``."""
    identity, _ = OidcIdentity.objects.update_or_create(
        issuer=claims["iss"],
        subject=claims["sub"],
        defaults={"user": user, "session_id": claims.get("sid", ""), "last_login_at": timezone.now()},
    )
    return identity


def verify_logout_token(token: str) -> dict:
    """The claims of a valid logout token; raises ``ValueError`` with the reason otherwise."""
    if not token:
        raise ValueError("缺少 logout_token")
    try:
        key = OidcBackend().retrieve_matching_jwk(token)
        claims = jwt.decode(
            token, key, algorithms=[settings.OIDC_RP_SIGN_ALGO], audience=settings.OIDC_RP_CLIENT_ID,
            issuer=settings.ZHIFA_OIDC_ISSUER, options={"require": ["iss", "aud", "iat", "events"]},
        )
    except (jwt.PyJWTError, SuspiciousOperation, requests.RequestException, KeyError) as exc:
        raise ValueError(f"注销令牌无效：{exc}") from exc
    if not isinstance(claims["events"], dict) or BACKCHANNEL_EVENT not in claims["events"]:
        raise ValueError("注销令牌缺少 back-channel logout 事件")
    if "nonce" in claims:
        raise ValueError("注销令牌不得包含 nonce")
    if not claims.get("sub") and not claims.get("sid"):
        raise ValueError("注销令牌须包含 sub 或 sid")
    if abs(time.time() - claims["iat"]) > LOGOUT_TOKEN_MAX_AGE:
        raise ValueError("注销令牌已过期")
    return claims


def single_logout(*, issuer: str, subject: str = "", session_id: str = "") -> list[User]:
    """End every session of the users the provider's subject or session signed in as; audited."""
    condition = Q(subject=subject) if subject else Q(session_id=session_id)
    users = []
    with transaction.atomic():
        user_ids = set(OidcIdentity.objects.filter(condition, issuer=issuer).values_list("user_id", flat=True))
        for user in User.objects.filter(pk__in=user_ids).order_by("pk"):
            services.end_all_sessions(user=user, message="统一身份认证单点退出：结束该用户的全部会话")
            users.append(user)
    return users


def provider_logout_url(request) -> str:
    """Where to send a single-sign-on session after signing out here (``""``: nowhere).

    Read it before the session is flushed: it needs the ID token the login stored.
    """
    id_token = request.session.get("oidc_id_token")
    endpoint = settings.ZHIFA_OIDC_END_SESSION_ENDPOINT
    if not (settings.ZHIFA_OIDC_ENABLED and endpoint and id_token):
        return ""
    query = urlencode({
        "id_token_hint": id_token,
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(resolve_url(settings.LOGIN_URL)),
    })
    return f"{endpoint}?{query}"
