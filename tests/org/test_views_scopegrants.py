"""Cross-unit grant screens and API: the generic suite and the limit on region grants."""

import itertools

import pytest
from django.urls import reverse

from tests import factories
from tests.base import DeleteTests, PrimaryObjectTests, RestrictedChoicesTests
from zhifa.org.authority import MSG_GRANT_REGION
from zhifa.core.scoping import DataScope
from zhifa.org.models import ScopeGrant

_numbers = itertools.count(1)


def grant(grantee, unit, reason):
    return ScopeGrant.objects.create(grantee=grantee, unit=unit, reason=reason)


class TestScopeGrantViews(PrimaryObjectTests, DeleteTests, RestrictedChoicesTests):
    """A grant belongs to the unit of its grantee."""

    model = ScopeGrant
    api_basename = "scopegrant"
    extra_permissions = ("org.view_user", "org.view_unit", "org.view_region")
    key_field = "reason"
    choice_field = "grantee"
    edit_field = "reason"

    def create_data(self, city):
        yantian_officer = factories.user(city["yantian"], username="yt-helper")
        futian_officer = factories.user(city["futian"], username="ft-helper")
        return {
            "own": [grant(yantian_officer, city["yantian"], "盐田协助巡查"),
                    grant(yantian_officer, city["yantian"], "盐田专项检查")],
            "other": [grant(futian_officer, city["futian"], "福田协助巡查"),
                      grant(futian_officer, city["futian"], "福田专项检查")],
        }

    def create_rows(self, city, count):
        officer = factories.user(city["yantian"])
        for _ in range(count):
            grant(officer, city["yantian"], f"盐田临时授权{next(_numbers):04d}")

    def choice_objects(self, city, data):
        return data["own"][0].grantee, data["other"][0].grantee

    def owned_rows(self, tester, data):
        """A grant to the tester that passes on no view right, so owning it widens nothing they see."""
        return [ScopeGrant.objects.create(grantee=tester, unit=tester.unit, actions="add", reason="本人的授权")]

    def form_data(self, city):
        grantee = factories.user(city["yantian"])
        return {"grantee": grantee.pk, "unit": city["yantian"].pk, "include_subordinates": "on",
                "actions": ["view"], "reason": "协助办理节假日值班案件"}

    def invalid_form_data(self, city):
        return {**self.form_data(city), "valid_until": "下个月"}, "valid_until"

    def edit_data(self, city, obj):
        return {"grantee": obj.grantee_id, "unit": obj.unit_id or "", "region": obj.region_id or "",
                "actions": obj.action_list(), "reason": "改为协助专项整治"}


@pytest.fixture
def grant_admin(city):
    permissions = factories.model_permissions(ScopeGrant) + ["org.view_user", "org.view_unit", "org.view_region"]
    return factories.user(city["yantian"], roles=[factories.role(permissions)])


def test_region_grant_beyond_own_region_is_refused(client, city, grant_admin):
    client.force_login(grant_admin)
    data = {**TestScopeGrantViews().form_data(city), "unit": "", "region": city["regions"]["futian"].pk}
    response = client.post(TestScopeGrantViews().url("add"), data)
    assert response.context["form"].errors["region"] == [MSG_GRANT_REGION]
    assert not ScopeGrant.objects.filter(reason=data["reason"]).exists()


def test_region_grant_beyond_own_region_is_refused_in_the_api(client, city, grant_admin):
    client.force_login(grant_admin)
    grantee = factories.user(city["yantian"])
    response = client.post(
        TestScopeGrantViews().api_url(),
        {"grantee": grantee.pk, "region": city["regions"]["futian"].pk, "actions": ["view"], "reason": "越权"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "region"
    assert not ScopeGrant.objects.filter(reason="越权").exists()


def test_grant_actions_are_shown_in_chinese(client, city, grant_admin):
    grant(factories.user(city["yantian"]), city["yantian"], "显示测试").__class__.objects.filter(
        reason="显示测试"
    ).update(actions="view,change")
    client.force_login(grant_admin)
    table = client.get(TestScopeGrantViews().url("list"), {"q": "显示测试"}).context["table"]
    [row] = list(table.paginated_rows)
    assert row.get_cell_value("actions") == "查看、修改"


GRANT_PERMISSIONS = factories.model_permissions(ScopeGrant) + ["org.view_user", "org.view_unit", "org.view_region"]


@pytest.fixture
def justice_admin(city):
    """司法局管理员: manages grants city-wide but holds no ``org.change_user``."""
    return factories.user(city["bureau"], roles=[factories.role(GRANT_PERMISSIONS, DataScope.REGION)],
                          username="justice")


@pytest.fixture
def yantian_user_admin(city):
    permissions = ["org.view_user", "org.change_user"]
    return factories.user(city["yantian"], roles=[factories.role(permissions, DataScope.SUBTREE)], username="ytadmin")


def change_grant(grantee, unit) -> dict:
    return {"grantee": grantee.pk, "unit": unit.pk, "include_subordinates": "on", "actions": ["view", "change"],
            "reason": "协助福田整理用户"}


def test_a_grant_cannot_pass_on_an_action_the_grantor_lacks_there(client, city, justice_admin, yantian_user_admin):
    client.force_login(justice_admin)

    response = client.post(TestScopeGrantViews().url("add"), change_grant(yantian_user_admin, city["futian"]))

    [message] = response.context["form"].errors["actions"]
    assert message.startswith("不能授予您在该范围内没有的操作“修改”") and "修改用户" in message
    assert not ScopeGrant.objects.exists()
    futian_user = factories.user(city["futian"], username="ft-target")
    client.force_login(yantian_user_admin)
    edit = client.patch(reverse("org-api:user-detail", args=[futian_user.pk]), {"title": "被改"},
                        content_type="application/json")
    assert edit.status_code == 404


def test_the_api_refuses_the_same_grant(client, city, justice_admin, yantian_user_admin):
    client.force_login(justice_admin)
    data = {**change_grant(yantian_user_admin, city["futian"]), "include_subordinates": True}
    response = client.post(TestScopeGrantViews().api_url(), data, content_type="application/json")
    assert response.status_code == 400 and response.json()["field"] == "actions"
    assert not ScopeGrant.objects.exists()


def test_a_grantor_holding_the_action_there_may_pass_it_on(client, city, yantian_user_admin):
    permissions = [*GRANT_PERMISSIONS, "org.change_user"]
    grantor = factories.user(city["bureau"], roles=[factories.role(permissions, DataScope.REGION)])
    client.force_login(grantor)
    response = client.post(TestScopeGrantViews().url("add"), change_grant(yantian_user_admin, city["futian"]))
    assert response.status_code == 302
    assert ScopeGrant.objects.get().action_list() == ["view", "change"]


def test_a_unit_scoped_grantor_cannot_hand_out_a_whole_district(client, city, yantian_user_admin):
    permissions = [*GRANT_PERMISSIONS, "org.change_user"]
    grantor = factories.user(city["yantian"], roles=[factories.role(permissions, DataScope.UNIT)])
    client.force_login(grantor)
    data = {**change_grant(yantian_user_admin, city["yantian"]), "unit": "", "region": city["regions"]["yantian"].pk}
    response = client.post(TestScopeGrantViews().url("add"), data)
    assert "actions" in response.context["form"].errors
    assert not ScopeGrant.objects.exists()


def test_a_role_added_later_cannot_widen_through_an_existing_grant(client, city, justice_admin):
    helper = factories.user(city["yantian"], roles=[factories.role(["org.view_user"], DataScope.UNIT)])
    client.force_login(justice_admin)
    data = {"grantee": helper.pk, "unit": city["futian"].pk, "include_subordinates": "on", "actions": ["view"],
            "reason": "协助福田核对人员"}
    assert client.post(TestScopeGrantViews().url("add"), data).status_code == 302
    admin_permissions = ["org.view_user", "org.change_user", "org.view_role", "basedata.view_inspectedobject"]
    unit_admin = factories.user(city["yantian"], roles=[factories.role(admin_permissions, DataScope.SUBTREE)])
    objects_role = factories.role(["basedata.view_inspectedobject"], DataScope.UNIT, code="objects-reader")
    client.force_login(unit_admin)

    response = client.patch(reverse("org-api:user-detail", args=[helper.pk]),
                            {"roles": [*helper.roles.values_list("pk", flat=True), objects_role.pk]},
                            content_type="application/json")

    assert response.status_code == 400 and response.json()["field"] == "roles"
    assert not helper.roles.filter(pk=objects_role.pk).exists()
