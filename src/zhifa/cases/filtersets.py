"""Filters of the case list (shared by the page, the export and the API) and of the 缺项 rules."""

from __future__ import annotations

import django_filters
from django.db import connections
from django.db.models import Exists, OuterRef
from django.db.models.lookups import In

from zhifa.basedata.models.objects import VIEW_PERSONAL_DATA
from zhifa.basedata.models.officers import Officer
from zhifa.core import search_grams
from zhifa.core.filtersets import ZhifaFilterSet
from zhifa.core.probing import probed_pk
from zhifa.org.models import Unit

from zhifa.workflow.requirements import Stage

from .choices import CaseSource, CaseStatus, ProcedureKind
from .execution_choices import RequirementKind, WarningColour
from .forms.pickers import ON_DEMAND_FILTERS, ChosenKeysField, pick_on_demand
from .listing import STAGE_CHOICES, in_stages
from .models import Case, CaseOfficer, CaseParty, StageRequirementRule
from .services.warnings import filter_warning_colour


def _party(**lookups):
    """Cases with a party matching ``lookups`` on the inspected object (a semi-join, no duplicates)."""
    prefixed = {f"inspected_object__{name}": value for name, value in lookups.items()}
    return Exists(CaseParty.objects.filter(case_id=OuterRef("pk"), **prefixed))


class CaseFilterSet(ZhifaFilterSet):
    """Cases by number, cause, party name or 统一社会信用代码 (``q``), party identifiers, stage, officer, unit,
    立案日期, type, status and the colour of their worst open warning.

    The party's 身份证号 filter is offered only to users who may read ID numbers, so that nobody
    else can probe for one.
    """

    search_fields = ("search_text",)  # number, cause, parties' names and codes (zhifa.cases.search_text)
    form_fields = ("q", "party_name", "party_credit_code", "party_id_number", "stage", "officer_id", "unit_id",
                   "filed_after", "filed_before", "procedure_type", "source", "status", "warning_colour")

    party_name = django_filters.CharFilter(method="filter_party_name", label="当事人名称")
    party_credit_code = django_filters.CharFilter(method="filter_party_credit_code", label="统一社会信用代码")
    party_id_number = django_filters.CharFilter(method="filter_party_id_number", label="当事人身份证号")
    stage = django_filters.MultipleChoiceFilter(choices=STAGE_CHOICES, method="filter_stage", label="办理环节")
    officer_id = django_filters.ModelMultipleChoiceFilter(
        queryset=Officer.objects.select_related("user"), method="filter_officer", label="办案人员"
    )
    unit_id = django_filters.ModelMultipleChoiceFilter(field_name="unit", queryset=Unit.objects.all(), label="办案单位")
    filed_after = django_filters.DateFilter(field_name="filed_on", lookup_expr="gte", label="立案日期（起）")
    filed_before = django_filters.DateFilter(field_name="filed_on", lookup_expr="lte", label="立案日期（止）")
    procedure_type = django_filters.ChoiceFilter(choices=ProcedureKind.choices, label="程序类型")
    source = django_filters.ChoiceFilter(choices=CaseSource.choices, label="案件来源")
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label="状态")
    warning_colour = django_filters.ChoiceFilter(
        choices=[*WarningColour.choices, ("none", "无预警")], method="filter_warning_colour", label="预警"
    )

    class Meta:
        model = Case
        fields = ["procedure_type", "source", "status"]

    @classmethod
    def get_filters(cls):
        """The filters; the on-demand ones check their chosen keys through ``ChosenKeysField``."""
        filters = super().get_filters()
        for name in ON_DEMAND_FILTERS:
            filters[name].field_class = ChosenKeysField
        return filters

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is None or not user.has_perm(VIEW_PERSONAL_DATA):
            self.filters.pop("party_id_number", None)

    @property
    def form(self):
        """The filter form, with the officers and units picked on demand (``forms.pickers``)."""
        if not hasattr(self, "_form"):
            pick_on_demand(super().form, getattr(self.request, "user", None))
        return self._form

    def ui_field_names(self) -> list[str]:
        return [name for name in super().ui_field_names() if name in self.filters]

    def filter_party_name(self, queryset, name, value):
        """Cases with a party whose name contains the text: narrowed first by the gram index of the search
        text (which holds every party's name), then checked against the parties themselves."""
        value = (value or "").strip()
        return search_grams.narrowed(queryset, [value]).filter(_party(name__icontains=value)) if value else queryset

    def filter_party_credit_code(self, queryset, name, value):
        value = (value or "").strip().upper()
        return queryset.filter(_party(credit_code=value)) if value else queryset

    def filter_party_id_number(self, queryset, name, value):
        value = (value or "").strip().upper()
        return queryset.filter(_party(id_number=value)) if value else queryset

    def filter_warning_colour(self, queryset, name, value):
        """Cases whose worst open warning has the colour (``none``: no open warning)."""
        return filter_warning_colour(queryset, value) if value else queryset

    def filter_stage(self, queryset, name, value):
        return in_stages(queryset, list(value))

    def filter_officer(self, queryset, name, value):
        """Cases of the chosen officers: a semi-join on PostgreSQL; on SQLite their cases' keys probed while the
        scope's index is walked (``core.probing``: a correlated ``EXISTS`` cost one sub-query per case of the
        agency for the count)."""
        if not value:
            return queryset
        if connections[queryset.db].vendor == "sqlite":
            cases = CaseOfficer.objects.filter(officer__in=list(value)).order_by().values("case_id")
            return queryset.filter(In(probed_pk(Case), cases))
        officers = CaseOfficer.objects.filter(case_id=OuterRef("pk"), officer__in=list(value))
        return queryset.filter(Exists(officers))


class StageRequirementRuleFilterSet(ZhifaFilterSet):
    search_fields = ("label", "target")
    form_fields = ("q", "stage", "requirement")

    stage = django_filters.ChoiceFilter(choices=Stage.choices, label="环节")
    requirement = django_filters.ChoiceFilter(choices=RequirementKind.choices, label="要求")

    class Meta:
        model = StageRequirementRule
        fields = ["stage", "requirement"]
