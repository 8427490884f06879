"""Table of the received record batches."""

from __future__ import annotations

import django_tables2 as tables

from zhifa.core.tables import ZhifaTable

from ..models.records import RecordBatch


class RecordBatchTable(ZhifaTable):
    received_at = tables.Column(linkify=True)

    class Meta(ZhifaTable.Meta):
        model = RecordBatch
        fields = ("pk", "received_at", "source_unit", "source_system", "kind", "record_count", "error_count",
                  "payload_sha256")
        default_columns = ("received_at", "source_unit", "source_system", "kind", "record_count", "error_count")
