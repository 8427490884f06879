"""Roles, their permissions and data scopes, and explicit cross-unit grants."""

from django.contrib.auth.models import Permission
from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import UNSCOPED, DataScope, ScopeSpec


class Role(ZhifaModel):
    """A role (角色) such as 执法人员 or 监督人员: a set of permissions and how far they reach.

    Permissions are data: an administrator edits them in the role screen. The data scope applies
    to every permission of the role.
    """

    code = models.SlugField("代码", max_length=50, unique=True)
    name = models.CharField("名称", max_length=50)
    description = models.CharField("说明", max_length=300, blank=True)
    data_scope = models.CharField("数据权限", max_length=16, choices=DataScope.choices, default=DataScope.OWN)
    permissions = models.ManyToManyField(Permission, verbose_name="权限", blank=True, related_name="+")
    requires_2fa = models.BooleanField("需要动态口令", default=False)
    is_builtin = models.BooleanField("内置角色", default=False, editable=False)

    scope = UNSCOPED

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        ordering = ["code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return pk_reverse("org:role_detail", self.pk)


class ScopeGrant(ZhifaModel):
    """An explicit grant letting a user see (or act on) a unit's subtree or a region beyond their scope.

    Used for supervisors who follow a unit outside their own region, or for temporary help.
    """

    grantee = models.ForeignKey("org.User", verbose_name="被授权人", on_delete=models.CASCADE, related_name="scope_grants")
    unit = models.ForeignKey(
        "org.Unit", verbose_name="授权单位", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(
        "org.Region", verbose_name="授权区划", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    include_subordinates = models.BooleanField("含下级", default=True)
    actions = models.CharField("操作", max_length=100, default="view", help_text="逗号分隔：view,change,…")
    valid_until = models.DateField("有效期至", null=True, blank=True)
    reason = models.CharField("授权理由", max_length=300)

    scope = ScopeSpec(unit="grantee__unit", owner="grantee")

    class Meta:
        verbose_name = "跨单位授权"
        verbose_name_plural = "跨单位授权"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(region__isnull=False), name="grant_has_target"
            )
        ]

    def __str__(self):
        return f"{self.grantee} → {self.unit or self.region}"

    def get_absolute_url(self):
        return pk_reverse("org:scopegrant_detail", self.pk)

    def action_list(self) -> list[str]:
        return [a.strip() for a in self.actions.split(",") if a.strip()]
