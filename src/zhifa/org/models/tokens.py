"""API tokens: only a hash is stored; the key is shown once at creation."""

import hashlib
import secrets

from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.scoping import ScopeSpec


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(ZhifaModel):
    """A bearer token for the REST API, acting as its user with the same permission gate."""

    user = models.ForeignKey("org.User", verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("前缀", max_length=8, editable=False, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField("过期时间")
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True, editable=False)

    scope = ScopeSpec(unit="user__unit", owner="user")
    audit_exclude = ("updated_at", "last_used_at")  # usage bookkeeping, not a change of the token

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self):
        return f"{self.name}（{self.prefix}…）"

    @classmethod
    def issue(cls, *, user, name: str, expires_at) -> tuple["ApiToken", str]:
        """Create a token and return it with its plain key (shown once, never stored); it always expires."""
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[:8], key_hash=hash_key(key), expires_at=expires_at)
        return token, key
