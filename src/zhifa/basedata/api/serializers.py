"""Serializers of the base-data API, one per model (laws, powers, officers, objects, elements)."""

from rest_framework import serializers

from zhifa.core.api.serializers import ZhifaModelSerializer
from zhifa.org.choices import Sector

from ..models import (
    Article,
    CheckItem,
    Checklist,
    CheckModule,
    DiscretionLevel,
    DiscretionStandard,
    InspectedObject,
    Law,
    Officer,
    Phrase,
    Power,
)
from ..models.officers import category_list
from ..services.officers import officer_can_be_assigned


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


class PowerSerializer(ZhifaModelSerializer):
    """A power with its basis articles and subjects (IDs); writes need ``change_reason`` on update.

    Articles written here take their role (违反的规定 / 处罚依据) from their chapter; ``citations`` shows
    each article with its role."""

    change_reason = serializers.CharField(label="变更原因", required=False, write_only=True)
    basis = serializers.PrimaryKeyRelatedField(label="法律依据", many=True, required=False,
                                               queryset=Article.objects.all())
    citations = serializers.SerializerMethodField(label="法律依据及其类别")

    class Meta:
        model = Power
        fields = ("id", "display", "code", "name", "kind", "basis", "citations", "subjects", "time_limit_days",
                  "unit", "is_active", "version", "change_reason")
        read_only_fields = ("version",)

    def get_citations(self, obj) -> list[dict]:
        return [{"article": row.article_id, "role": row.stated_role.value, "role_display": row.stated_role.label}
                for row in obj.citations.all()]


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
