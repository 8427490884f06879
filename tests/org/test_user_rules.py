"""The rules of user accounts hold at every entry point: edit form, bulk edit, import, API, (de)activation.

An administrator cannot touch an account that holds a permission they lack (issue 7 item 7); the
department belongs to the unit (item 15); a password reset is audited and, like switching an
account off, ends its sessions and revokes its API tokens (item 10).
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.base import xlsx_upload
from tests.org.login_support import PASSWORD, attempt, signed_in_as
from tests.org.test_views_users import user_post
from zhifa.core.models import AuditEntry
from zhifa.org.services import auth as auth_services
from zhifa.core.scoping import DataScope
from zhifa.org.choices import UnitKind
from zhifa.org.models import ApiToken, User
from zhifa.org.services.users import MSG_DEPARTMENT_OUTSIDE, MSG_PASSWORD_RESET, user_create

NEW_PASSWORD = "Zhifa-Reset-2026!"


def users_url(action: str, obj=None) -> str:
    return reverse(f"org:user_{action}", args=[obj.pk] if obj else None)


def api_url(obj=None) -> str:
    return reverse("org-api:user-detail", args=[obj.pk]) if obj else reverse("org-api:user-list")


def api_get_me(key: str):
    return Client().get(reverse("org-api:me"), headers={"Authorization": f"Token {key}"})


@pytest.fixture
def unit_admin(city):
    """盐田区城管局's unit administrator: manages users of the agency and below."""
    permissions = [f"org.{action}_user" for action in ("view", "add", "change")] + [
        "org.view_unit",
        "org.view_role",
    ]
    role = factories.role(permissions, DataScope.SUBTREE, code="unit-admin")
    return factories.user(city["yantian"], roles=[role], username="unitadmin")


@pytest.fixture
def bureau_admin(city):
    """A 司法局管理员 placed in the agency: holds audit viewing district-wide, which the unit admin lacks."""
    role = factories.role(["org.view_user", "core.view_auditentry"], DataScope.REGION, code="justice-admin")
    return factories.user(city["yantian"], roles=[role], username="bureauadmin")


@pytest.fixture
def colleague(city):
    role = factories.role(["org.view_user"], DataScope.UNIT, code="modest")
    return factories.user(city["yantian"], roles=[role], username="colleague")


@pytest.fixture
def city_admin(city):
    """A user administrator of the whole city: every department is a choice for them."""
    permissions = ["org.view_user", "org.add_user", "org.change_user", "org.view_unit", "org.view_role"]
    return factories.user(
        city["bureau"], roles=[factories.role(permissions, DataScope.ALL)], username="cityadmin"
    )


@pytest.fixture
def departments(city):
    def department(name, parent):
        return factories.unit(name, parent.region, kind=UnitKind.DEPARTMENT, parent=parent)

    return {
        "own": department("盐田法制科", city["yantian"]),
        "foreign": department("福田法制科", city["futian"]),
    }


def signed_in_client(username: str) -> Client:
    browser = Client()
    attempt(browser, username, PASSWORD)
    assert signed_in_as(browser) is not None
    return browser


def still_signed_in(browser: Client) -> bool:
    return browser.get(reverse("core:workbench")).status_code == 200


# --- item 7: nobody administers an account stronger than their own --------------------------------


def test_unit_admin_cannot_reset_the_password_of_a_stronger_user(client, unit_admin, bureau_admin):
    client.force_login(unit_admin)
    response = client.post(
        users_url("edit", bureau_admin),
        user_post(bureau_admin, password1=NEW_PASSWORD, password2=NEW_PASSWORD),
    )
    assert response.status_code == 200
    assert "拥有您没有的权限" in str(response.context["form"].non_field_errors())
    bureau_admin.refresh_from_db()
    assert bureau_admin.check_password(PASSWORD) and not bureau_admin.check_password(NEW_PASSWORD)
    assert attempt(Client(), "bureauadmin", NEW_PASSWORD).status_code == 200, (
        "the new password does not sign in"
    )


def test_unit_admin_cannot_change_roles_or_status_of_a_stronger_user_in_the_api(
    client, unit_admin, bureau_admin
):
    client.force_login(unit_admin)
    roles = client.patch(api_url(bureau_admin), {"roles": []}, content_type="application/json")
    status = client.patch(api_url(bureau_admin), {"is_active": False}, content_type="application/json")
    assert roles.status_code == status.status_code == 400
    assert "拥有您没有的权限" in roles.json()["message"] + str(roles.json())
    bureau_admin.refresh_from_db()
    assert bureau_admin.is_active and bureau_admin.roles.count() == 1


def test_unit_admin_cannot_switch_a_stronger_user_off_by_bulk_edit_or_the_page(
    client, unit_admin, bureau_admin
):
    client.force_login(unit_admin)
    bulk = client.post(users_url("bulk_edit"), {"pk": [bureau_admin.pk], "is_active": "false", "_apply": "1"})
    page = client.post(users_url("deactivate", bureau_admin), follow=True)
    assert bulk.status_code == 200 and "拥有您没有的权限" in str(bulk.context["form"].non_field_errors())
    assert "拥有您没有的权限" in page.content.decode()
    bureau_admin.refresh_from_db()
    assert bureau_admin.is_active


def test_a_permission_held_with_a_wider_reach_counts_as_stronger(client, city, unit_admin):
    wide = factories.role(["org.view_user"], DataScope.ALL, code="wide-viewer")
    target = factories.user(city["yantian"], roles=[wide], username="wide")
    client.force_login(unit_admin)
    response = client.patch(api_url(target), {"title": "科员"}, content_type="application/json")
    assert response.status_code == 400
    target.refresh_from_db()
    assert target.title == ""


def test_unit_admin_still_manages_weaker_users(client, unit_admin, colleague):
    client.force_login(unit_admin)
    response = client.patch(api_url(colleague), {"title": "科员"}, content_type="application/json")
    assert response.status_code == 200
    colleague.refresh_from_db()
    assert colleague.title == "科员"


def test_only_a_superuser_touches_a_superuser(client, city, unit_admin):
    root = factories.user(city["yantian"], username="root", is_superuser=True)
    client.force_login(unit_admin)
    assert client.patch(api_url(root), {"title": "x"}, content_type="application/json").status_code == 400


# --- item 10: password reset, deactivation and reactivation end everything -------------------------


def test_admin_password_reset_is_audited_and_ends_sessions_and_tokens(client, unit_admin, colleague):
    browser = signed_in_client("colleague")
    _token, key = auth_services.token_issue(user=colleague, name="终端", valid_days=30)
    client.force_login(unit_admin)

    response = client.post(
        users_url("edit", colleague), user_post(colleague, password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    )

    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.check_password(NEW_PASSWORD) and colleague.password_changed_at is not None
    row = AuditEntry.objects.filter(
        action="action", object_type="org.user", object_id=str(colleague.pk)
    ).get()
    assert row.message == MSG_PASSWORD_RESET and row.user_id_copy == unit_admin.pk
    assert not still_signed_in(browser)
    assert api_get_me(key).status_code == 401


@pytest.mark.parametrize("switch_off", ["page", "bulk_edit", "form", "api"])
def test_reactivation_does_not_bring_back_old_sessions_or_tokens(client, unit_admin, colleague, switch_off):
    browser = signed_in_client("colleague")
    _token, key = auth_services.token_issue(user=colleague, name="终端", valid_days=30)
    client.force_login(unit_admin)

    if switch_off == "page":
        client.post(users_url("deactivate", colleague))
    elif switch_off == "bulk_edit":
        client.post(users_url("bulk_edit"), {"pk": [colleague.pk], "is_active": "false", "_apply": "1"})
    elif switch_off == "form":
        data = user_post(colleague)
        del data["is_active"]
        client.post(users_url("edit", colleague), data)
    else:
        client.patch(api_url(colleague), {"is_active": False}, content_type="application/json")
    colleague.refresh_from_db()
    assert not colleague.is_active
    client.post(users_url("activate", colleague))
    colleague.refresh_from_db()
    assert colleague.is_active

    assert not still_signed_in(browser)
    assert api_get_me(key).status_code == 401
    assert not ApiToken.objects.filter(user=colleague).exists()


# --- item 15: the department belongs to the unit, whatever the entry point --------------------------


def test_form_refuses_a_department_of_another_unit(client, city_admin, colleague, departments):
    client.force_login(city_admin)
    response = client.post(
        users_url("edit", colleague), user_post(colleague, department=departments["foreign"].pk)
    )
    assert response.context["form"].errors["department"] == [MSG_DEPARTMENT_OUTSIDE]


def test_bulk_edit_cannot_move_users_away_from_their_department(client, city, city_admin, departments):
    member = factories.user(city["yantian"], username="member", department=departments["own"])
    client.force_login(city_admin)

    response = client.post(
        users_url("bulk_edit"), {"pk": [member.pk], "unit": city["futian"].pk, "_apply": "1"}
    )

    assert response.status_code == 200
    assert MSG_DEPARTMENT_OUTSIDE in str(response.context["form"].non_field_errors())
    member.refresh_from_db()
    assert member.unit == city["yantian"]


def test_import_refuses_a_department_of_another_unit(client, city, city_admin, departments):
    client.force_login(city_admin)
    row = {
        "用户名": "yt-dept",
        "姓名": "王科",
        "单位": city["yantian"].name,
        "所属科室": str(departments["foreign"].pk),
    }
    response = client.post(users_url("import"), {"file": xlsx_upload([row])})
    errors = response.context["outcome"].errors
    assert [(e.column, e.message) for e in errors] == [("所属科室", MSG_DEPARTMENT_OUTSIDE)]
    assert not User.objects.filter(username="yt-dept").exists()


def test_import_accepts_a_department_of_the_unit(client, city, unit_admin, departments):
    client.force_login(unit_admin)
    row = {
        "用户名": "yt-dept",
        "姓名": "王科",
        "单位": city["yantian"].name,
        "所属科室": departments["own"].name,
    }
    preview = client.post(users_url("import"), {"file": xlsx_upload([row])})
    client.post(users_url("import"), {"token": preview.context["token"], "_confirm": "1"})
    assert User.objects.get(username="yt-dept").department == departments["own"]


def test_api_refuses_a_department_of_another_unit(client, city, city_admin, departments):
    member = factories.user(city["yantian"], username="member")
    client.force_login(city_admin)

    created = client.post(
        api_url(),
        {
            "username": "api-new",
            "display_name": "新",
            "unit": city["yantian"].pk,
            "department": departments["foreign"].pk,
        },
        content_type="application/json",
    )
    changed = client.patch(
        api_url(member), {"department": departments["foreign"].pk}, content_type="application/json"
    )

    assert created.status_code == changed.status_code == 400
    assert MSG_DEPARTMENT_OUTSIDE in str(created.json()) and MSG_DEPARTMENT_OUTSIDE in str(changed.json())
    assert not User.objects.filter(username="api-new").exists()
    member.refresh_from_db()
    assert member.department is None


def test_api_refuses_a_role_beyond_the_creators_own(client, city, unit_admin):
    strong = factories.role(["org.view_user", "core.view_auditentry"], DataScope.ALL, code="strong")
    client.force_login(unit_admin)
    response = client.post(
        api_url(),
        {"username": "api-strong", "display_name": "强", "unit": city["yantian"].pk, "roles": [strong.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not User.objects.filter(username="api-strong").exists()


def test_accounts_created_without_a_password_cannot_sign_in(city):
    user = user_create(user=User(username="nopass", display_name="无密码", unit=city["yantian"]), actor=None)
    assert not user.has_usable_password()
    assert attempt(Client(), "nopass", "").status_code == 200
