"""Filters of the power list, shared by the page and the API: code, name, type, subject."""

from __future__ import annotations

from zhifa.core.filtersets import ZhifaFilterSet

from ..models.powers import Power


class PowerFilterSet(ZhifaFilterSet):
    """Powers by code or name (搜索), type, maintaining unit and subject."""

    search_fields = ("code", "name")
    form_fields = ("q", "kind", "unit_id", "subjects_id", "is_active")

    class Meta:
        model = Power
        fields = ["kind", "is_active"]
