"""Session guard: idle timeout and "log out everywhere" (session epoch)."""

import time

from django.conf import settings
from django.contrib.auth import logout

SESSION_EPOCH_KEY = "zhifa_session_epoch"
LAST_SEEN_KEY = "zhifa_last_seen"


class SessionGuardMiddleware:
    """Ends a session that was idle too long or whose user logged out everywhere since."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            idle_limit = settings.ZHIFA_SESSION_IDLE_MINUTES * 60
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            epoch = request.session.get(SESSION_EPOCH_KEY)
            if now - last_seen > idle_limit or (epoch is not None and epoch != user.session_epoch):
                logout(request)
            else:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
