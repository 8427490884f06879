"""Discretion standards (自由裁量基准): levels of a violation and the penalty range of each.

A standard belongs to one power and one unit. It is written as a draft, submitted, reviewed by the
level above (approved or rejected back with a reason), published, and superseded by the next
published version. Lower units claim (认领) a published standard and may propose local adjustments
(a child standard with ``parent`` set), which follow the same review. Every step is a
``DiscretionEvent``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.querysets import AuditedManager, AuditedQuerySet
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import ScopeSpec
from zhifa.legal.catalogue import PENALTY_KINDS


class StandardStatus(models.TextChoices):
    """Life cycle of a discretion standard."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "审核通过"
    REJECTED = "rejected", "已退回"
    PUBLISHED = "published", "已发布"
    SUPERSEDED = "superseded", "已废止"


class MultipleBase(models.TextChoices):
    """What a fine given as a multiple is a multiple of."""

    GAINS = "gains", "违法所得"
    GOODS_VALUE = "goods_value", "货值金额"


class StandardQuerySet(AuditedQuerySet):
    """Standards; a published standard is also visible to every unit below its maintaining unit."""

    def restrict(self, user, action: str = "view"):
        """The usual gate, plus, for ``view``, the published standards of the units above the user's unit
        (so that a street team can read and claim its district's standards)."""
        allowed = super().restrict(user, action)
        if action != "view" or getattr(user, "unit_id", None) is None:
            return allowed
        from zhifa.core.gate import can_model

        ancestors = [int(pk) for pk in user.unit.path.strip("/").split("/")[:-1] if pk]
        if not ancestors or not can_model(user, "view", self.model):
            return allowed
        inherited = self.filter(status=StandardStatus.PUBLISHED, unit_id__in=ancestors)
        return allowed | inherited


class DiscretionStandard(ZhifaModel):
    """One version of the discretion standard of a power, maintained by ``unit``."""

    power = models.ForeignKey("basedata.Power", verbose_name="职权", on_delete=models.PROTECT, related_name="standards")
    unit = models.ForeignKey("org.Unit", verbose_name="制定单位", on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(
        "self", verbose_name="所依据的上级基准", null=True, blank=True, on_delete=models.PROTECT,
        related_name="adjustments", help_text="本单位对上级基准的细化调整时填写",
    )
    previous = models.ForeignKey(
        "self", verbose_name="上一版本", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField("名称", max_length=200)
    status = models.CharField("状态", max_length=16, choices=StandardStatus.choices, default=StandardStatus.DRAFT)
    version = models.PositiveIntegerField("版本", default=1)
    reject_reason = models.CharField("退回原因", max_length=500, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)

    objects = StandardQuerySet.as_manager()
    scope = ScopeSpec(unit="unit", owner="created_by")

    class Meta:
        verbose_name = "自由裁量基准"
        verbose_name_plural = "自由裁量基准"
        ordering = ["power__code", "-version"]
        permissions = [("review_discretionstandard", "审核自由裁量基准")]
        indexes = [models.Index(fields=["power", "unit", "status"], name="basedata_standard_state")]

    def __str__(self):
        return f"{self.title}（第{self.version}版）"

    def get_absolute_url(self):
        return pk_reverse("basedata:discretionstandard_detail", self.pk)


class DiscretionLevel(models.Model):
    """One circumstance (违法程度/情节) of a standard and the penalty kinds and range that apply to it.

    ``penalty_kinds`` holds ids of ``zhifa.legal.catalogue.PENALTY_KINDS``. A fine is either a fixed
    range (``fine_min``–``fine_max`` yuan) or a range of multiples of ``multiple_base``.
    """

    standard = models.ForeignKey(DiscretionStandard, verbose_name="裁量基准", on_delete=models.CASCADE,
                                 related_name="levels")
    order = models.PositiveSmallIntegerField("顺序", default=0)
    circumstance = models.CharField("违法程度", max_length=50, help_text="例如“轻微”“一般”“较重”“严重”")
    condition = models.CharField("适用情形", max_length=500, blank=True)
    penalty_kinds = models.JSONField("处罚种类", default=list)
    fine_min = models.DecimalField("罚款下限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField("罚款上限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    multiple_min = models.DecimalField("倍数下限", max_digits=8, decimal_places=2, null=True, blank=True)
    multiple_max = models.DecimalField("倍数上限", max_digits=8, decimal_places=2, null=True, blank=True)
    multiple_base = models.CharField("倍数基数", max_length=16, choices=MultipleBase.choices, blank=True)
    description = models.CharField("裁量说明", max_length=500, blank=True)
    aggravating = models.TextField("从重情节", blank=True)
    mitigating = models.TextField("从轻减轻情节", blank=True)

    objects = AuditedManager()
    audited = True

    class Meta:
        verbose_name = "裁量阶次"
        verbose_name_plural = "裁量阶次"
        ordering = ["standard", "order", "pk"]

    def __str__(self):
        return f"{self.standard} {self.circumstance}"

    def kind_labels(self) -> list[str]:
        """Chinese names of the penalty kinds."""
        labels = dict(PENALTY_KINDS)
        return [labels.get(kind, kind) for kind in self.penalty_kinds]


class DiscretionClaim(models.Model):
    """A lower unit's claim (认领) of a published standard: it applies it and is told of changes."""

    standard = models.ForeignKey(DiscretionStandard, verbose_name="裁量基准", on_delete=models.CASCADE,
                                 related_name="claims")
    unit = models.ForeignKey("org.Unit", verbose_name="认领单位", on_delete=models.CASCADE, related_name="+")
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="认领人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    claimed_at = models.DateTimeField("认领时间", auto_now_add=True)

    objects = AuditedManager()
    audited = True

    class Meta:
        verbose_name = "基准认领"
        verbose_name_plural = "基准认领"
        constraints = [models.UniqueConstraint(fields=["standard", "unit"], name="basedata_claim_once")]

    def __str__(self):
        return f"{self.unit} 认领 {self.standard}"


class DiscretionEvent(models.Model):
    """One step in the history of a standard: who did what, when, why, and what changed."""

    standard = models.ForeignKey(DiscretionStandard, verbose_name="裁量基准", on_delete=models.CASCADE,
                                 related_name="events")
    action = models.CharField("操作", max_length=30)
    from_status = models.CharField("原状态", max_length=16, choices=StandardStatus.choices, blank=True)
    to_status = models.CharField("新状态", max_length=16, choices=StandardStatus.choices, blank=True)
    reason = models.CharField("说明", max_length=500, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)

    objects = AuditedManager()
    audited = True

    class Meta:
        verbose_name = "基准操作记录"
        verbose_name_plural = "基准操作记录"
        ordering = ["standard", "at", "pk"]

    def __str__(self):
        return f"{self.standard} {self.action}"
