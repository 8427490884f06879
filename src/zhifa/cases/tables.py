"""Tables of the case list (number or cause until 立案, parties, stage, officers, unit, dates, status) and of the 缺项 rules."""

from __future__ import annotations

import django_tables2 as tables

from zhifa.core.tables import ZhifaTable

from .choices import OfficerRole
from .models import Case, StageRequirementRule
from .warning_rules import target_label

NOT_FILED = "（未立案）"


def party_names(case: Case) -> str:
    """The parties' names, from the prefetched ``parties``."""
    return "、".join(party.inspected_object.name for party in case.parties.all())


def officer_names(case: Case, role: str | None = None) -> str:
    """The officers' names (主办 first), from the prefetched ``officers``."""
    rows = [row for row in case.officers.all() if role is None or row.role == role]
    return "、".join(row.officer.user.display_name or row.officer.user.username for row in rows)


class CaseTable(ZhifaTable):
    number = tables.Column(linkify=True, verbose_name="案件编号", empty_values=())
    cause = tables.Column(linkify=True)
    parties = tables.Column(verbose_name="当事人", empty_values=(), orderable=False)
    stage = tables.Column(verbose_name="办理环节", accessor="stage_name", empty_values=(), orderable=False)
    lead = tables.Column(verbose_name="主办人员", empty_values=(), orderable=False)
    officers = tables.Column(verbose_name="办案人员", empty_values=(), orderable=False)
    unit = tables.Column(order_by=("unit__name",))

    class Meta(ZhifaTable.Meta):
        model = Case
        fields = ("pk", "number", "cause", "parties", "procedure_type", "source", "stage", "lead", "officers",
                  "unit", "fine_amount", "filed_on", "decided_on", "status", "created_at")
        default_columns = ("number", "cause", "parties", "procedure_type", "stage", "lead", "unit", "filed_on",
                           "status")

    def render_number(self, record):
        return record.number or NOT_FILED

    def value_number(self, record):
        return record.number or NOT_FILED

    def render_parties(self, record):
        return party_names(record)

    def value_parties(self, record):
        return party_names(record)

    def render_stage(self, record):
        return record.stage_name or "—"

    def value_stage(self, record):
        return record.stage_name or ""

    def render_lead(self, record):
        return officer_names(record, OfficerRole.LEAD)

    def value_lead(self, record):
        return officer_names(record, OfficerRole.LEAD)

    def render_officers(self, record):
        return officer_names(record)

    def value_officers(self, record):
        return officer_names(record)


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
