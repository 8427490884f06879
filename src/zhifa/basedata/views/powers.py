"""Screens of the power list (权责清单), built on the generic object views."""

from __future__ import annotations

from zhifa.core.views.generic import (
    BulkDeleteView,
    BulkEditView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectExportView,
    ObjectImportView,
    ObjectListView,
    register_model_view,
)

from ..filtersets.powers import PowerFilterSet
from ..forms.powers import PowerBulkEditForm, PowerForm, PowerImportForm
from ..models.powers import Power
from ..selectors.powers import citations_by_role
from ..tables.powers import PowerTable


@register_model_view(Power, "list")
class PowerListView(ObjectListView):
    queryset = Power.objects.select_related("unit").prefetch_related("subjects")
    filterset = PowerFilterSet
    table = PowerTable


@register_model_view(Power, "detail")
class PowerDetailView(ObjectDetailView):
    """The power, its legal basis by role (违反的规定, 处罚依据) and subjects, and every version with who, when,
    why and what changed."""

    queryset = Power.objects.select_related("unit", "created_by")
    template_name = "basedata/powers/power_detail.html"
    fields = ("code", "name", "kind", "time_limit_days", "unit", "is_active", "version", "created_at", "updated_at",
              "created_by")

    def get_extra_context(self, obj) -> dict:
        return {
            "basis": citations_by_role(obj),
            "subjects": obj.subjects.all(),
            "versions": obj.versions.select_related("changed_by"),
        }


@register_model_view(Power, "add")
@register_model_view(Power, "edit")
class PowerEditView(ObjectEditView):
    queryset = Power.objects.all()
    form = PowerForm


@register_model_view(Power, "delete")
class PowerDeleteView(ObjectDeleteView):
    queryset = Power.objects.all()


@register_model_view(Power, "bulk_edit")
class PowerBulkEditView(BulkEditView):
    queryset = Power.objects.all()
    form = PowerBulkEditForm


@register_model_view(Power, "bulk_delete")
class PowerBulkDeleteView(BulkDeleteView):
    queryset = Power.objects.all()


@register_model_view(Power, "export")
class PowerExportView(ObjectExportView):
    list_view = PowerListView


@register_model_view(Power, "import")
class PowerImportView(ObjectImportView):
    queryset = Power.objects.all()
    form = PowerImportForm
