"""Table of the discretion standards."""

from __future__ import annotations

import django_tables2 as tables

from zhifa.core.tables import ZhifaTable

from ..models.discretion import DiscretionStandard


class DiscretionStandardTable(ZhifaTable):
    title = tables.Column(linkify=True)

    class Meta(ZhifaTable.Meta):
        model = DiscretionStandard
        fields = ("pk", "title", "power", "unit", "parent", "status", "version", "published_at")
        default_columns = ("title", "power", "unit", "status", "version", "published_at")
