"""Structured API errors: ``{"code": ..., "message": "中文说明", "field": ..., "errors": [...]}``."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

CODE_BY_EXCEPTION = {
    exceptions.NotAuthenticated: ("not_authenticated", "未登录或令牌无效"),
    exceptions.AuthenticationFailed: ("authentication_failed", "认证失败"),
    exceptions.PermissionDenied: ("permission_denied", "没有权限执行该操作"),
    exceptions.NotFound: ("not_found", "对象不存在或无权访问"),
    exceptions.MethodNotAllowed: ("method_not_allowed", "不支持的请求方法"),
    exceptions.ParseError: ("parse_error", "请求内容无法解析"),
    exceptions.Throttled: ("throttled", "请求过于频繁，请稍后再试"),
    exceptions.UnsupportedMediaType: ("unsupported_media_type", "不支持的内容类型"),
}


def _flatten(detail, field=None):
    """Turn DRF's nested error detail into a flat list of ``{field, code, message}``."""
    if isinstance(detail, dict):
        items = []
        for key, value in detail.items():
            name = None if key == "non_field_errors" else (f"{field}.{key}" if field else key)
            items.extend(_flatten(value, name))
        return items
    if isinstance(detail, list):
        items = []
        for index, value in enumerate(detail):
            nested = isinstance(value, (dict, list))
            items.extend(_flatten(value, f"{field}[{index}]" if nested and field else field))
        return items
    return [{"field": field, "code": getattr(detail, "code", "invalid"), "message": str(detail)}]


def exception_handler(exc, context):
    """DRF exception handler that answers every error in one structured, Chinese shape."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        first = errors[0] if errors else {"field": None, "message": "输入有误"}
        label = f"{first['field']}：" if first.get("field") else ""
        response.data = {"code": "invalid", "message": f"{label}{first['message']}", "field": first.get("field"), "errors": errors}
        return response
    code, message = next(
        ((c, m) for cls, (c, m) in CODE_BY_EXCEPTION.items() if isinstance(exc, cls)), ("error", str(exc.detail))
    )
    response.data = {"code": code, "message": message, "field": None}
    return response
