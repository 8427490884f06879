"""Serializers of the laws library API."""

from rest_framework import serializers

from zhifa.core.api.serializers import ZhifaModelSerializer

from ..models import Article, Law


class LawSerializer(ZhifaModelSerializer):
    class Meta:
        model = Law
        fields = ["id", "display", "title", "short_title", "level", "issuing_body", "promulgated_on",
                  "effective_on", "expires_on", "validity", "version_date"]


class ArticleSerializer(ZhifaModelSerializer):
    """An article with its law's names and the citation text (《行政处罚法》第六十四条)."""

    law_title = serializers.CharField(source="law.title", read_only=True, label="法规名称")
    citation = serializers.CharField(read_only=True, label="引用文本")

    class Meta:
        model = Article
        fields = ["id", "display", "law", "law_title", "number", "sub_number", "label", "citation", "chapter",
                  "text", "paragraphs"]


class ArticleHitSerializer(serializers.Serializer):
    """A search result: the article, its score and a snippet with the hits in ``<mark>``."""

    article = ArticleSerializer(read_only=True)
    score = serializers.FloatField(read_only=True, label="相关度")
    snippet = serializers.CharField(read_only=True, label="摘要（命中词以 <mark> 标出）")
