"""The second factor: administrators enrol an authenticator, then give a one-time code at every login."""

import json
import time

import pyotp
import pytest
from django.urls import reverse

from tests import factories
from tests.org.login_support import PASSWORD, attempt, current_code, shown_error, signed_in_as, wrong_code
from zhifa.core.models import AuditEntry
from zhifa.org.services import totp
from zhifa.org.services.auth import BAD_CODE, PENDING_KEY
from zhifa.org.models import User


@pytest.fixture
def admin(city):
    """A unit administrator: the role calls for a second factor."""
    admin_role = factories.role(["org.view_user"], requires_2fa=True)
    return factories.user(city["yantian"], roles=[admin_role], username="admin-yt")


@pytest.fixture
def enrolled_admin(admin):
    User.objects.filter(pk=admin.pk).update(totp_secret=totp.new_secret(), totp_confirmed=True)
    admin.refresh_from_db()
    return admin


def test_password_alone_does_not_sign_an_admin_in(client, admin):
    response = attempt(client, "admin-yt", PASSWORD)

    assert response.url == reverse("org:totp_enrol")
    assert signed_in_as(client) is None
    assert client.get(reverse("core:workbench")).status_code == 302
    assert not AuditEntry.objects.filter(action="login").exists()


def test_enrolment_shows_a_qr_code_and_the_secret_and_binds_with_a_code(client, admin):
    attempt(client, "admin-yt", PASSWORD)

    page = client.get(reverse("org:totp_enrol"))
    admin.refresh_from_db()
    html = page.content.decode()
    assert "<svg" in html and admin.totp_secret in html
    assert not admin.totp_confirmed
    secret = admin.totp_secret
    client.get(reverse("org:totp_enrol"))
    admin.refresh_from_db()
    assert admin.totp_secret == secret, "a reload keeps the secret"

    refused = client.post(reverse("org:totp_enrol"), {"code": wrong_code(admin)})
    admin.refresh_from_db()
    assert shown_error(refused) == BAD_CODE
    assert not admin.totp_confirmed and signed_in_as(client) is None

    accepted = client.post(reverse("org:totp_enrol"), {"code": current_code(admin)})
    admin.refresh_from_db()
    assert accepted.url == reverse("core:workbench")
    assert admin.totp_confirmed and admin.totp_secret == secret
    assert signed_in_as(client) == admin.pk
    assert AuditEntry.objects.get(action="login").message == "密码 + 动态口令登录"


def test_secret_is_never_written_to_the_trail(client, admin):
    attempt(client, "admin-yt", PASSWORD)
    client.get(reverse("org:totp_enrol"))
    admin.refresh_from_db()
    row = AuditEntry.objects.filter(object_type="org.user", object_id=str(admin.pk), action="update").latest("seq")
    assert row.changes["totp_secret"] == {"before": "", "after": "******"}
    assert row.user_id_copy == admin.pk, "attributed to the person enrolling, not to an anonymous visitor"
    assert all(admin.totp_secret not in json.dumps(entry.changes) for entry in AuditEntry.objects.all())


def test_bound_admin_is_asked_for_the_code(client, enrolled_admin):
    response = attempt(client, "admin-yt", PASSWORD)
    assert response.url == reverse("org:login_totp")

    page = client.get(reverse("org:login_totp"))
    assert "6 位数字" in page.content.decode()

    signed_in = client.post(reverse("org:login_totp"), {"code": current_code(enrolled_admin)})
    assert signed_in.url == reverse("core:workbench")
    assert signed_in_as(client) == enrolled_admin.pk
    assert PENDING_KEY not in client.session


def test_wrong_code_is_rejected_and_counted(client, enrolled_admin):
    attempt(client, "admin-yt", PASSWORD)

    response = client.post(reverse("org:login_totp"), {"code": wrong_code(enrolled_admin)})

    assert shown_error(response) == BAD_CODE
    assert signed_in_as(client) is None
    enrolled_admin.refresh_from_db()
    assert enrolled_admin.failed_logins == 1
    row = AuditEntry.objects.filter(action="login_failed").get()
    assert row.message == "动态口令错误" and row.object_id == str(enrolled_admin.pk)


def test_malformed_code_is_named_and_not_counted(client, enrolled_admin):
    attempt(client, "admin-yt", PASSWORD)
    response = client.post(reverse("org:login_totp"), {"code": "12ab"})
    assert "动态口令应为 6 位数字。" in response.content.decode()
    enrolled_admin.refresh_from_db()
    assert enrolled_admin.failed_logins == 0


def test_guessing_codes_locks_the_account(client, enrolled_admin, settings):
    attempt(client, "admin-yt", PASSWORD)
    for _ in range(settings.ZHIFA_LOGIN_MAX_FAILURES):
        response = client.post(reverse("org:login_totp"), {"code": wrong_code(enrolled_admin)})

    assert "已被锁定" in shown_error(response)
    assert PENDING_KEY not in client.session
    assert client.post(reverse("org:login_totp"), {"code": current_code(enrolled_admin)}).url == reverse("org:login")
    assert signed_in_as(client) is None


def test_a_bound_authenticator_cannot_be_replaced_during_login(client, enrolled_admin):
    secret = enrolled_admin.totp_secret
    attempt(client, "admin-yt", PASSWORD)

    response = client.get(reverse("org:totp_enrol"))

    assert response.url == reverse("org:login_totp")
    enrolled_admin.refresh_from_db()
    assert enrolled_admin.totp_secret == secret


def test_second_step_without_the_first_goes_back_to_login(client, enrolled_admin):
    assert client.get(reverse("org:login_totp")).url == reverse("org:login")
    assert client.get(reverse("org:totp_enrol")).url == reverse("org:login")


def test_pending_login_expires(client, enrolled_admin):
    attempt(client, "admin-yt", PASSWORD)
    session = client.session
    session[PENDING_KEY]["at"] -= 301
    session.save()

    response = client.post(reverse("org:login_totp"), {"code": current_code(enrolled_admin)})

    assert response.url == reverse("org:login")
    assert signed_in_as(client) is None


def test_superuser_needs_the_second_factor_too(client, city):
    User.objects.create_superuser(username="root", password=PASSWORD, display_name="超级管理员", unit=city["bureau"])
    assert attempt(client, "root", PASSWORD).url == reverse("org:totp_enrol")


def test_ordinary_login_allowed_by_the_admin_skips_the_code(client, enrolled_admin):
    User.objects.filter(pk=enrolled_admin.pk).update(allow_ordinary_login=True)

    response = attempt(client, "admin-yt", PASSWORD)

    assert response.url == reverse("core:workbench")
    assert AuditEntry.objects.get(action="login").message == "普通登录（管理员已允许免动态口令）"


def test_officer_without_admin_role_needs_no_code(client, city):
    factories.user(city["yantian"], roles=[factories.role(["org.view_unit"])], username="officer")
    assert attempt(client, "officer", PASSWORD).url == reverse("core:workbench")


def test_demo_setting_off_signs_admins_in_with_the_password_and_says_so(client, enrolled_admin, settings):
    settings.ZHIFA_REQUIRE_ADMIN_TOTP = False
    settings.DEMO_MODE = True

    page = client.get(reverse("org:login")).content.decode()
    response = attempt(client, "admin-yt", PASSWORD)

    assert "演示环境：管理员动态口令已关闭" in page
    assert response.url == reverse("core:workbench")
    assert AuditEntry.objects.get(action="login").message == "密码登录（管理员动态口令已关闭）"


def test_no_notice_when_the_second_factor_is_on(client, db, settings):
    settings.ZHIFA_REQUIRE_ADMIN_TOTP = True
    assert "动态口令已关闭" not in client.get(reverse("org:login")).content.decode()


def test_signed_in_user_can_bind_an_authenticator_from_the_account_page(client, city):
    person = factories.user(city["yantian"], username="officer")
    client.force_login(person)

    page = client.get(reverse("org:totp_enrol"))
    assert "<svg" in page.content.decode()
    response = client.post(reverse("org:totp_enrol"), {"code": current_code(person)})

    person.refresh_from_db()
    assert response.url == reverse("org:totp_enrol")
    assert person.totp_confirmed
    assert 'data-testid="totp-bound"' in client.get(reverse("org:totp_enrol")).content.decode()


def test_a_code_signs_in_only_once(client, enrolled_admin):
    code = current_code(enrolled_admin)
    attempt(client, "admin-yt", PASSWORD)
    assert client.post(reverse("org:login_totp"), {"code": code}).url == reverse("core:workbench")
    client.post(reverse("org:logout"))

    attempt(client, "admin-yt", PASSWORD)
    replayed = client.post(reverse("org:login_totp"), {"code": code})

    assert shown_error(replayed) == BAD_CODE
    assert signed_in_as(client) is None


def test_an_older_code_is_refused_once_a_newer_one_was_used(enrolled_admin):
    from zhifa.org.services.auth import use_code

    generator = pyotp.TOTP(enrolled_admin.totp_secret)
    now = int(time.time()) // generator.interval
    assert use_code(user=enrolled_admin, code=generator.generate_otp(now))
    assert not use_code(user=enrolled_admin, code=generator.generate_otp(now - 1))
    enrolled_admin.refresh_from_db()
    assert enrolled_admin.totp_last_step == now


def test_the_enrolment_code_cannot_sign_in_again(client, admin):
    attempt(client, "admin-yt", PASSWORD)
    client.get(reverse("org:totp_enrol"))
    code = current_code(admin)
    client.post(reverse("org:totp_enrol"), {"code": code})
    client.post(reverse("org:logout"))

    attempt(client, "admin-yt", PASSWORD)
    assert shown_error(client.post(reverse("org:login_totp"), {"code": code})) == BAD_CODE
