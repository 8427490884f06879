"""Health endpoint for load balancers and monitoring.

Anyone gets only ``{"status": "ok"}`` (200) or ``{"status": "error"}`` (503). The reason — database
engine, error class and message — is added only for a request made on the host itself (loopback
address, not forwarded by a proxy), i.e. a monitoring agent or an operator running
``curl http://127.0.0.1:8000/healthz`` on the app server. Signed-in administrators get no more:
during an outage nobody can be authenticated anyway (docs/decisions/0005-health-details-local-only.md).
"""

import ipaddress

from django.db import connection
from django.http import JsonResponse


def is_local_request(request) -> bool:
    """True for a request from the loopback address that no proxy forwarded."""
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


def health(request):
    """200 with ``{"status": "ok"}`` when the database answers, 503 with ``{"status": "error"}`` otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        body = {"status": "error"}
        if is_local_request(request):
            body["detail"] = {"database": connection.vendor, "error": f"{type(exc).__name__}: {exc}"}
        return JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    return JsonResponse({"status": "ok"})
