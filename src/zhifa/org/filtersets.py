"""Filters of the organisation lists, shared by the UI and the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from zhifa.core.filtersets import ZhifaFilterSet
from zhifa.core.forms import YES_NO_ALL

from .models import Region, Role, ScopeGrant, Unit, User


def yes_no_filter(label: str) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(label=label, widget=forms.Select(choices=YES_NO_ALL))


def _under_any(field: str, objects) -> Q:
    """Rows whose ``field`` path starts with the path of any of ``objects`` (tree-aware filter)."""
    condition = Q(pk__in=[])
    for obj in objects:
        condition |= Q(**{f"{field}__startswith": obj.path})
    return condition


class RegionFilterSet(ZhifaFilterSet):
    search_fields = ("name", "code")
    form_fields = ("q", "level", "parent_id")

    class Meta:
        model = Region
        fields = ["level"]


class UnitFilterSet(ZhifaFilterSet):
    """Units by text, kind, level, sector and activity; region and ancestor filters include everything below."""

    search_fields = ("name", "short_name", "credit_code", "number_prefix")
    form_fields = ("q", "region_id", "kind", "level", "sector", "is_active")

    region_id = django_filters.ModelMultipleChoiceFilter(
        queryset=Region.objects.all(), method="filter_region", label="所在区划（含下级）"
    )
    ancestor_id = django_filters.ModelMultipleChoiceFilter(
        queryset=Unit.objects.all(), field_name="parent", method="filter_ancestor", label="上级单位（含下级）"
    )
    is_active = yes_no_filter("启用")

    class Meta:
        model = Unit
        fields = ["kind", "level", "sector", "is_active"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(_under_any("region__path", value)) if value else queryset

    def filter_ancestor(self, queryset, name, value):
        return queryset.filter(_under_any("path", value)).exclude(pk__in=[u.pk for u in value]) if value else queryset


class UserFilterSet(ZhifaFilterSet):
    search_fields = ("username", "display_name", "phone", "title")
    form_fields = ("q", "unit_id", "roles_id", "is_active")

    is_active = yes_no_filter("启用")

    class Meta:
        model = User
        fields = ["is_active"]


class RoleFilterSet(ZhifaFilterSet):
    search_fields = ("code", "name", "description")
    form_fields = ("q", "data_scope", "requires_2fa")

    requires_2fa = yes_no_filter("需要动态口令")

    class Meta:
        model = Role
        fields = ["data_scope", "requires_2fa"]


class ScopeGrantFilterSet(ZhifaFilterSet):
    search_fields = ("reason", "grantee__username", "grantee__display_name")
    form_fields = ("q", "grantee_id", "unit_id", "region_id")

    class Meta:
        model = ScopeGrant
        fields = []
