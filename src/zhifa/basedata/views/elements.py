"""Screens of the enforcement elements (执法要素): phrases, check modules, check items and checklists."""

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

from ..elements import filtersets, forms, tables
from ..models.elements import AnswerType, CheckItem, Checklist, CheckModule, Phrase

# (model, related fields every page selects, filterset, table, edit form, bulk form, import form)
SCREENS = (
    (Phrase, ("unit",), filtersets.PhraseFilterSet, tables.PhraseTable, forms.PhraseForm, forms.PhraseBulkEditForm,
     forms.PhraseImportForm),
    (CheckModule, ("unit",), filtersets.CheckModuleFilterSet, tables.CheckModuleTable, forms.CheckModuleForm,
     forms.CheckModuleBulkEditForm, forms.CheckModuleImportForm),
    (CheckItem, ("module", "module__unit", "basis_article", "basis_article__law"), filtersets.CheckItemFilterSet,
     tables.CheckItemTable, forms.CheckItemForm, forms.CheckItemBulkEditForm, forms.CheckItemImportForm),
    (Checklist, ("unit",), filtersets.ChecklistFilterSet, tables.ChecklistTable, forms.ChecklistForm,
     forms.ChecklistBulkEditForm, forms.ChecklistImportForm),
)


class ChecklistDetailView(ObjectDetailView):
    """The checklist as an officer would fill it in on site, shown read-only."""

    template_name = "basedata/elements/checklist_detail.html"
    fields = ("name", "sector", "unit", "created_at", "updated_at", "created_by")

    def get_extra_context(self, obj) -> dict:
        return {"checklist_items": list(obj.ordered_items()), "answer_types": AnswerType}


class CheckModuleDetailView(ObjectDetailView):
    """A module with its check items."""

    template_name = "basedata/elements/checkmodule_detail.html"

    def get_extra_context(self, obj) -> dict:
        return {"module_items": list(obj.items.select_related("basis_article", "basis_article__law"))}


DETAIL_BASES = {Checklist: ChecklistDetailView, CheckModule: CheckModuleDetailView}


def _register(model, related, filterset_class, table_class, form_class, bulk_form_class, import_form_class):
    """Register the generic list/detail/edit/delete/bulk/import/export pages of one element model."""
    name = model.__name__
    queryset = model.objects.select_related(*related)
    list_view = type(f"{name}ListView", (ObjectListView,),
                     {"queryset": queryset, "filterset": filterset_class, "table": table_class})
    views = {
        "list": list_view,
        "detail": type(f"{name}DetailView", (DETAIL_BASES.get(model, ObjectDetailView),),
                       {"queryset": queryset.select_related("created_by")}),
        "edit": type(f"{name}EditView", (ObjectEditView,), {"queryset": model.objects.all(), "form": form_class}),
        "delete": type(f"{name}DeleteView", (ObjectDeleteView,), {"queryset": model.objects.all()}),
        "bulk_edit": type(f"{name}BulkEditView", (BulkEditView,),
                          {"queryset": model.objects.all(), "form": bulk_form_class}),
        "bulk_delete": type(f"{name}BulkDeleteView", (BulkDeleteView,), {"queryset": model.objects.all()}),
        "export": type(f"{name}ExportView", (ObjectExportView,), {"list_view": list_view}),
        "import": type(f"{name}ImportView", (ObjectImportView,),
                       {"queryset": model.objects.all(), "form": import_form_class}),
    }
    views["add"] = views["edit"]
    for action, view in views.items():
        view.__module__ = __name__
        register_model_view(model, action)(view)
    return views


REGISTERED = {screen[0]: _register(*screen) for screen in SCREENS}
