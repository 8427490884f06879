"""Session guard: absolute and idle time limits, and "log out everywhere" (session epoch)."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import resolve_url

from .services import sessions


class SessionGuardMiddleware:
    """Ends a session that is too old, was idle too long, or whose user logged out everywhere since.

    The next page then sends the visitor to the login page, which says why. An htmx request gets an
    ``HX-Redirect`` to the login page instead of a login form swapped into part of a page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            reason = sessions.end_reason(request, user)
            if reason:
                sessions.end(request, user, reason)
                if request.headers.get("HX-Request"):
                    return HttpResponse(status=204, headers={"HX-Redirect": resolve_url(settings.LOGIN_URL)})
            else:
                sessions.touch(request)
        return self.get_response(request)
