"""Filters of the discretion standards, shared by the page and the API."""

from __future__ import annotations

from zhifa.core.filtersets import ZhifaFilterSet

from ..models.discretion import DiscretionStandard


class DiscretionStandardFilterSet(ZhifaFilterSet):
    """Discretion standards by title or power, status, power and unit."""

    search_fields = ("title", "power__code", "power__name")
    form_fields = ("q", "status", "power_id", "unit_id")

    class Meta:
        model = DiscretionStandard
        fields = ["status"]
