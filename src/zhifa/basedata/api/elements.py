"""API of the enforcement elements: ``/api/basedata/phrases/``, ``checkmodules/``, ``checkitems/``, ``checklists/``."""

from __future__ import annotations

from zhifa.core.api.serializers import ZhifaModelSerializer
from zhifa.core.api.views import ZhifaModelViewSet

from ..elements.filtersets import CheckItemFilterSet, ChecklistFilterSet, CheckModuleFilterSet, PhraseFilterSet
from ..models.elements import CheckItem, Checklist, CheckModule, Phrase


class PhraseSerializer(ZhifaModelSerializer):
    class Meta:
        model = Phrase
        fields = ("id", "display", "unit", "field_key", "text", "order")


class CheckModuleSerializer(ZhifaModelSerializer):
    class Meta:
        model = CheckModule
        fields = ("id", "display", "unit", "name", "sector")


class CheckItemSerializer(ZhifaModelSerializer):
    class Meta:
        model = CheckItem
        fields = ("id", "display", "module", "content", "basis_article", "answer_type", "photo_required", "order")


class ChecklistSerializer(ZhifaModelSerializer):
    class Meta:
        model = Checklist
        fields = ("id", "display", "unit", "name", "sector", "items")


class PhraseViewSet(ZhifaModelViewSet):
    queryset = Phrase.objects.select_related("unit")
    serializer_class = PhraseSerializer
    filterset_class = PhraseFilterSet


class CheckModuleViewSet(ZhifaModelViewSet):
    queryset = CheckModule.objects.select_related("unit")
    serializer_class = CheckModuleSerializer
    filterset_class = CheckModuleFilterSet


class CheckItemViewSet(ZhifaModelViewSet):
    queryset = CheckItem.objects.select_related("module")
    serializer_class = CheckItemSerializer
    filterset_class = CheckItemFilterSet


class ChecklistViewSet(ZhifaModelViewSet):
    queryset = Checklist.objects.select_related("unit").prefetch_related("items")
    serializer_class = ChecklistSerializer
    filterset_class = ChecklistFilterSet
