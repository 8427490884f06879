"""Filters, table and form of the 缺项 rules' generic screens (系统管理 → 缺项规则)."""

from __future__ import annotations

import django_filters
import django_tables2 as tables

from zhifa.core.filtersets import ZhifaFilterSet
from zhifa.core.forms import ZhifaModelForm
from zhifa.core.tables import ZhifaTable
from zhifa.workflow.requirements import Stage

from .execution_choices import RequirementKind
from .models import StageRequirementRule
from .warning_rules import target_label


class StageRequirementRuleFilterSet(ZhifaFilterSet):
    search_fields = ("label", "target")
    form_fields = ("q", "stage", "requirement")

    stage = django_filters.ChoiceFilter(choices=Stage.choices, label="环节")
    requirement = django_filters.ChoiceFilter(choices=RequirementKind.choices, label="要求")

    class Meta:
        model = StageRequirementRule
        fields = ["stage", "requirement"]


class StageRequirementRuleTable(ZhifaTable):
    label = tables.Column(linkify=True)

    def render_target(self, record):
        return target_label(record)

    def value_target(self, record):
        return target_label(record)

    class Meta(ZhifaTable.Meta):
        model = StageRequirementRule
        fields = ("pk", "label", "stage", "procedure", "requirement", "target", "colour", "active", "created_at")
        default_columns = ("label", "stage", "procedure", "requirement", "target", "colour", "active")


class StageRequirementRuleForm(ZhifaModelForm):
    class Meta:
        model = StageRequirementRule
        fields = ("stage", "procedure", "requirement", "target", "label", "colour", "active")
