"""Which provider account signed in as which user (single sign-on, 统一身份认证)."""

from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.scoping import ScopeSpec


class OidcIdentity(ZhifaModel):
    """A provider's subject (``iss`` + ``sub``) linked to the user it signed in as.

    Written at each single sign-on login; a back-channel logout token names the subject (or the
    provider session ``sid``), and this row says whose sessions end.
    """

    user = models.ForeignKey("org.User", verbose_name="用户", on_delete=models.CASCADE, related_name="oidc_identities")
    issuer = models.CharField("身份提供方", max_length=255)
    subject = models.CharField("提供方用户标识", max_length=255)
    session_id = models.CharField("提供方会话标识", max_length=255, blank=True)
    last_login_at = models.DateTimeField("最近登录时间")

    scope = ScopeSpec(unit="user__unit", owner="user")

    class Meta:
        verbose_name = "统一身份认证账号"
        verbose_name_plural = "统一身份认证账号"
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="oidc_identity_unique_subject")]

    def __str__(self):
        return f"{self.user} ← {self.subject}"
