"""Filters of the list of received record batches (执法全记录库)."""

from __future__ import annotations

import django_filters

from zhifa.core.filtersets import ZhifaFilterSet

from ..models.records import RecordBatch, RecordKind


class RecordBatchFilterSet(ZhifaFilterSet):
    search_fields = ("source_system",)
    form_fields = ("q", "source_unit_id", "kind")

    kind = django_filters.ChoiceFilter(choices=RecordKind.choices, label="记录类型")

    class Meta:
        model = RecordBatch
        fields = ["kind"]
