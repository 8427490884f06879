"""Tables of the case list (number or cause until 立案, parties, stage, officers, unit, dates, status) and of the 缺项 rules."""

from __future__ import annotations

import datetime as dt
from html import escape as html_escape

import django_tables2 as tables
from django.utils import timezone

from zhifa.core.cells import date_text
from zhifa.core.tables import ZhifaTable

from .listing import OFFICER_NAMES, attach_stages, officer_names_of, unit_names, with_officer_names
from .models import Case, StageRequirementRule
from .warning_rules import target_label

NOT_FILED = "（未立案）"
NO_VALUE = "—"


def short_date(value) -> str:
    """A date, or a time in the local zone, in the short format a date column shows; "—" when empty."""
    if value is None:
        return NO_VALUE
    if isinstance(value, dt.datetime):
        return date_text(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    return date_text(value, "SHORT_DATE_FORMAT")


class TextColumn(tables.Column):
    """A column whose text comes from ``text(case)`` and that writes its own cell (``ZhifaTable.body_html``'s
    direct path: no template, no django-tables2 cell machinery), linked to the case page when ``to_case``."""

    def __init__(self, text, *, to_case: bool = False, **kwargs):
        kwargs.setdefault("empty_values", ())
        super().__init__(**kwargs)
        self.text = text
        self.to_case = to_case

    def cell_html(self, record) -> str:
        text = html_escape(self.text(record))
        if self.to_case:
            return f'<a href="{html_escape(getattr(record, "list_url", None) or record.get_absolute_url())}">{text}</a>'
        return text

    def render(self, record):
        return self.cell_html(record)

    def value(self, record, **kwargs):
        return self.text(record)


class CaseTable(ZhifaTable):
    """The case list; the parties' and officers' names come with the rows (``listing.for_list``), the stage of
    the page's cases after paging in one query (``attach_stages``), the units' names from the process's map
    (``listing.unit_names``)."""

    number = TextColumn(lambda case: case.number or NOT_FILED, to_case=True, verbose_name="案件编号")
    cause = TextColumn(lambda case: case.cause, to_case=True, verbose_name="案由")
    parties = TextColumn(lambda case: case.party_names, verbose_name="当事人", orderable=False)
    stage = TextColumn(lambda case: case.stage_name or NO_VALUE, verbose_name="办理环节", orderable=False)
    lead = TextColumn(lambda case: case.lead_names, verbose_name="主办人员", orderable=False)
    officers = TextColumn(officer_names_of, verbose_name="办案人员", orderable=False)
    unit = TextColumn(lambda case: unit_names().get(case.unit_id, ""), order_by=("unit__name",))
    filed_on = TextColumn(lambda case: short_date(case.filed_on))
    decided_on = TextColumn(lambda case: short_date(case.decided_on))
    created_at = TextColumn(lambda case: short_date(case.created_at))

    class Meta(ZhifaTable.Meta):
        model = Case
        fields = ("pk", "number", "cause", "parties", "procedure_type", "source", "stage", "lead", "officers",
                  "unit", "fine_amount", "filed_on", "decided_on", "status", "created_at")
        default_columns = ("number", "cause", "parties", "procedure_type", "stage", "lead", "unit", "filed_on",
                           "status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = unit_names()  # read once for the table's rows (the column's own text reads them per row)
        self.columns["unit"].column.text = lambda case: names.get(case.unit_id, "")

    def paginate_by_keys(self, **kwargs) -> None:
        """Page as every list does, reading with the rows every officer's name when the 办案人员 column is shown,
        then read the page's stages in one query and set each case's address."""
        shows_officers = "officers" in {column.name for column in self.columns}
        if self.rows is not None and shows_officers and OFFICER_NAMES not in self.rows.query.annotations:
            self.rows = with_officer_names(self.rows)
        super().paginate_by_keys(**kwargs)
        cases = [row.record for row in self.page.object_list]
        attach_stages(cases)
        for case in cases:
            case.list_url = case.get_absolute_url()


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
