"""Single sign-on against a real OpenID Connect provider running in a second process.

The provider is django-oidc-provider in the tiny site ``tests.oidc_provider_site``; 执法通 runs as
pytest-django's live server. A ``requests`` session plays the browser: it follows the redirects
through the provider's login form and back. Back-channel logout is posted by the provider.
"""

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests import factories
from tests.core.test_cli_shell import zhifa
from zhifa.core.models import AuditEntry

ROOT = Path(__file__).resolve().parents[2]
USERNAME, PASSWORD = "sso_officer", "Provider@2026pw"
CLIENT_ID, CLIENT_SECRET = "zhifa-test", "client-secret-for-tests-only"
CALLBACK = "/org/oidc/callback/"
BACKCHANNEL = "/org/oidc/backchannel-logout/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    """The identity provider's base URL; its process lives as long as this module's tests."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
        "OP_DATA_DIR": str(tmp_path_factory.mktemp("provider")), "OP_SITE_URL": url,
        "OP_RP_BACKCHANNEL_URL": live_server.url + BACKCHANNEL,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider_site", str(port), USERNAME, PASSWORD,
         live_server.url + CALLBACK, CLIENT_ID, CLIENT_SECRET],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        for _ in range(240):
            try:
                if requests.get(url + "/openid/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None:
                pytest.fail("身份提供方未能启动：" + process.stderr.read())
            time.sleep(0.5)
        else:
            pytest.fail("身份提供方两分钟内没有就绪")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def sso(settings, provider):
    """执法通 configured for the provider, as the ZHIFA_OIDC_* variables would configure it."""
    settings.ZHIFA_OIDC_ENABLED = True
    settings.ZHIFA_OIDC_ISSUER = provider + "/openid"
    settings.ZHIFA_OIDC_USERNAME_CLAIM = "preferred_username"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = provider + "/openid/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = provider + "/openid/token"
    settings.OIDC_OP_USER_ENDPOINT = provider + "/openid/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = provider + "/openid/jwks"
    settings.ZHIFA_OIDC_END_SESSION_ENDPOINT = provider + "/openid/end-session"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "zhifa.org.services.oidc.OidcBackend"]
    return provider


@pytest.fixture
def officer(transactional_db, city):
    return factories.user(city["yantian"], username=USERNAME)


def sso_login(live_server, username: str = USERNAME) -> tuple[requests.Session, requests.Response]:
    """A new browser that signs in through the provider; returns it and the last page."""
    browser = requests.Session()
    page = browser.get(live_server.url + "/org/login/")
    assert "统一身份认证登录" in page.text
    login_form = browser.get(live_server.url + "/org/oidc/login/?next=/org/account/tokens/")
    assert "/accounts/login/" in login_form.url
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_form.text).group(1)
    next_url = re.search(r'name="next" value="([^"]*)"', login_form.text).group(1).replace("&amp;", "&")
    answer = browser.post(login_form.url, data={
        "username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf, "next": next_url,
    })
    return browser, answer


def signed_in_as(browser: requests.Session, live_server) -> str | None:
    response = browser.get(live_server.url + "/api/org/me/")
    return response.json()["username"] if response.status_code == 200 else None


def test_login_through_the_provider_maps_the_claim_to_the_user(sso, live_server, officer):
    browser, page = sso_login(live_server)
    assert page.url == live_server.url + "/org/account/tokens/"
    assert signed_in_as(browser, live_server) == USERNAME
    login = AuditEntry.objects.filter(action="login", object_id=str(officer.pk)).get()
    assert login.message == "统一身份认证登录"


def test_a_provider_user_without_an_account_is_refused(sso, live_server, officer):
    browser, page = sso_login(live_server, username="stranger")
    assert page.url == live_server.url + "/org/login/"
    assert "统一身份认证登录未成功" in page.text
    assert signed_in_as(browser, live_server) is None


def test_backchannel_logout_ends_every_session_of_the_user(sso, live_server, officer):
    laptop, _ = sso_login(live_server)
    phone, _ = sso_login(live_server)
    assert signed_in_as(laptop, live_server) == signed_in_as(phone, live_server) == USERNAME

    sent = requests.post(sso + "/test/backchannel-logout/", data={"username": USERNAME}).json()

    assert sent["status"] == 200, sent
    assert signed_in_as(laptop, live_server) is None
    assert signed_in_as(phone, live_server) is None
    assert AuditEntry.objects.filter(action="logout", message__startswith="统一身份认证单点退出").count() == 1


def test_signing_out_here_signs_out_at_the_provider(sso, live_server, officer):
    browser, _ = sso_login(live_server)
    csrf = next(cookie.value for cookie in browser.cookies if cookie.name == "csrftoken")

    page = browser.post(live_server.url + "/org/logout/", headers={"X-CSRFToken": csrf})

    assert page.url == live_server.url + "/org/login/"
    assert signed_in_as(browser, live_server) is None
    again = browser.get(live_server.url + "/org/oidc/login/")
    assert "/accounts/login/" in again.url  # the provider asks for the password again


def test_a_logout_token_not_signed_by_the_provider_is_refused(sso, live_server, officer):
    browser, _ = sso_login(live_server)

    sent = requests.post(sso + "/test/backchannel-logout/", data={"username": USERNAME, "forge": "1"}).json()

    assert sent["status"] == 400
    assert "注销令牌无效" in sent["body"]
    assert signed_in_as(browser, live_server) == USERNAME


def test_sso_pages_do_not_exist_when_switched_off(client, db):
    assert client.get("/org/oidc/login/").status_code == 404
    assert client.post(BACKCHANNEL, {"logout_token": "x"}).status_code == 404
    assert "统一身份认证登录" not in client.get("/org/login/").content.decode()


def test_switching_sso_on_without_its_settings_stops_the_start(tmp_path):
    result = zhifa(tmp_path / "absent.env", "check", ZHIFA_DEMO="1", ZHIFA_DATA_DIR=str(tmp_path),
                   ZHIFA_OIDC_ENABLED="1", ZHIFA_OIDC_ISSUER="https://idp.example.gov.cn")
    assert result.returncode == 2
    assert "ZHIFA_OIDC_CLIENT_ID" in result.stderr and "ZHIFA_OIDC_JWKS_ENDPOINT" in result.stderr
    assert "ZHIFA_OIDC_ISSUER" not in result.stderr.split("未设置", 1)[1]
