"""API of the inspection objects: ``/api/basedata/objects/`` (身份证号 and 联系电话 masked by the base serializer)."""

from __future__ import annotations

from zhifa.core.api.serializers import ZhifaModelSerializer
from zhifa.core.api.views import ZhifaModelViewSet

from ..forms.objects import InspectedObjectWrites  # noqa: F401  (registers the service the viewset writes through)
from ..models.objects import InspectedObject
from ..objects.filtersets import InspectedObjectFilterSet


class InspectedObjectSerializer(ZhifaModelSerializer):
    class Meta:
        model = InspectedObject
        fields = ("id", "display", "kind", "name", "credit_code", "id_number", "legal_representative",
                  "registration_authority", "established_on", "registered_address", "business_address", "longitude",
                  "latitude", "industry_code", "status", "contact_person", "phone", "sector", "region", "unit",
                  "pinyin_initials", "inspections_count", "cases_count", "complaints_count", "created_at",
                  "updated_at")
        read_only_fields = ("pinyin_initials", "inspections_count", "cases_count", "complaints_count", "created_at",
                            "updated_at")


class InspectedObjectViewSet(ZhifaModelViewSet):
    queryset = InspectedObject.objects.select_related("region", "unit")
    serializer_class = InspectedObjectSerializer
    filterset_class = InspectedObjectFilterSet
