"""User accounts."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from zhifa.core.querysets import AuditedQuerySet
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import ScopeSpec


class ZhifaUserManager(UserManager.from_queryset(AuditedQuerySet)):
    """User manager with the permission gate and audited bulk writes."""


class User(AbstractUser):
    """A person who signs in: officer, leader, reviewer, supervisor, administrator.

    Belongs to one unit (and optionally a department of it), holds roles that carry permissions
    and data scopes. Login security state (failures, lock, TOTP, session epoch) lives here.
    """

    display_name = models.CharField("姓名", max_length=50)
    unit = models.ForeignKey("org.Unit", verbose_name="所属单位", on_delete=models.PROTECT, related_name="users", null=True)
    department = models.ForeignKey(
        "org.Unit", verbose_name="所属科室", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    roles = models.ManyToManyField("org.Role", verbose_name="角色", blank=True, related_name="users")
    phone = models.CharField("手机号", max_length=20, blank=True)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    title = models.CharField("职务", max_length=50, blank=True)
    failed_logins = models.PositiveIntegerField("连续登录失败次数", default=0, editable=False)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True, editable=False)
    totp_secret = models.CharField("动态口令密钥", max_length=64, blank=True, editable=False)
    totp_confirmed = models.BooleanField("已绑定动态口令", default=False, editable=False)
    totp_last_step = models.BigIntegerField(
        "动态口令最近使用时段", null=True, blank=True, editable=False, help_text="已用过的动态口令不能再次使用"
    )
    session_epoch = models.PositiveIntegerField("会话版本", default=0, editable=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True, editable=False)
    allow_ordinary_login = models.BooleanField(
        "允许普通登录", default=False, help_text="安全设备丢失时，由管理员临时允许免动态口令登录"
    )

    objects = ZhifaUserManager()

    audited = True
    personal_data = True
    scope = ScopeSpec(unit="unit", owner="pk")
    search_grams = ("username", "display_name", "phone", "title")  # q's gram index (zhifa.core.search_grams)
    search_grams_unit = "unit"  # and its grams per unit (zhifa.core.search_grams)
    audit_exclude = ("last_login", "totp_last_step")

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["username"]
        # the user list of one unit, in its default order, with the 启用 filter read from the index (issue 9: a
        # rare value walked the unit's 12,000 rows in the table)
        indexes = [models.Index(fields=["unit", "username", "id", "is_active"], name="org_user_unit_list")]

    def __str__(self):
        return f"{self.display_name}（{self.username}）" if self.display_name else self.username

    def get_absolute_url(self):
        return pk_reverse("org:user_detail", self.pk)

    def permission_scopes(self) -> dict[str, set[str]]:
        """``{"app.codename": {data scopes}}`` from the user's roles (asked by the permission gate)."""
        from ..scopes import permission_scopes

        return permission_scopes(self)

    def grants_in_force(self) -> list:
        """The explicit scope grants in force (asked by the permission gate)."""
        from ..scopes import active_grants

        return active_grants(self)

    def units_under(self, path: str) -> list[int]:
        """Keys of the unit with ``path`` and every unit below it (asked by the gate for the subtree scope)."""
        from ..scope_units import units_under

        return units_under(self, path)

    def units_in_region(self, path: str) -> list[int]:
        """Keys of every unit located in the region with ``path`` or below (asked by the gate for the region scope)."""
        from ..scope_units import units_in_region

        return units_in_region(self, path)

    @property
    def requires_totp(self) -> bool:
        """Administrators must use a second factor unless an admin allowed ordinary login."""
        if self.allow_ordinary_login:
            return False
        return self.is_superuser or any(role.requires_2fa for role in self.roles.all())
