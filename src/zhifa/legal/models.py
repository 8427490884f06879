"""Database side of the rules engine: the working-day calendar and threshold overrides.

The pure core never reads these models; ``zhifa.legal.loader`` turns them into a ``WorkCalendar``
and a ``ThresholdTable`` and caches the result per process until ``DataVersion`` changes.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.scoping import UNSCOPED

from .catalogue import SECTORS
from .thresholds import SPECS


class CalendarDay(ZhifaModel):
    """A statutory holiday (法定节假日) or a weekend day declared a working day (调休上班日).

    Days not listed follow the week: Monday to Friday work, Saturday and Sunday rest. A year counts
    as known only when its ``CalendarYear`` is complete; results on other years carry a warning.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日"
        WORKDAY = "workday", "调休上班日"

    class Source(models.TextChoices):
        PACKAGE = "package", "内置节假日数据"
        STATE_COUNCIL = "state_council", "国务院通知导入"
        MANUAL = "manual", "手工录入"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    name = models.CharField("节日名称", max_length=60)
    source = models.CharField("来源", max_length=16, choices=Source.choices, default=Source.MANUAL)
    note = models.CharField("备注", max_length=200, blank=True)

    scope = UNSCOPED

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}"

    def clean(self):
        if self.kind == self.Kind.WORKDAY and self.date and self.date.weekday() < 5:
            raise ValidationError({"kind": "调休上班日应为周六或周日；周一至周五本来就是工作日。"})


class CalendarYear(ZhifaModel):
    """Whether the holiday schedule of one year is complete (全年安排已录入).

    Only complete years count as known; a year with some rows but not marked complete (a partial
    import, a few days entered by hand) still gets the "schedule not entered" warning. Importing
    a year's State Council schedule marks it complete; an administrator may complete a partial year.
    """

    year = models.PositiveSmallIntegerField("年份", unique=True)
    complete = models.BooleanField("安排完整", default=False)
    note = models.CharField("备注", max_length=200, blank=True)

    scope = UNSCOPED

    class Meta:
        verbose_name = "节假日安排年份"
        verbose_name_plural = "节假日安排年份"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年（{'完整' if self.complete else '未完整'}）"


class ThresholdSetting(ZhifaModel):
    """A regional or sector value of a threshold, overriding the national default from a date.

    ``region`` is a region-code prefix (``""`` = whole country, ``44`` = 广东省, ``4403`` = 深圳市;
    6-digit codes such as 440300 are accepted and shortened), ``sector`` one of the enforcement
    sectors (``""`` = every sector). ``law``/``article``/``text`` are the legal basis shown with
    every answer that uses the value; ``verified`` off makes those answers carry a warning.
    """

    key = models.CharField("配置项", max_length=64, choices=[(k, s.label) for k, s in SPECS.items()])
    effective_from = models.DateField("生效日期")
    region = models.CharField("行政区划代码前缀", max_length=12, blank=True, help_text="为空表示全国")
    sector = models.CharField(
        "执法领域", max_length=32, blank=True, choices=[c for c in SECTORS if c[0] != "general"],
        help_text="为空表示所有领域",
    )
    value = models.JSONField("数值", null=True, blank=True)
    law = models.CharField("依据名称", max_length=200)
    article = models.CharField("条款", max_length=100)
    text = models.CharField("条文摘录", max_length=500, blank=True)
    verified = models.BooleanField("已核实", default=True)
    note = models.CharField("说明", max_length=300, blank=True)

    scope = UNSCOPED

    class Meta:
        verbose_name = "法定标准配置"
        verbose_name_plural = "法定标准配置"
        ordering = ["key", "region", "sector", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "effective_from", "region", "sector"], name="legal_threshold_unique")
        ]

    def __str__(self):
        return f"{self.get_key_display()} {self.region or '全国'} {self.sector or '所有领域'} {self.effective_from}"

    def clean(self):
        from .thresholds import normalize_region

        self.region = normalize_region(self.region or "")
        if self.region and not (self.region.isascii() and self.region.isdigit()):
            raise ValidationError({"region": "行政区划代码前缀只能包含数字"})
        spec = SPECS.get(self.key)
        if spec is not None:
            problem = spec.validate(self.value)
            if problem:
                raise ValidationError({"value": problem})


class DataVersion(models.Model):
    """A single row whose token changes whenever calendar or threshold data change.

    Every process compares the token with the one its cached rules were built from, so an
    administrator's edit reaches every app server and worker on their next evaluation.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "法律规则数据版本"

    def __str__(self):
        return self.token

    @classmethod
    def bump(cls) -> str:
        """Give the data a new version token (inside the caller's transaction)."""
        token = uuid.uuid4().hex
        cls.objects.update_or_create(pk=1, defaults={"token": token})
        return token

    @classmethod
    def current(cls) -> str:
        """The current token (``""`` when the row does not exist)."""
        return cls.objects.filter(pk=1).values_list("token", flat=True).first() or ""
