"""Web entry point of the actor context."""

import uuid

from . import usercache
from .actor import Channel, actor_context


def client_ip(request) -> str:
    """The client address; the first X-Forwarded-For hop when behind the trusted proxy."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


class ActorContextMiddleware:
    """Opens the actor context for every request and echoes the request id in a header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        with actor_context(channel=Channel.WEB, request=request, ip=client_ip(request), request_id=request_id):
            response = self.get_response(request)
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
