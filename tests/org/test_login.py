"""Password login: lockout boundaries, no user enumeration, audit rows for login, failure and logout."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.org.login_support import PASSWORD, attempt, shown_error, signed_in_as
from zhifa.core.models import AuditEntry
from zhifa.org.services.auth import BAD_CREDENTIALS
from zhifa.org.models import User


@pytest.fixture
def officer(city):
    return factories.user(city["yantian"], username="wanglei", display_name="王磊")


def fail(client, username, times):
    return [attempt(client, username, "Wrong-Password-1") for _ in range(times)][-1]


def test_login_page_is_chinese_and_fits_a_phone(client, db):
    response = client.get(reverse("org:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="viewport"' in html and "width=device-width" in html
    assert "用户名" in html and "密码" in html and 'autocomplete="current-password"' in html


def test_right_password_signs_in_and_goes_to_the_workbench(client, officer):
    response = attempt(client, "wanglei", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("core:workbench")
    assert signed_in_as(client) == officer.pk
    assert client.get(reverse("core:workbench")).status_code == 200


def test_next_inside_the_site_is_followed_and_outside_is_ignored(client, officer):
    inside = attempt(client, "wanglei", PASSWORD, next=reverse("core:notification_list"))
    assert inside.url == reverse("core:notification_list")
    client.post(reverse("org:logout"))
    outside = attempt(client, "wanglei", PASSWORD, next="https://evil.example.com/")
    assert outside.url == reverse("core:workbench")


def test_failures_below_the_limit_are_forgotten_after_a_success(client, officer, settings):
    limit = settings.ZHIFA_LOGIN_MAX_FAILURES
    response = fail(client, "wanglei", limit - 1)
    assert shown_error(response) == BAD_CREDENTIALS
    officer.refresh_from_db()
    assert officer.failed_logins == limit - 1
    assert officer.locked_until is None

    assert attempt(client, "wanglei", PASSWORD).status_code == 302
    officer.refresh_from_db()
    assert officer.failed_logins == 0

    client.post(reverse("org:logout"))
    fail(client, "wanglei", limit - 1)
    assert attempt(client, "wanglei", PASSWORD).status_code == 302, "the counter restarted after the success"


def test_the_last_allowed_failure_locks_the_account_with_the_unlock_time(client, officer, settings):
    limit = settings.ZHIFA_LOGIN_MAX_FAILURES
    before = timezone.now()
    response = fail(client, "wanglei", limit)

    officer.refresh_from_db()
    expected = before + dt.timedelta(minutes=settings.ZHIFA_LOGIN_LOCK_MINUTES)
    assert expected <= officer.locked_until <= timezone.now() + dt.timedelta(minutes=settings.ZHIFA_LOGIN_LOCK_MINUTES)
    until = timezone.localtime(officer.locked_until).strftime("%Y-%m-%d %H:%M")
    assert "已被锁定" in shown_error(response) and until in shown_error(response)

    locked = attempt(client, "wanglei", PASSWORD)
    assert "已被锁定" in shown_error(locked) and until in shown_error(locked)
    assert signed_in_as(client) is None
    assert AuditEntry.objects.filter(action="login", object_id=str(officer.pk)).count() == 0
    last = AuditEntry.objects.filter(action="login_failed").order_by("-seq").first()
    assert last.message == "账户锁定期间尝试登录"


def test_after_the_lock_time_the_right_password_works_again(client, officer, settings):
    fail(client, "wanglei", settings.ZHIFA_LOGIN_MAX_FAILURES)
    # The lock time passes.
    User.objects.filter(pk=officer.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))

    assert attempt(client, "wanglei", PASSWORD).status_code == 302
    officer.refresh_from_db()
    assert (officer.failed_logins, officer.locked_until) == (0, None)


def test_after_an_expired_lock_one_failure_does_not_lock_again(client, officer, settings):
    fail(client, "wanglei", settings.ZHIFA_LOGIN_MAX_FAILURES)
    User.objects.filter(pk=officer.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))

    response = fail(client, "wanglei", 1)

    assert shown_error(response) == BAD_CREDENTIALS
    officer.refresh_from_db()
    assert officer.failed_logins == 1
    assert officer.locked_until is None


def test_unknown_username_and_wrong_password_look_the_same(client, officer):
    wrong_password = attempt(client, "wanglei", "Wrong-Password-1")
    unknown_user = attempt(client, "nobody-here", "Wrong-Password-1")

    assert wrong_password.status_code == unknown_user.status_code == 200
    assert shown_error(wrong_password) == shown_error(unknown_user) == BAD_CREDENTIALS
    assert not User.objects.filter(username="nobody-here").exists()


def test_inactive_account_gets_the_same_message(client, officer):
    User.objects.filter(pk=officer.pk).update(is_active=False)
    response = attempt(client, "wanglei", PASSWORD)
    assert shown_error(response) == BAD_CREDENTIALS
    assert signed_in_as(client) is None


def test_empty_fields_are_named(client, db):
    response = attempt(client, "", "")
    html = response.content.decode()
    assert "请输入用户名。" in html and "请输入密码。" in html
    assert not AuditEntry.objects.filter(action="login_failed").exists()


def test_login_failed_is_audited_under_the_name_tried(client, officer):
    attempt(client, "nobody-here", "x")
    attempt(client, "wanglei", "Wrong-Password-1")

    unknown, wrong = AuditEntry.objects.filter(action="login_failed").order_by("seq")
    assert (unknown.object_type, unknown.object_id, unknown.object_repr) == ("org.user", "", "nobody-here")
    assert unknown.message == "用户名不存在"
    assert unknown.user_id_copy is None
    assert (wrong.object_id, wrong.object_repr) == (str(officer.pk), "wanglei")
    assert wrong.changes["failed_logins"] == {"before": 0, "after": 1}
    assert wrong.channel == "web" and wrong.ip == "127.0.0.1"


def test_login_and_logout_are_audited(client, officer):
    attempt(client, "wanglei", PASSWORD)
    login_row = AuditEntry.objects.filter(action="login").get()
    assert (login_row.user_id_copy, login_row.object_type, login_row.object_id) == (officer.pk, "org.user", str(officer.pk))
    assert login_row.message == "密码登录"

    response = client.post(reverse("org:logout"))

    assert response.url == reverse("org:login")
    assert signed_in_as(client) is None
    logout_row = AuditEntry.objects.filter(action="logout").get()
    assert logout_row.user_id_copy == officer.pk


def test_logout_by_get_is_refused(client, officer):
    client.force_login(officer)
    assert client.get(reverse("org:logout")).status_code == 405
    assert signed_in_as(client) == officer.pk
    assert not AuditEntry.objects.filter(action="logout").exists()
