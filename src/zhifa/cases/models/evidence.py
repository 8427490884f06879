"""The evidence list of a case (证据清单); each item's file is an attachment of the item."""

from __future__ import annotations

from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.scoping import ScopeSpec

from ..choices import EvidenceKind
from .cases import Case


class CaseEvidence(ZhifaModel):
    """One piece of evidence: what it is, its kind, when and by whom it was collected.

    Its file, if any, is stored by the attachment service (``core.Attachment`` targeting the item).
    """

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="evidence")
    name = models.CharField("证据名称", max_length=200)
    kind = models.CharField("证据种类", max_length=16, choices=EvidenceKind.choices)
    collected_on = models.DateField("收集日期")
    collected_by = models.ForeignKey("basedata.Officer", verbose_name="收集人", on_delete=models.PROTECT,
                                     related_name="+")
    note = models.CharField("证明对象", max_length=300, blank=True)

    scope = ScopeSpec(unit="case__unit", owner="created_by")

    class Meta:
        verbose_name = "证据"
        verbose_name_plural = "证据清单"
        ordering = ["case", "collected_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.name}"
