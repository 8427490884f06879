"""Screens of the officer records (执法人员), built on the generic object views."""

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

from ..filtersets.officers import OfficerFilterSet
from ..forms.officers import OfficerBulkEditForm, OfficerForm, OfficerImportForm
from ..models.officers import Officer
from ..services.officers import officer_can_be_assigned
from ..tables.officers import OfficerTable, validity_text


@register_model_view(Officer, "list")
class OfficerListView(ObjectListView):
    queryset = Officer.objects.select_related("user", "unit")
    filterset = OfficerFilterSet
    table = OfficerTable


@register_model_view(Officer, "detail")
class OfficerDetailView(ObjectDetailView):
    """The certificate, whether its holder may handle enforcement work today, and its reminders."""

    queryset = Officer.objects.select_related("user", "unit", "created_by")
    template_name = "basedata/officers/officer_detail.html"
    fields = ("user", "certificate_number", "issuing_authority", "issued_on", "expires_on", "status",
              "note", "created_at", "updated_at", "created_by")

    def get_extra_context(self, obj) -> dict:
        assignable, reason = officer_can_be_assigned(obj)
        return {
            "assignable": assignable,
            "reason": reason,
            "validity": validity_text(obj),
            "category_labels": obj.category_labels(),
            "reminders": obj.reminders.order_by("-sent_on")[:10],
        }


@register_model_view(Officer, "add")
@register_model_view(Officer, "edit")
class OfficerEditView(ObjectEditView):
    queryset = Officer.objects.select_related("user")
    form = OfficerForm


@register_model_view(Officer, "delete")
class OfficerDeleteView(ObjectDeleteView):
    queryset = Officer.objects.select_related("user")


@register_model_view(Officer, "bulk_edit")
class OfficerBulkEditView(BulkEditView):
    queryset = Officer.objects.select_related("user")
    form = OfficerBulkEditForm


@register_model_view(Officer, "bulk_delete")
class OfficerBulkDeleteView(BulkDeleteView):
    queryset = Officer.objects.select_related("user")


@register_model_view(Officer, "export")
class OfficerExportView(ObjectExportView):
    list_view = OfficerListView


@register_model_view(Officer, "import")
class OfficerImportView(ObjectImportView):
    queryset = Officer.objects.all()
    form = OfficerImportForm
