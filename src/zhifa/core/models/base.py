"""The abstract base model every business model inherits."""

from django.conf import settings
from django.db import models

from ..querysets import AuditedManager
from ..scoping import ScopeSpec


class ZhifaModel(models.Model):
    """Base of every audited, permission-scoped business model.

    Gives creation/update timestamps, the creating user (filled from the actor context), the
    ``restrict`` manager, and the audit trail (every save and delete writes an ``AuditEntry``).
    Subclasses declare ``scope`` to tell the permission gate where the owning unit is, and may set
    ``personal_data = True`` so that reading their detail page is audited too.
    """

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AuditedManager()

    scope = ScopeSpec()
    personal_data = False
    audit_exclude: tuple[str, ...] = ("updated_at",)

    class Meta:
        abstract = True
