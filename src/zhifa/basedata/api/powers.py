"""API of the power list and discretion standards: ``/api/basedata/powers/``, ``/api/basedata/discretion-standards/``."""

from __future__ import annotations

from rest_framework import serializers

from zhifa.core.api.serializers import ZhifaModelSerializer
from zhifa.core.api.views import ZhifaModelViewSet, ZhifaReadOnlyModelViewSet

from ..models.discretion import DiscretionLevel, DiscretionStandard
from ..models.powers import Power
from ..powers.filtersets import DiscretionStandardFilterSet, PowerFilterSet
from ..powers.forms import PowerWrites  # noqa: F401  (registers the service the viewset writes through)


class PowerSerializer(ZhifaModelSerializer):
    """A power with its basis articles and subjects (IDs); writes need ``change_reason`` on update."""

    change_reason = serializers.CharField(label="变更原因", required=False, write_only=True)

    class Meta:
        model = Power
        fields = ("id", "display", "code", "name", "kind", "basis", "subjects", "time_limit_days", "unit",
                  "is_active", "version", "change_reason")
        read_only_fields = ("version",)


class PowerViewSet(ZhifaModelViewSet):
    queryset = Power.objects.select_related("unit").prefetch_related("basis", "subjects")
    serializer_class = PowerSerializer
    filterset_class = PowerFilterSet


class DiscretionLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = DiscretionLevel
        fields = ("order", "circumstance", "condition", "penalty_kinds", "fine_min", "fine_max", "multiple_min",
                  "multiple_max", "multiple_base", "description", "aggravating", "mitigating")


class DiscretionStandardSerializer(ZhifaModelSerializer):
    """A discretion standard with its levels (read only: changes go through the review screens)."""

    levels = DiscretionLevelSerializer(many=True, read_only=True)

    class Meta:
        model = DiscretionStandard
        fields = ("id", "display", "power", "unit", "parent", "title", "status", "version", "reject_reason",
                  "published_at", "levels")


class DiscretionStandardViewSet(ZhifaReadOnlyModelViewSet):
    queryset = DiscretionStandard.objects.select_related("power", "unit").prefetch_related("levels")
    serializer_class = DiscretionStandardSerializer
    filterset_class = DiscretionStandardFilterSet
