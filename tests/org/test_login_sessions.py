"""Sessions end when idle, when too old, and on "log out everywhere"; password change keeps this one."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.org.login_support import PASSWORD, age_session, attempt, signed_in_as
from zhifa.core.models import AuditEntry
from zhifa.org.services import auth as services
from zhifa.org.services.sessions import USER_MESSAGES
from zhifa.org.models import ApiToken


def api_get(key: str):
    """``/api/org/me/`` called with an API token, as an integration would."""
    return Client().get(reverse("org-api:me"), headers={"Authorization": f"Token {key}"})


@pytest.fixture
def officer(city):
    return factories.user(city["yantian"], username="wanglei")


def test_idle_session_is_ended_and_the_login_page_says_why(client, officer, settings):
    attempt(client, "wanglei", PASSWORD)
    age_session(client, last_seen_ago=settings.ZHIFA_SESSION_IDLE_MINUTES * 60 + 1)

    response = client.get(reverse("core:workbench"))

    assert response.status_code == 302 and response.url.startswith(reverse("org:login"))
    assert signed_in_as(client) is None
    assert USER_MESSAGES["idle"] in client.get(reverse("org:login")).content.decode()
    row = AuditEntry.objects.filter(action="logout").get()
    assert row.message == "空闲超时，自动退出" and row.user_id_copy == officer.pk


def test_activity_within_the_idle_limit_keeps_the_session(client, officer, settings):
    attempt(client, "wanglei", PASSWORD)
    age_session(client, last_seen_ago=settings.ZHIFA_SESSION_IDLE_MINUTES * 60 - 5)

    assert client.get(reverse("core:workbench")).status_code == 200
    assert signed_in_as(client) == officer.pk
    assert not AuditEntry.objects.filter(action="logout").exists()


def test_session_older_than_the_maximum_ends_despite_activity(client, officer, settings):
    attempt(client, "wanglei", PASSWORD)
    age_session(client, login_ago=settings.SESSION_COOKIE_AGE + 1)

    assert client.get(reverse("core:workbench")).status_code == 302
    assert signed_in_as(client) is None
    assert AuditEntry.objects.filter(action="logout").get().message == "会话到期，自动退出"


def test_htmx_request_of_an_ended_session_is_sent_to_the_login_page(client, officer, settings):
    attempt(client, "wanglei", PASSWORD)
    age_session(client, last_seen_ago=settings.ZHIFA_SESSION_IDLE_MINUTES * 60 + 1)

    response = client.get(reverse("core:workbench"), headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("org:login")


def test_logout_everywhere_ends_the_other_clients_session_but_not_this_one(officer):
    laptop, phone = Client(), Client()
    attempt(laptop, "wanglei", PASSWORD)
    attempt(phone, "wanglei", PASSWORD)
    assert phone.get(reverse("core:workbench")).status_code == 200

    response = laptop.post(reverse("org:logout_everywhere"))

    assert response.url == reverse("org:logout_everywhere")
    assert laptop.get(reverse("core:workbench")).status_code == 200
    assert phone.get(reverse("core:workbench")).status_code == 302
    assert signed_in_as(phone) is None
    assert USER_MESSAGES["epoch"] in phone.get(reverse("org:login")).content.decode()
    row = AuditEntry.objects.filter(action="logout").get()
    assert row.changes == {"session_epoch": {"before": 0, "after": 1}}


def test_logout_everywhere_reaches_sessions_started_by_other_means(client, officer):
    other = Client()
    other.force_login(officer)
    assert other.get(reverse("core:workbench")).status_code == 200
    client.force_login(officer)

    client.post(reverse("org:logout_everywhere"))

    assert other.get(reverse("core:workbench")).status_code == 302


def test_logout_everywhere_revokes_api_tokens_and_says_so(client, officer):
    _token, key = services.token_issue(user=officer, name="移动终端", valid_days=30)
    assert api_get(key).status_code == 200
    client.force_login(officer)

    page = client.get(reverse("org:logout_everywhere")).content.decode()
    client.post(reverse("org:logout_everywhere"))

    assert "同时撤销您的全部接口令牌" in page
    assert not ApiToken.objects.filter(user=officer).exists()
    assert api_get(key).status_code == 401


def test_password_change_enforces_the_policy(client, officer):
    client.force_login(officer)
    url = reverse("org:password_change")

    wrong_old = client.post(url, {"old_password": "nope", "new_password1": "Xy-9876543210", "new_password2": "Xy-9876543210"})
    too_simple = client.post(url, {"old_password": PASSWORD, "new_password1": "abcdefghijkl", "new_password2": "abcdefghijkl"})
    mismatch = client.post(url, {"old_password": PASSWORD, "new_password1": "Xy-9876543210", "new_password2": "Xy-9876543211"})

    assert "当前密码不正确。" in wrong_old.content.decode()
    assert "密码须至少包含" in too_simple.content.decode()
    assert "两次输入的新密码不一致。" in mismatch.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD) and officer.password_changed_at is None


def test_password_change_keeps_this_session_and_ends_the_others(client, officer):
    other = Client()
    attempt(other, "wanglei", PASSWORD)
    attempt(client, "wanglei", PASSWORD)

    response = client.post(
        reverse("org:password_change"),
        {"old_password": PASSWORD, "new_password1": "Xy-9876543210", "new_password2": "Xy-9876543210"},
    )

    assert response.url == reverse("org:password_change")
    officer.refresh_from_db()
    assert officer.check_password("Xy-9876543210") and officer.password_changed_at is not None
    assert client.get(reverse("core:workbench")).status_code == 200
    assert other.get(reverse("core:workbench")).status_code == 302
    row = AuditEntry.objects.filter(object_type="org.user", object_id=str(officer.pk), action="update").latest("seq")
    assert "password_changed_at" in row.changes


def test_password_change_revokes_api_tokens(client, officer):
    _token, key = services.token_issue(user=officer, name="移动终端", valid_days=30)
    client.force_login(officer)

    client.post(
        reverse("org:password_change"),
        {"old_password": PASSWORD, "new_password1": "Xy-9876543210", "new_password2": "Xy-9876543210"},
    )

    assert api_get(key).status_code == 401
    assert not ApiToken.objects.filter(user=officer).exists()
    assert AuditEntry.objects.filter(action="delete", object_type="org.apitoken").exists()
