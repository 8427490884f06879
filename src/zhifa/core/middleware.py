"""Web entry point of the actor context, the client address it records, and the API's JSON answer to server errors.

``ActorContextMiddleware`` is the outermost middleware: the request id exists before any other
middleware touches the database, so that when the database is down the error page (``handler500``)
and the log line both carry it. It must not touch the database itself.
"""

import ipaddress
import sys
import uuid
from functools import lru_cache

from django.conf import settings

from django.core.signals import got_request_exception
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import JsonResponse

from . import usercache
from .actor import Channel, actor_context

API_PREFIX = "/api/"
DATABASE_DOWN = "数据库暂时无法访问，请稍后重试（错误编号 {request_id}）"
SERVER_ERROR = "系统出错，已记录错误编号 {request_id}，请联系管理员"


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse(address: str):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    """Whether ``address`` is one of the reverse proxies named in ``ZHIFA_TRUSTED_PROXIES``."""
    parsed = _parse(address)
    return parsed is not None and any(
        parsed in net for net in _networks(tuple(settings.ZHIFA_TRUSTED_PROXIES))
    )


def client_ip(request) -> str:
    """The client address recorded in the audit trail.

    ``X-Forwarded-For`` is believed only when the connection comes from a trusted proxy
    (``ZHIFA_TRUSTED_PROXIES``); its hops are then read from the right, skipping trusted proxies,
    and the first other address is the client. Anyone else gets their own socket address, whatever
    header they send, so nobody can write a made-up address into the trail.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(remote):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if _parse(hop) is None:
            return remote
        if not is_trusted_proxy(hop):
            return hop
    return hops[0] if hops else remote


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


class UserCacheMiddleware:
    """Attaches the signed-in user's unit from the per-process cache (``zhifa.core.usercache``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            usercache.prime_unit(user)
        return self.get_response(request)
