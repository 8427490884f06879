"""API of the officer records: ``/api/basedata/officers/``."""

from __future__ import annotations

from rest_framework import serializers

from zhifa.core.api.serializers import ZhifaModelSerializer
from zhifa.core.api.views import ZhifaModelViewSet
from zhifa.org.choices import Sector

from ..forms.officers import OfficerWrites  # noqa: F401  (registers the service the viewset writes through)
from ..models.officers import Officer, category_list
from ..officers.filtersets import OfficerFilterSet
from ..services.officers import officer_can_be_assigned


class CategoryListField(serializers.MultipleChoiceField):
    """The certificate's categories as a JSON list of sector codes (``["market_regulation"]``)."""

    def __init__(self, **kwargs):
        super().__init__(choices=Sector.choices, **kwargs)

    def to_representation(self, value):
        return category_list(value)

    def to_internal_value(self, data):
        chosen = super().to_internal_value(data)
        return ",".join(code for code in Sector.values if code in chosen)


class OfficerSerializer(ZhifaModelSerializer):
    """An officer's certificate; ``assignable`` and ``reason`` answer whether they may handle work today."""

    categories = CategoryListField(label="执法类别", required=False)
    unit = serializers.PrimaryKeyRelatedField(read_only=True, label="所属单位")
    assignable = serializers.SerializerMethodField(label="今日可承办")
    reason = serializers.SerializerMethodField(label="说明")

    class Meta:
        model = Officer
        fields = ("id", "display", "user", "unit", "certificate_number", "categories", "issuing_authority",
                  "issued_on", "expires_on", "status", "note", "assignable", "reason")

    def get_assignable(self, obj) -> bool:
        return officer_can_be_assigned(obj)[0]

    def get_reason(self, obj) -> str:
        return officer_can_be_assigned(obj)[1]


class OfficerViewSet(ZhifaModelViewSet):
    queryset = Officer.objects.select_related("user", "unit")
    serializer_class = OfficerSerializer
    filterset_class = OfficerFilterSet
