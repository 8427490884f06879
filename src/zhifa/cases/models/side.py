"""Side procedures of a 一般程序 case: 延期, 中止/恢复, 终止, 撤销立案, 变更承办人, 案件移送."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.scoping import ScopeSpec

from ..choices import SideKind, SideStatus
from .cases import Case


class CaseSideProcedure(ZhifaModel):
    """One side procedure, requested by an officer of the case and approved or refused by a leader.

    ``days`` is the extension of the decision period (延期); ``started_on``/``ended_on`` bound a
    suspension (中止, ended by an approved 恢复); ``old_officer``/``new_officer`` a change of
    承办人; ``transfer_to`` the agency a case is transferred to (移送). The approval is a direct
    leader approval (permission ``cases.approve_casesideprocedure``), recorded here with its opinion.
    """

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="side_procedures")
    kind = models.CharField("事项", max_length=16, choices=SideKind.choices)
    status = models.CharField("状态", max_length=16, choices=SideStatus.choices, default=SideStatus.PENDING)
    reason = models.TextField("理由")
    days = models.PositiveIntegerField("延长天数", null=True, blank=True)
    started_on = models.DateField("中止开始日期", null=True, blank=True)
    ended_on = models.DateField("中止结束日期", null=True, blank=True)
    old_officer = models.ForeignKey("basedata.Officer", verbose_name="原承办人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    new_officer = models.ForeignKey("basedata.Officer", verbose_name="新承办人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    transfer_to = models.CharField("移送机关", max_length=200, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField("审批日期", null=True, blank=True)
    opinion = models.TextField("审批意见", blank=True)

    scope = ScopeSpec(unit="case__unit", owner="created_by")

    class Meta:
        verbose_name = "案件程序事项"
        verbose_name_plural = "案件程序事项"
        ordering = ["case", "-created_at", "-pk"]
        permissions = [("approve_casesideprocedure", "审批延期、中止、终止、撤销立案、变更承办人、移送")]
        indexes = [models.Index(fields=["case", "kind", "status"], name="cases_side_case_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}（{self.get_status_display()}）"
