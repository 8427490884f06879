"""Case warnings (案件预警, E5) and the configurable 缺项 rules per stage."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from zhifa.core.models import ZhifaModel
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import UNSCOPED, ScopeSpec
from zhifa.workflow.requirements import Stage

from ..execution_choices import RequirementKind, RuleProcedure, WarningColour, WarningKind


class CaseWarning(ZhifaModel):
    """A warning on a case at a stage: a deadline running out (期限) or a missing item (缺项).

    Raised and cleared only by the periodic job ``raise_case_warnings``; at most one open warning
    per case, stage and kind (``cleared_at`` empty). Its colour can rise (蓝 → 黄 → 红) while it is open.
    """

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="warnings")
    stage = models.CharField("环节", max_length=40, choices=Stage.choices)
    kind = models.CharField("预警类型", max_length=16, choices=WarningKind.choices)
    colour = models.CharField("预警等级", max_length=8, choices=WarningColour.choices)
    message = models.CharField("预警内容", max_length=500)
    due_on = models.DateField("期限届满日", null=True, blank=True)
    raised_at = models.DateTimeField("预警时间")
    cleared_at = models.DateTimeField("解除时间", null=True, blank=True)

    scope = ScopeSpec(unit="case__unit")

    class Meta:
        verbose_name = "案件预警"
        verbose_name_plural = "案件预警"
        ordering = ["case", "-raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "stage", "kind"], condition=Q(cleared_at=None),
                                    name="cases_warning_open_once"),
        ]
        indexes = [models.Index(fields=["case", "cleared_at", "colour"], name="cases_warning_open_colour")]

    def __str__(self):
        return f"{self.get_colour_display()}{self.get_kind_display()}：{self.message}"


class StageRequirementRule(ZhifaModel):
    """What must exist once a case has reached a stage (缺项规则), kept by administrators.

    ``requirement`` says what kind of thing: a field of the case filled in (``target`` is the
    field's name), a document of a kind issued (``target`` is the document kind's code) or an
    evidence item (``target`` empty for any). ``label`` is what the warning calls it.
    """

    stage = models.CharField("环节", max_length=40, choices=Stage.choices)
    procedure = models.CharField("适用程序", max_length=16, choices=RuleProcedure.choices, default=RuleProcedure.ALL)
    requirement = models.CharField("要求", max_length=16, choices=RequirementKind.choices)
    target = models.CharField("核对对象", max_length=60, blank=True,
                              help_text="案件信息填写字段名（填错时会列出全部可选字段及其名称），文书填写文书种类代码，证据材料留空")
    label = models.CharField("缺项名称", max_length=100)
    colour = models.CharField("预警等级", max_length=8, choices=WarningColour.choices, default=WarningColour.YELLOW)
    active = models.BooleanField("启用", default=True)

    scope = UNSCOPED

    class Meta:
        verbose_name = "缺项规则"
        verbose_name_plural = "缺项规则"
        ordering = ["stage", "label", "id"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "procedure", "requirement", "target"],
                                    name="cases_requirement_rule_once"),
        ]

    def __str__(self):
        return f"{self.get_stage_display()}：{self.label}"

    def get_absolute_url(self):
        return pk_reverse("cases:stagerequirementrule_detail", self.pk)

    def clean(self):
        from ..warning_rules import requirement_error  # the checks import the models

        message = requirement_error(self.requirement, self.target)
        if message:
            raise ValidationError({"target": message})
