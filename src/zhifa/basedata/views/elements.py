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

from ..filtersets.elements import CheckItemFilterSet, ChecklistFilterSet, CheckModuleFilterSet, PhraseFilterSet
from ..forms.elements import (
    CheckItemBulkEditForm,
    CheckItemForm,
    CheckItemImportForm,
    ChecklistBulkEditForm,
    ChecklistForm,
    ChecklistImportForm,
    CheckModuleBulkEditForm,
    CheckModuleForm,
    CheckModuleImportForm,
    PhraseBulkEditForm,
    PhraseForm,
    PhraseImportForm,
)
from ..models.elements import AnswerType, CheckItem, Checklist, CheckModule, Phrase
from ..tables.elements import CheckItemTable, ChecklistTable, CheckModuleTable, PhraseTable


# --- Phrase ------------------------------------------------------------------------------------


@register_model_view(Phrase, "list")
class PhraseListView(ObjectListView):
    queryset = Phrase.objects.select_related("unit")
    filterset = PhraseFilterSet
    table = PhraseTable


@register_model_view(Phrase, "detail")
class PhraseDetailView(ObjectDetailView):
    queryset = Phrase.objects.select_related("unit", "created_by")


@register_model_view(Phrase, "add")
@register_model_view(Phrase, "edit")
class PhraseEditView(ObjectEditView):
    queryset = Phrase.objects.all()
    form = PhraseForm


@register_model_view(Phrase, "delete")
class PhraseDeleteView(ObjectDeleteView):
    queryset = Phrase.objects.all()


@register_model_view(Phrase, "bulk_edit")
class PhraseBulkEditView(BulkEditView):
    queryset = Phrase.objects.all()
    form = PhraseBulkEditForm


@register_model_view(Phrase, "bulk_delete")
class PhraseBulkDeleteView(BulkDeleteView):
    queryset = Phrase.objects.all()


@register_model_view(Phrase, "export")
class PhraseExportView(ObjectExportView):
    list_view = PhraseListView


@register_model_view(Phrase, "import")
class PhraseImportView(ObjectImportView):
    queryset = Phrase.objects.all()
    form = PhraseImportForm


# --- CheckModule -------------------------------------------------------------------------------


@register_model_view(CheckModule, "list")
class CheckModuleListView(ObjectListView):
    queryset = CheckModule.objects.select_related("unit")
    filterset = CheckModuleFilterSet
    table = CheckModuleTable


@register_model_view(CheckModule, "detail")
class CheckModuleDetailView(ObjectDetailView):
    """A module with its check items."""

    queryset = CheckModule.objects.select_related("unit", "created_by")
    template_name = "basedata/elements/checkmodule_detail.html"

    def get_extra_context(self, obj) -> dict:
        return {"module_items": list(obj.items.select_related("basis_article", "basis_article__law"))}


@register_model_view(CheckModule, "add")
@register_model_view(CheckModule, "edit")
class CheckModuleEditView(ObjectEditView):
    queryset = CheckModule.objects.all()
    form = CheckModuleForm


@register_model_view(CheckModule, "delete")
class CheckModuleDeleteView(ObjectDeleteView):
    queryset = CheckModule.objects.all()


@register_model_view(CheckModule, "bulk_edit")
class CheckModuleBulkEditView(BulkEditView):
    queryset = CheckModule.objects.all()
    form = CheckModuleBulkEditForm


@register_model_view(CheckModule, "bulk_delete")
class CheckModuleBulkDeleteView(BulkDeleteView):
    queryset = CheckModule.objects.all()


@register_model_view(CheckModule, "export")
class CheckModuleExportView(ObjectExportView):
    list_view = CheckModuleListView


@register_model_view(CheckModule, "import")
class CheckModuleImportView(ObjectImportView):
    queryset = CheckModule.objects.all()
    form = CheckModuleImportForm


# --- CheckItem ---------------------------------------------------------------------------------


@register_model_view(CheckItem, "list")
class CheckItemListView(ObjectListView):
    queryset = CheckItem.objects.select_related("module", "module__unit", "basis_article", "basis_article__law")
    filterset = CheckItemFilterSet
    table = CheckItemTable


@register_model_view(CheckItem, "detail")
class CheckItemDetailView(ObjectDetailView):
    queryset = CheckItem.objects.select_related("module", "module__unit", "basis_article", "basis_article__law", "created_by")


@register_model_view(CheckItem, "add")
@register_model_view(CheckItem, "edit")
class CheckItemEditView(ObjectEditView):
    queryset = CheckItem.objects.all()
    form = CheckItemForm


@register_model_view(CheckItem, "delete")
class CheckItemDeleteView(ObjectDeleteView):
    queryset = CheckItem.objects.all()


@register_model_view(CheckItem, "bulk_edit")
class CheckItemBulkEditView(BulkEditView):
    queryset = CheckItem.objects.all()
    form = CheckItemBulkEditForm


@register_model_view(CheckItem, "bulk_delete")
class CheckItemBulkDeleteView(BulkDeleteView):
    queryset = CheckItem.objects.all()


@register_model_view(CheckItem, "export")
class CheckItemExportView(ObjectExportView):
    list_view = CheckItemListView


@register_model_view(CheckItem, "import")
class CheckItemImportView(ObjectImportView):
    queryset = CheckItem.objects.all()
    form = CheckItemImportForm


# --- Checklist ---------------------------------------------------------------------------------


@register_model_view(Checklist, "list")
class ChecklistListView(ObjectListView):
    queryset = Checklist.objects.select_related("unit")
    filterset = ChecklistFilterSet
    table = ChecklistTable


@register_model_view(Checklist, "detail")
class ChecklistDetailView(ObjectDetailView):
    """The checklist as an officer would fill it in on site, shown read-only."""

    queryset = Checklist.objects.select_related("unit", "created_by")
    template_name = "basedata/elements/checklist_detail.html"
    fields = ("name", "sector", "unit", "created_at", "updated_at", "created_by")

    def get_extra_context(self, obj) -> dict:
        return {"checklist_items": list(obj.ordered_items()), "answer_types": AnswerType}


@register_model_view(Checklist, "add")
@register_model_view(Checklist, "edit")
class ChecklistEditView(ObjectEditView):
    queryset = Checklist.objects.all()
    form = ChecklistForm


@register_model_view(Checklist, "delete")
class ChecklistDeleteView(ObjectDeleteView):
    queryset = Checklist.objects.all()


@register_model_view(Checklist, "bulk_edit")
class ChecklistBulkEditView(BulkEditView):
    queryset = Checklist.objects.all()
    form = ChecklistBulkEditForm


@register_model_view(Checklist, "bulk_delete")
class ChecklistBulkDeleteView(BulkDeleteView):
    queryset = Checklist.objects.all()


@register_model_view(Checklist, "export")
class ChecklistExportView(ObjectExportView):
    list_view = ChecklistListView


@register_model_view(Checklist, "import")
class ChecklistImportView(ObjectImportView):
    queryset = Checklist.objects.all()
    form = ChecklistImportForm
