"""REST channel of the rule catalogue: ``POST /api/legal/evaluate`` and ``GET /api/legal/rules``."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ..catalogue import all_rules
from ..engine import current_rules
from ..errors import RuleError
from .serializers import RuleSerializer


class SafeJSONParser(JSONParser):
    """JSON parser that reports absurdly nested documents as a parse error instead of crashing."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON 嵌套层次过深") from None


class EvaluateView(APIView):
    """Evaluate one rule: the body is ``{"rule": id, ...parameters}``, the answer the rule's JSON."""

    parser_classes = [SafeJSONParser]

    @extend_schema(
        summary="计算法律规则",
        description="请求体为 {\"rule\": 规则编号, 参数…}；返回规则结果、basis（法律依据）和 warnings（提示）。"
        "输入有误时返回 400 和 {code, message, field}。规则与参数见 GET /api/legal/rules。",
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
        examples=[OpenApiExample("缴纳罚款期限", value={"rule": "payment_deadline", "received_on": "2026-01-31"})],
    )
    def post(self, request):
        body = request.data
        if not isinstance(body, dict):
            error = RuleError("invalid_body", "请求体应为 JSON 对象，例如 {\"rule\": \"payment_deadline\", \"received_on\": \"2026-01-31\"}")
            return Response(error.as_json(), status=status.HTTP_400_BAD_REQUEST)
        params = dict(body)
        rule_id = params.pop("rule", None)
        try:
            answer = current_rules().evaluate(rule_id, params)
        except RuleError as error:
            return Response(error.as_json(), status=status.HTTP_400_BAD_REQUEST)
        return Response(answer.as_json())


class RuleListView(APIView):
    """The catalogue: every rule with its parameters, results, legal basis and an example."""

    @extend_schema(summary="规则目录", responses={200: RuleSerializer(many=True)})
    def get(self, request):
        return Response([rule.describe() for rule in all_rules()])
