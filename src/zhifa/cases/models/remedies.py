"""Remedies against a decision: 行政复议 and 行政诉讼, with their dates and outcome."""

from __future__ import annotations

from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.scoping import ScopeSpec

from ..execution_choices import RemedyKind, RemedyOutcome


class CaseRemedy(ZhifaModel):
    """A 复议 or 诉讼 the party brought against the case's decision.

    ``deadline`` is the last day the party could apply (``reconsideration_application_deadline`` or
    ``litigation_deadline``, computed when recorded); ``late`` says the application came after it.
    While a remedy runs, 加处罚款 is not counted (行政处罚法第73条第3款).
    """

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField("救济方式", max_length=16, choices=RemedyKind.choices)
    applied_on = models.DateField("申请（起诉）日期")
    organ = models.CharField("复议机关/受理法院", max_length=100)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    deadline = models.DateField("法定申请期限届满日", editable=False)
    late = models.BooleanField("逾期申请", default=False, editable=False)
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    outcome = models.CharField("结果", max_length=20, choices=RemedyOutcome.choices, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    scope = ScopeSpec(unit="case__unit", owner="created_by")

    class Meta:
        verbose_name = "复议诉讼"
        verbose_name_plural = "复议诉讼"
        ordering = ["case", "applied_on", "pk"]
        indexes = [models.Index(fields=["kind", "outcome"], name="cases_remedy_kind_outcome")]

    def __str__(self):
        state = self.get_outcome_display() if self.outcome else "审理中"
        return f"{self.get_kind_display()}（{state}）"
