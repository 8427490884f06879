"""The 403, 404 and 500 pages: Chinese, inside the layout, saying why and leading back to the workbench.

API paths keep answering JSON in the API's error shape. The 500 page first tries the full layout
(menu and all); when that fails too — typically because the database is down — it falls back to a
bare page rendered without any context processor, so it never touches the database.
"""

from __future__ import annotations

import logging
import re
import uuid

from django.http import HttpResponse, JsonResponse
from django.template import Context, loader

from ..actor import current_actor

logger = logging.getLogger(__name__)

CJK = re.compile(r"[\u4e00-\u9fff]")
MSG_FORBIDDEN = "该记录不在您的数据权限范围内，或您的角色没有这项操作的权限。"
MSG_NOT_FOUND = "页面不存在。如果您打开的是一条记录，它可能已被删除，或不在您的数据权限范围内。"
MSG_ASK_ADMIN = "如确需办理，请联系本单位管理员调整您的角色或数据权限。"
MSG_SERVER_ERROR = "系统出错，已记录编号 {request_id}。请稍后重试；如果问题持续，请把这个编号告诉系统管理员。"
API_ERRORS = {
    403: ("permission_denied", "没有权限执行该操作"),
    404: ("not_found", "对象不存在或无权访问"),
}


def request_id_of(request) -> str:
    """The id the middleware gave this request (also in the logs and the X-Request-Id header)."""
    return getattr(request, "request_id", "") or current_actor().request_id or uuid.uuid4().hex


def _reason(exception, default: str) -> str:
    """The exception's own message when it is a Chinese sentence meant for people, else ``default``."""
    message = str(exception.args[0]) if exception is not None and exception.args else ""
    return message if CJK.search(message) else default


def _api_error(request, status: int) -> JsonResponse:
    code, message = API_ERRORS[status]
    return JsonResponse({"code": code, "message": message.format(request_id=request_id_of(request)), "field": None},
                        status=status, json_dumps_params={"ensure_ascii": False})


def _page(request, status: int, title: str, reason: str, hint: str = "") -> HttpResponse:
    template = loader.get_template("core/errors/error.html")
    context = {"status": status, "title": title, "reason": reason, "hint": hint, "request_id": request_id_of(request)}
    return HttpResponse(template.render(context, request), status=status)


def permission_denied(request, exception=None):
    if request.path.startswith("/api/"):
        return _api_error(request, 403)
    return _page(request, 403, "无权访问", _reason(exception, MSG_FORBIDDEN), MSG_ASK_ADMIN)


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return _api_error(request, 404)
    return _page(request, 404, "页面不存在", _reason(exception, MSG_NOT_FOUND))


def server_error(request):
    request_id = request_id_of(request)
    if request.path.startswith("/api/"):
        from ..middleware import api_server_error  # the API's 500/503 shape, one place

        response = api_server_error(request, request_id)
    else:
        reason = MSG_SERVER_ERROR.format(request_id=request_id)
        try:
            response = _page(request, 500, "系统出错", reason)
        except Exception:  # noqa: BLE001 - the layout needs the database; show the bare page instead
            logger.warning("出错页面无法使用完整布局（编号 %s），改用简化页面", request_id, exc_info=True)
            bare = loader.get_template("core/errors/500_bare.html")
            response = HttpResponse(bare.template.render(Context({"reason": reason, "request_id": request_id})),
                                    status=500)
    response["X-Request-Id"] = request_id
    return response
