"""Token authentication for the API: ``Authorization: Token <key>``; only hashes are stored."""

from django.utils import timezone
from rest_framework import authentication, exceptions

from ..models import ApiToken
from ..models.tokens import hash_key


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """Looks the token up by the hash of its key; rejects expired tokens and inactive users."""

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user", "user__unit").filter(key_hash=hash_key(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed("令牌无效")
        if token.expires_at and token.expires_at < timezone.now():
            raise exceptions.AuthenticationFailed("令牌已过期")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("用户已停用")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token
