"""Screens of the discretion standards: list, and a detail page with levels, claims and history."""

from __future__ import annotations

import django_tables2 as tables

from zhifa.core.tables import ZhifaTable
from zhifa.core.views.generic import ObjectDetailView, ObjectListView, register_model_view

from ..models.discretion import DiscretionStandard
from ..powers.filtersets import DiscretionStandardFilterSet
from ..services.discretion import standard_history


class DiscretionStandardTable(ZhifaTable):
    title = tables.Column(linkify=True)

    class Meta(ZhifaTable.Meta):
        model = DiscretionStandard
        fields = ("pk", "title", "power", "unit", "parent", "status", "version", "published_at")
        default_columns = ("title", "power", "unit", "status", "version", "published_at")


@register_model_view(DiscretionStandard, "list")
class DiscretionStandardListView(ObjectListView):
    queryset = DiscretionStandard.objects.select_related("power", "unit", "parent", "parent__power")
    filterset = DiscretionStandardFilterSet
    table = DiscretionStandardTable


@register_model_view(DiscretionStandard, "detail")
class DiscretionStandardDetailView(ObjectDetailView):
    """The standard's levels, the units that claim it and its full history."""

    queryset = DiscretionStandard.objects.select_related("power", "unit", "parent", "previous", "created_by")
    template_name = "basedata/discretion/standard_detail.html"
    fields = ("title", "power", "unit", "parent", "previous", "status", "version", "reject_reason", "published_at",
              "created_at", "created_by")

    def get_extra_context(self, obj) -> dict:
        return {
            "levels": obj.levels.all(),
            "claims": obj.claims.select_related("unit"),
            "history": standard_history(obj),
        }
