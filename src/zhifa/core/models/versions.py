"""Version tokens that let every process know when its cached copy of shared data is stale."""

import uuid

from django.db import models


class AccessVersion(models.Model):
    """A single row whose token changes whenever access or display data change.

    Roles, role permissions, users' roles and units, scope grants, units, regions and column
    choices all bump it (``zhifa.core.usercache``). Each process compares the token with the one
    its per-user cache was built from, at most once per ``ZHIFA_ACCESS_RECHECK_SECONDS``.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "权限数据版本"

    def __str__(self):
        return self.token

    @classmethod
    def bump(cls) -> str:
        """Give the access data a new token (inside the caller's transaction)."""
        token = uuid.uuid4().hex
        cls.objects.update_or_create(pk=1, defaults={"token": token})
        return token

    @classmethod
    def current(cls) -> str:
        """The current token (``""`` when the row does not exist yet)."""
        return cls.objects.filter(pk=1).values_list("token", flat=True).first() or ""
