"""Screens of the inspection objects (检查对象库): generic list/detail/edit/import/export, type-ahead
search and the city-wide / per-sector overview."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.template.response import TemplateResponse

from zhifa.core.imports import HEADER_ROW, RowError
from zhifa.core.views.generic import (
    BulkDeleteView,
    BulkEditView,
    GenericView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectExportView,
    ObjectImportView,
    ObjectListView,
    register_model_view,
)

from ..filtersets.objects import InspectedObjectFilterSet
from ..forms.objects import InspectedObjectBulkEditForm, InspectedObjectForm
from ..models.objects import InspectedObject, ObjectKind
from ..selectors.objects import object_overview, search_objects
from ..services.object_import import COLUMNS, ObjectImportOutcome, import_objects
from ..tables.objects import InspectedObjectTable

MSG_NO_UNIT = "您的账号没有所属单位，无法导入检查对象"

ORGANISATION_FIELDS = (
    "kind", "name", "credit_code", "legal_representative", "registration_authority", "established_on",
    "registered_address", "business_address", "longitude", "latitude", "industry_code", "status", "contact_person",
    "phone", "sector", "region", "unit", "created_at", "updated_at", "created_by",
)
INDIVIDUAL_FIELDS = (
    "kind", "name", "id_number", "registered_address", "business_address", "longitude", "latitude", "phone",
    "sector", "region", "unit", "created_at", "updated_at", "created_by",
)
RELATED = ("region", "unit")


@register_model_view(InspectedObject, "list")
class InspectedObjectListView(ObjectListView):
    """The object list with a type-ahead search box and a link to the overview."""

    queryset = InspectedObject.objects.select_related(*RELATED)
    filterset = InspectedObjectFilterSet
    table = InspectedObjectTable
    template_name = "basedata/objects/object_list.html"


@register_model_view(InspectedObject, "detail")
class InspectedObjectDetailView(ObjectDetailView):
    """An object's registration data (rows by kind) and its inspection, case and complaint counts."""

    queryset = InspectedObject.objects.select_related(*RELATED, "created_by")
    template_name = "basedata/objects/object_detail.html"

    def get_object(self):
        obj = super().get_object()
        self.fields = INDIVIDUAL_FIELDS if obj.kind == ObjectKind.INDIVIDUAL else ORGANISATION_FIELDS
        return obj


@register_model_view(InspectedObject, "add")
@register_model_view(InspectedObject, "edit")
class InspectedObjectEditView(ObjectEditView):
    queryset = InspectedObject.objects.select_related(*RELATED)
    form = InspectedObjectForm


@register_model_view(InspectedObject, "delete")
class InspectedObjectDeleteView(ObjectDeleteView):
    queryset = InspectedObject.objects.all()


@register_model_view(InspectedObject, "bulk_edit")
class InspectedObjectBulkEditView(BulkEditView):
    queryset = InspectedObject.objects.all()
    form = InspectedObjectBulkEditForm


@register_model_view(InspectedObject, "bulk_delete")
class InspectedObjectBulkDeleteView(BulkDeleteView):
    queryset = InspectedObject.objects.all()


@register_model_view(InspectedObject, "export")
class InspectedObjectExportView(ObjectExportView):
    list_view = InspectedObjectListView


@register_model_view(InspectedObject, "import")
class InspectedObjectImportView(ObjectImportView):
    """The generic upload → check → confirm page, running the bulk importer instead of one form per row.

    New objects belong to the importing user's unit; a row matching an object the user may not
    change is reported, not imported.
    """

    queryset = InspectedObject.objects.all()

    def columns(self) -> list[dict]:
        return [{"name": c.field, "label": c.label, "required": c.required, "help": c.help} for c in COLUMNS]

    def run(self, entry: dict, *, commit: bool):
        user = self.request.user
        if user.unit_id is None:
            return ObjectImportOutcome(errors=[RowError(HEADER_ROW, "", MSG_NO_UNIT)])
        with default_storage.open(entry["name"], "rb") as handle:
            return import_objects(handle=handle, filename=entry["filename"], unit=user.unit, user=user, commit=commit,
                                  audit=False)


class InspectedObjectSearchView(GenericView):
    """Type-ahead (htmx): the objects matching ``q`` while it is typed, as a list of links."""

    queryset = InspectedObject.objects.all()
    template_name = "basedata/objects/_search_results.html"

    def get(self, request, *args, **kwargs):
        query = request.GET.get("q", "")
        results = search_objects(request.user, query)
        return TemplateResponse(request, self.template_name, {"results": results, "query": query.strip()})


class InspectedObjectOverviewView(GenericView):
    """City-wide and per-sector view: counts by district × sector, by kind and by status."""

    queryset = InspectedObject.objects.all()
    template_name = "basedata/objects/overview.html"

    def get(self, request, *args, **kwargs):
        context = {**self.base_context(), "overview": object_overview(request.user)}
        return TemplateResponse(request, self.template_name, context)
