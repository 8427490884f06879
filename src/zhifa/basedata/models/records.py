"""Enforcement full-record library (执法全记录库): every batch received from another system."""

from __future__ import annotations

from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import ScopeSpec


class RecordKind(models.TextChoices):
    """The kind of enforcement records a batch carries."""

    INSPECTION = "inspection", "检查"
    PUNISHMENT = "punishment", "处罚"
    COERCION = "coercion", "强制"
    PERMIT = "permit", "许可"


class RecordBatch(ZhifaModel):
    """One batch of records received from a source unit's system, with the rows that failed validation.

    ``errors`` is a list of ``{"row": n, "message": "…"}`` (``row`` counts from 1);
    ``payload_sha256`` identifies the received content. Written by
    ``zhifa.basedata.services.records.record_batch_receive``; never edited by hand.
    """

    source_unit = models.ForeignKey("org.Unit", verbose_name="来源单位", on_delete=models.PROTECT, related_name="+")
    source_system = models.CharField("来源系统", max_length=100)
    kind = models.CharField("记录类型", max_length=12, choices=RecordKind.choices)
    received_at = models.DateTimeField("接收时间", db_index=True)
    record_count = models.PositiveIntegerField("记录数")
    error_count = models.PositiveIntegerField("错误数", default=0)
    errors = models.JSONField("错误明细", default=list, blank=True)
    payload_sha256 = models.CharField("内容摘要", max_length=64)

    scope = ScopeSpec(unit="source_unit", owner=None)

    class Meta:
        verbose_name = "执法记录批次"
        verbose_name_plural = "执法记录批次"
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["source_unit", "kind", "received_at"], name="basedata_recordbatch_arrival")]

    def __str__(self):
        return f"{self.source_system} {self.get_kind_display()} {self.received_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return pk_reverse("basedata:recordbatch_detail", self.pk)
