"""Viewsets of the base-data API; ``GET /api/basedata/articles/?q=罚款`` is ranked full-text search."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema

from zhifa.core.api.views import ZhifaModelViewSet, ZhifaReadOnlyModelViewSet

from ..filtersets.discretion import DiscretionStandardFilterSet
from ..filtersets.elements import CheckItemFilterSet, ChecklistFilterSet, CheckModuleFilterSet, PhraseFilterSet
from ..filtersets.laws import ArticleFilterSet, LawFilterSet
from ..filtersets.objects import InspectedObjectFilterSet
from ..filtersets.officers import OfficerFilterSet
from ..filtersets.powers import PowerFilterSet
from ..forms import objects, officers, powers  # noqa: F401  (registers the services the viewsets write through)
from ..models import (
    Article,
    CheckItem,
    Checklist,
    CheckModule,
    DiscretionStandard,
    InspectedObject,
    Law,
    Officer,
    Phrase,
    Power,
)
from ..selectors.laws import ArticleSearchResults
from . import serializers


class LawViewSet(ZhifaReadOnlyModelViewSet):
    """Law versions; filters ``q`` (name), ``level``, ``validity``."""

    queryset = Law.objects.all()
    serializer_class = serializers.LawSerializer
    filterset_class = LawFilterSet


class ArticleViewSet(ZhifaReadOnlyModelViewSet):
    """Articles; with ``q`` the list is the ranked search result with highlighted snippets."""

    queryset = Article.objects.select_related("law")
    serializer_class = serializers.ArticleSerializer
    filterset_class = ArticleFilterSet

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="检索词，空格分隔多个词（均须出现），如“罚款 当场”")],
        responses=PolymorphicProxySerializer(
            component_name="ArticleListItem",
            serializers=[serializers.ArticleSerializer, serializers.ArticleHitSerializer],
            resource_type_field_name=None,
            many=True,
        ),
        description="不带 q 时按法规与条文顺序列出；带 q 时按相关度排序，每项含 article、score 与 snippet。",
    )
    def list(self, request, *args, **kwargs):
        query = request.query_params.get("q", "").strip()
        if not query:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(ArticleSearchResults(query, queryset))
        data = serializers.ArticleHitSerializer(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)


class PowerViewSet(ZhifaModelViewSet):
    queryset = Power.objects.select_related("unit").prefetch_related("basis", "subjects", "citations__article")
    serializer_class = serializers.PowerSerializer
    filterset_class = PowerFilterSet


class DiscretionStandardViewSet(ZhifaReadOnlyModelViewSet):
    queryset = DiscretionStandard.objects.select_related("power", "unit").prefetch_related("levels")
    serializer_class = serializers.DiscretionStandardSerializer
    filterset_class = DiscretionStandardFilterSet


class OfficerViewSet(ZhifaModelViewSet):
    queryset = Officer.objects.select_related("user", "unit")
    serializer_class = serializers.OfficerSerializer
    filterset_class = OfficerFilterSet


class InspectedObjectViewSet(ZhifaModelViewSet):
    queryset = InspectedObject.objects.select_related("region", "unit")
    serializer_class = serializers.InspectedObjectSerializer
    filterset_class = InspectedObjectFilterSet


class PhraseViewSet(ZhifaModelViewSet):
    queryset = Phrase.objects.select_related("unit")
    serializer_class = serializers.PhraseSerializer
    filterset_class = PhraseFilterSet


class CheckModuleViewSet(ZhifaModelViewSet):
    queryset = CheckModule.objects.select_related("unit")
    serializer_class = serializers.CheckModuleSerializer
    filterset_class = CheckModuleFilterSet


class CheckItemViewSet(ZhifaModelViewSet):
    queryset = CheckItem.objects.select_related("module")
    serializer_class = serializers.CheckItemSerializer
    filterset_class = CheckItemFilterSet


class ChecklistViewSet(ZhifaModelViewSet):
    queryset = Checklist.objects.select_related("unit").prefetch_related("items")
    serializer_class = serializers.ChecklistSerializer
    filterset_class = ChecklistFilterSet
