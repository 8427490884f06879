"""Template context shared by every page: the menu and the unread notification count."""

import functools

from django.conf import settings

from .menu import PageMenu


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"demo_mode": settings.DEMO_MODE}
    from .notifications.inbox import unread_count

    return {
        "menu": PageMenu(user, request.path),
        # called by the template only when a full page shows it (not for htmx partials), then kept
        "unread_notifications": functools.cache(lambda: unread_count(user)),
        "demo_mode": settings.DEMO_MODE,
    }
