"""Token authentication for the API: ``Authorization: Token <key>``; only hashes are stored."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from rest_framework import authentication, exceptions

from ..models import ApiToken
from ..models.tokens import hash_key

# ``last_used_at`` is written at most once a minute per token, not on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """Looks the token up by the hash of its key; rejects revoked or expired tokens and inactive users.

    The request then acts as the token's user: the same roles, data scopes and audit attribution as
    that user in the browser.
    """

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user", "user__unit").filter(key_hash=hash_key(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed("令牌无效或已撤销")
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed("令牌已过期")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("用户已停用")
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
        return token.user, token
