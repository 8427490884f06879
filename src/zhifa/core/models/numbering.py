"""Configurable number rules (编码规则) and their gap-free counters (A7)."""

import string

from django.core.exceptions import ValidationError
from django.db import models

from .base import ZhifaModel

PLACEHOLDERS = ("prefix", "year", "seq")


def validate_number_pattern(pattern: str) -> None:
    """Reject a pattern with unknown placeholders, a bad format spec, or without ``{seq}``."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise ValidationError(f"编号格式“{pattern}”有误：花括号不成对（{exc}）") from exc
    unknown = sorted(names - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            "编号格式含有未知占位符 {}，可用的占位符：{{prefix}}、{{year}}、{{seq}}".format(
                "、".join("{%s}" % name for name in unknown)
            )
        )
    if "seq" not in names:
        raise ValidationError("编号格式必须包含序号占位符 {seq}，例如 第{seq:04d}号")
    try:
        pattern.format(prefix="深盐城管", year=2026, seq=1)
    except (ValueError, IndexError) as exc:
        raise ValidationError(f"编号格式“{pattern}”有误：{exc}") from exc


class NumberRule(ZhifaModel):
    """How numbers of one kind are formed for one unit, e.g. ``{prefix}罚〔{year}〕第{seq:04d}号``.

    Placeholders: ``{prefix}`` (the unit's 文号代字), ``{year}``, ``{seq}`` with a format spec.
    Counters restart every year when ``yearly_reset`` is set. A rule also serves the unit's
    subordinate units (departments) that have no rule of their own for the kind.
    """

    unit = models.ForeignKey("org.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="number_rules")
    kind = models.CharField("编号类别", max_length=50, help_text="例如 punishment_decision、case")
    name = models.CharField("名称", max_length=100)
    pattern = models.CharField("格式", max_length=200, validators=[validate_number_pattern])
    yearly_reset = models.BooleanField("每年重新编号", default=True)

    class Meta:
        verbose_name = "编号规则"
        verbose_name_plural = "编号规则"
        constraints = [models.UniqueConstraint(fields=["unit", "kind"], name="number_rule_unique")]

    def __str__(self):
        return f"{self.unit} {self.name}"


class NumberSequence(models.Model):
    """The last number issued under a rule in a year; locked row by row while a number is drawn.

    ``year`` is 0 for a rule that never restarts.
    """

    rule = models.ForeignKey(NumberRule, on_delete=models.CASCADE, related_name="sequences")
    year = models.PositiveIntegerField("年度")
    last_value = models.PositiveIntegerField("当前序号", default=0)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"
        constraints = [models.UniqueConstraint(fields=["rule", "year"], name="number_sequence_unique")]

    def __str__(self):
        return f"{self.rule} {self.year}: {self.last_value}"
