"""Read-only API of the laws library; ``GET /api/basedata/articles/?q=罚款`` is ranked full-text search."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema

from zhifa.core.api.views import ZhifaReadOnlyModelViewSet

from ..filtersets import ArticleFilterSet, LawFilterSet
from ..laws.selectors import ArticleSearchResults
from ..models import Article, Law
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
