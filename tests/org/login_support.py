"""Helpers shared by the login tests: sign in through the real pages, read the shown error."""

import re
import time

import pyotp
from django.urls import reverse

from tests import factories
from zhifa.org.services.sessions import LAST_SEEN_KEY, LOGIN_AT_KEY

PASSWORD = factories.PASSWORD
ERROR = re.compile(r'data-testid="login-error">([^<]*)<')


def attempt(client, username, password, **extra):
    """POST the login form as a browser would."""
    return client.post(reverse("org:login"), {"username": username, "password": password, **extra})


def shown_error(response) -> str:
    """The error message in the page's alert box ("" when none)."""
    match = ERROR.search(response.content.decode())
    return match.group(1) if match else ""


def signed_in_as(client):
    """The primary key of the signed-in user of ``client`` (None when anonymous)."""
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def current_code(user) -> str:
    user.refresh_from_db()
    return pyotp.TOTP(user.totp_secret).now()


def wrong_code(user) -> str:
    """A six-digit code that is valid at no time step near now (so it is wrong however slow the test is)."""
    user.refresh_from_db()
    totp = pyotp.TOTP(user.totp_secret)
    now = time.time()
    near = {totp.at(now + offset) for offset in (-90, -60, -30, 0, 30, 60, 90)}
    return next(code for code in (f"{n:06d}" for n in range(1_000_000)) if code not in near)


def age_session(client, *, last_seen_ago: int = 0, login_ago: int = 0) -> None:
    """Move the session's activity stamps into the past, as if time had passed."""
    session = client.session
    now = int(time.time())
    if last_seen_ago:
        session[LAST_SEEN_KEY] = now - last_seen_ago
    if login_ago:
        session[LOGIN_AT_KEY] = now - login_ago
    session.save()
