"""Filters of the inspection-object list, shared by the page, the export and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from zhifa.core.filtersets import ZhifaFilterSet
from zhifa.org.choices import Sector
from zhifa.org.models import Region

from ..models.objects import InspectedObject, ObjectKind, ObjectStatus
from ..services.object_validation import INDUSTRY_SECTION_NAMES, compact

INDUSTRY_SECTION_CHOICES = list(INDUSTRY_SECTION_NAMES.items())


class InspectedObjectFilterSet(ZhifaFilterSet):
    """Objects by name, credit code or pinyin initials (``q``), kind, status, sector, region, unit, industry.

    ``q`` never searches 身份证号, so that a user who may not read it cannot probe for it either.
    """

    search_fields = ("name", "credit_code", "pinyin_initials", "legal_representative")
    form_fields = ("q", "kind", "status", "sector", "region_id", "unit_id", "industry")

    kind = django_filters.ChoiceFilter(choices=ObjectKind.choices, label="类别")
    status = django_filters.ChoiceFilter(choices=ObjectStatus.choices, label="登记状态")
    sector = django_filters.ChoiceFilter(choices=Sector.choices, label="监管领域")
    region_id = django_filters.ModelMultipleChoiceFilter(
        queryset=Region.objects.all(), method="filter_region", label="所在区划（含下级）"
    )
    industry = django_filters.ChoiceFilter(
        choices=INDUSTRY_SECTION_CHOICES, method="filter_industry", label="行业门类"
    )

    class Meta:
        model = InspectedObject
        fields = ["kind", "status", "sector"]

    def search_condition(self, value: str) -> tuple[Q, list[str]]:
        """Name, legal representative or credit code containing the text, or pinyin initials containing it."""
        condition = Q(name__icontains=value) | Q(legal_representative__icontains=value)
        code = compact(value)
        if code.isalnum() and code.isascii():
            condition |= Q(credit_code__contains=code) | Q(pinyin_initials__contains=code.lower())
            return condition, [value, code]
        return condition, [value]

    def filter_region(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q(pk__in=[])
        for region in value:
            condition |= Q(region__path__startswith=region.path)
        return queryset.filter(condition)

    def filter_industry(self, queryset, name, value):
        return queryset.filter(industry_code__startswith=value) if value else queryset
