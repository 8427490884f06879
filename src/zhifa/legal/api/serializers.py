"""Response shapes of the rules API, for the OpenAPI schema (the views answer ``Rule.describe()``)."""

from rest_framework import serializers


class ChoiceSerializer(serializers.Serializer):
    value = serializers.CharField(label="取值")
    label = serializers.CharField(label="名称")


class ParamSerializer(serializers.Serializer):
    name = serializers.CharField(label="参数名")
    kind = serializers.CharField(label="类型")
    label = serializers.CharField(label="名称")
    required = serializers.BooleanField(label="必填")
    default = serializers.JSONField(allow_null=True, label="默认值")
    choices = ChoiceSerializer(many=True, label="可选值")
    help = serializers.CharField(allow_blank=True, label="说明")


class ResultSerializer(serializers.Serializer):
    name = serializers.CharField(label="结果名")
    kind = serializers.CharField(label="类型")
    label = serializers.CharField(label="名称")
    choices = ChoiceSerializer(many=True, label="可选值")


class CitationSerializer(serializers.Serializer):
    law = serializers.CharField(label="法律")
    article = serializers.CharField(label="条款")
    text = serializers.CharField(label="原文")


class RuleSerializer(serializers.Serializer):
    """One rule of ``GET /api/legal/rules``."""

    id = serializers.CharField(label="规则编号")
    title = serializers.CharField(label="名称")
    category = serializers.CharField(label="类别")
    summary = serializers.CharField(label="摘要")
    params = ParamSerializer(many=True, label="参数")
    results = ResultSerializer(many=True, label="结果")
    basis = CitationSerializer(many=True, label="法律依据")
    example = serializers.DictField(label="示例参数")
