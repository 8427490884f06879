"""The generic screens of the 缺项 rules: list, detail, add, edit, delete, bulk delete, export."""

from zhifa.core.views.generic import (
    BulkDeleteView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectExportView,
    ObjectListView,
    register_model_view,
)

from ..models import StageRequirementRule
from ..filtersets import StageRequirementRuleFilterSet
from ..forms.warnings import StageRequirementRuleForm
from ..tables import StageRequirementRuleTable


@register_model_view(StageRequirementRule, "list")
class StageRequirementRuleListView(ObjectListView):
    queryset = StageRequirementRule.objects.all()
    filterset = StageRequirementRuleFilterSet
    table = StageRequirementRuleTable


@register_model_view(StageRequirementRule, "detail")
class StageRequirementRuleDetailView(ObjectDetailView):
    queryset = StageRequirementRule.objects.select_related("created_by")


@register_model_view(StageRequirementRule, "add")
@register_model_view(StageRequirementRule, "edit")
class StageRequirementRuleEditView(ObjectEditView):
    queryset = StageRequirementRule.objects.all()
    form = StageRequirementRuleForm


@register_model_view(StageRequirementRule, "delete")
class StageRequirementRuleDeleteView(ObjectDeleteView):
    queryset = StageRequirementRule.objects.all()


@register_model_view(StageRequirementRule, "export")
class StageRequirementRuleExportView(ObjectExportView):
    list_view = StageRequirementRuleListView


@register_model_view(StageRequirementRule, "bulk_delete")
class StageRequirementRuleBulkDeleteView(BulkDeleteView):
    queryset = StageRequirementRule.objects.all()
