"""Web entry point of the actor context, and the client address it records."""

import ipaddress
import uuid
from functools import lru_cache

from django.conf import settings

from .actor import Channel, actor_context


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


class ActorContextMiddleware:
    """Opens the actor context for every request and echoes the request id in a header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        with actor_context(
            channel=Channel.WEB, request=request, ip=client_ip(request), request_id=request_id
        ):
            response = self.get_response(request)
        response["X-Request-Id"] = request_id
        return response
