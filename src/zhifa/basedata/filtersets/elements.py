"""Filters of the element lists, shared by the pages and the API."""

from __future__ import annotations

import django_filters

from zhifa.core.filtersets import ZhifaFilterSet
from zhifa.org.choices import Sector

from ..models.elements import AnswerType, CheckItem, Checklist, CheckModule, DocumentField, Phrase


class PhraseFilterSet(ZhifaFilterSet):
    search_fields = ("text",)
    form_fields = ("q", "field_key", "unit_id")

    field_key = django_filters.ChoiceFilter(choices=DocumentField.choices, label="文书栏目")

    class Meta:
        model = Phrase
        fields = ["field_key"]


class CheckModuleFilterSet(ZhifaFilterSet):
    search_fields = ("name",)
    form_fields = ("q", "sector", "unit_id")

    sector = django_filters.ChoiceFilter(choices=Sector.choices, label="执法领域")

    class Meta:
        model = CheckModule
        fields = ["sector"]


class CheckItemFilterSet(ZhifaFilterSet):
    search_fields = ("content", "module__name")
    form_fields = ("q", "module_id", "answer_type")

    answer_type = django_filters.ChoiceFilter(choices=AnswerType.choices, label="答题方式")

    class Meta:
        model = CheckItem
        fields = ["answer_type"]


class ChecklistFilterSet(ZhifaFilterSet):
    search_fields = ("name",)
    form_fields = ("q", "sector", "unit_id")

    sector = django_filters.ChoiceFilter(choices=Sector.choices, label="执法领域")

    class Meta:
        model = Checklist
        fields = ["sector"]
