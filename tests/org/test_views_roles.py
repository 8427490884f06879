"""Role screens and API: the generic suite, permissions edited as data, built-in roles kept."""

import itertools

import pytest
from django.contrib.auth.models import Permission

from tests import factories
from tests.base import DeleteTests, PrimaryObjectTests
from zhifa.core.scoping import DataScope
from zhifa.org.authority import MSG_PERMISSION_NOT_HELD
from zhifa.org.models import Role
from zhifa.org.services.roles import MSG_BUILTIN_ROLE

_numbers = itertools.count(1)


def permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


class TestRoleViews(PrimaryObjectTests, DeleteTests):
    """Roles are shared reference data: anyone holding the permission sees every role."""

    model = Role
    scoped = False
    extra_permissions = ("org.view_unit",)
    key_field = "code"
    edit_field = "name"

    def create_data(self, city):
        return {
            "own": [factories.role(["org.view_unit"], code="test-inspector"), factories.role([], code="test-reader")],
            "other": [factories.role(["org.view_unit"], DataScope.REGION, code="test-supervisor")],
        }

    def create_rows(self, city, count):
        for _ in range(count):
            factories.role(["org.view_unit"], code=f"bulk-role-{next(_numbers):04d}")

    def form_data(self, city):
        return {"code": "night-shift", "name": "执法队长", "data_scope": DataScope.UNIT,
                "permissions": [permission("org.view_unit").pk]}

    def invalid_form_data(self, city):
        return {**self.form_data(city), "code": "队长 role"}, "code"

    def edit_data(self, city, obj):
        return {"code": obj.code, "name": "改名后的角色", "data_scope": obj.data_scope,
                "permissions": list(obj.permissions.values_list("pk", flat=True))}


@pytest.fixture
def role_admin(city):
    permissions = factories.model_permissions(Role) + ["org.view_unit"]
    return factories.user(city["yantian"], roles=[factories.role(permissions, DataScope.UNIT)])


def test_cannot_grant_a_permission_not_held(client, city, role_admin):
    client.force_login(role_admin)
    data = {**TestRoleViews().form_data(city), "permissions": [permission("org.delete_unit").pk]}
    response = client.post(TestRoleViews().url("add"), data)
    assert response.context["form"].errors["permissions"] == [
        MSG_PERMISSION_NOT_HELD.format(perms=permission("org.delete_unit").name)
    ]
    assert not Role.objects.filter(code="night-shift").exists()


def test_cannot_widen_the_reach_beyond_own(client, city, role_admin):
    client.force_login(role_admin)
    data = {**TestRoleViews().form_data(city), "data_scope": DataScope.ALL}
    response = client.post(TestRoleViews().url("add"), data)
    assert "permissions" in response.context["form"].errors
    assert not Role.objects.filter(code="night-shift").exists()


def test_permissions_are_offered_grouped_with_chinese_names(client, city, role_admin):
    client.force_login(role_admin)
    groups = client.get(TestRoleViews().url("add")).context["form"].permission_groups()
    org = next(group for group in groups if group["label"] == "组织与用户")
    unit = next(model for model in org["models"] if model["label"] == "单位")
    assert [p["label"] for p in unit["permissions"]] == ["新增", "修改", "删除", "查看"]


def test_builtin_role_is_never_deleted(client, city, role_admin):
    builtin = factories.role([], code="builtin-admin", is_builtin=True)
    client.force_login(role_admin)
    response = client.post(TestRoleViews().url("delete", builtin), follow=True)
    assert MSG_BUILTIN_ROLE.format(role=builtin) in response.content.decode()
    bulk = client.post(TestRoleViews().url("bulk_delete"), {"pk": [builtin.pk], "_confirm": "1"})
    assert MSG_BUILTIN_ROLE.format(role=builtin) in bulk.content.decode()
    api = client.delete(TestRoleViews().api_url(builtin))
    assert api.status_code == 409
    assert Role.objects.filter(pk=builtin.pk).exists()


def test_editing_a_builtin_role_warns_that_the_sync_restores_it(client, city, role_admin):
    builtin = factories.role([], code="builtin-editable", is_builtin=True)
    own = factories.role([], code="site-role")
    client.force_login(role_admin)
    assert 'data-testid="builtin-role-note"' in client.get(TestRoleViews().url("edit", builtin)).content.decode()
    assert 'data-testid="builtin-role-note"' not in client.get(TestRoleViews().url("edit", own)).content.decode()
