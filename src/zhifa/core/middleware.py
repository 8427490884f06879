"""Web entry point of the actor context, and the API's JSON answer to server errors.

``ActorContextMiddleware`` is the outermost middleware: the request id exists before any other
middleware touches the database, so that when the database is down the error page (``handler500``)
and the log line both carry it. It must not touch the database itself.
"""

import sys
import uuid

from django.core.signals import got_request_exception
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import JsonResponse

from .actor import Channel, actor_context

API_PREFIX = "/api/"
DATABASE_DOWN = "数据库暂时无法访问，请稍后重试（错误编号 {request_id}）"
SERVER_ERROR = "系统出错，已记录错误编号 {request_id}，请联系管理员"


def client_ip(request) -> str:
    """The client address; the first X-Forwarded-For hop when behind the trusted proxy."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


@receiver(got_request_exception)
def _remember_exception(sender, request=None, **kwargs):
    """Keep the exception that made Django answer 500, for ``api_server_error``."""
    if request is not None:
        request.zhifa_exception = sys.exc_info()[1]


def api_server_error(request, request_id: str) -> JsonResponse:
    """The structured JSON error of an API request that failed on the server (503 when the database is down)."""
    if isinstance(getattr(request, "zhifa_exception", None), DatabaseError):
        code, status, message = "database_unavailable", 503, DATABASE_DOWN
    else:
        code, status, message = "server_error", 500, SERVER_ERROR
    return JsonResponse(
        {"code": code, "message": message.format(request_id=request_id), "field": None, "request_id": request_id},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


class ActorContextMiddleware:
    """Opens the actor context for every request and echoes the request id in a header.

    An API request that ended in a server error gets the API's JSON error (with the request id)
    instead of the HTML error page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        request.request_id = request_id
        with actor_context(channel=Channel.WEB, request=request, ip=client_ip(request), request_id=request_id):
            response = self.get_response(request)
        if (
            response.status_code >= 500
            and request.path.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            response = api_server_error(request, request_id)
        response["X-Request-Id"] = request_id
        return response
