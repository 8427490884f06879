"""The organisation tree: agencies, enforcement subjects, entrusted organisations, departments and
supervisory bodies, with a version row for every change (主体变更)."""

from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.querysets import AuditedManager
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import ScopeSpec

from ..choices import Sector, UnitKind, UnitLevel


class Unit(ZhifaModel):
    """A node of the organisation tree (单位).

    One tree holds every kind of unit so that "own unit and subordinates" is one prefix lookup on
    ``path`` (``/12/57/``). An enforcement subject (执法主体) is the legal person in whose name
    decisions are made; departments (科室/中队) hang under their agency; supervisory bodies
    (司法局) supervise a region rather than a subtree.
    """

    name = models.CharField("名称", max_length=200)
    short_name = models.CharField("简称", max_length=50, blank=True)
    kind = models.CharField("类型", max_length=32, choices=UnitKind.choices)
    level = models.CharField("层级", max_length=16, choices=UnitLevel.choices)
    sector = models.CharField("领域", max_length=32, choices=Sector.choices, default=Sector.GENERAL)
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    region = models.ForeignKey("org.Region", verbose_name="所在区划", on_delete=models.PROTECT, related_name="units")
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    number_prefix = models.CharField("文号代字", max_length=20, blank=True, help_text="例如“深盐城管”")
    address = models.CharField("地址", max_length=300, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    is_active = models.BooleanField("启用", default=True)
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    path = models.CharField("路径", max_length=400, db_index=True, editable=False, default="")

    scope = ScopeSpec(unit="", owner=None)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return pk_reverse("org:unit_detail", self.pk)

    def expected_path(self) -> str:
        prefix = self.parent.path if self.parent_id else "/"
        return f"{prefix}{self.pk}/"

    def is_within(self, other: "Unit") -> bool:
        """True when this unit is ``other`` or one of its descendants."""
        return self.path.startswith(other.path)


class UnitVersion(models.Model):
    """A frozen copy of a unit after each change, with who changed it, when and why."""

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField("版本")
    data = models.JSONField("内容")
    reason = models.CharField("变更原因", max_length=300, blank=True)
    changed_by = models.ForeignKey(
        "org.User", verbose_name="变更人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField("变更时间", auto_now_add=True)
    effective_on = models.DateField("生效日期", null=True, blank=True)

    objects = AuditedManager()
    audited = True

    class Meta:
        verbose_name = "单位版本"
        verbose_name_plural = "单位版本"
        ordering = ["unit", "-version"]
        constraints = [models.UniqueConstraint(fields=["unit", "version"], name="unit_version_unique")]

    def __str__(self):
        return f"{self.unit} v{self.version}"
