"""Form of the 缺项 rules' generic screens (系统管理 → 缺项规则)."""

from zhifa.core.forms import ZhifaModelForm

from ..models import StageRequirementRule


class StageRequirementRuleForm(ZhifaModelForm):
    class Meta:
        model = StageRequirementRule
        fields = ("stage", "procedure", "requirement", "target", "label", "colour", "active")
