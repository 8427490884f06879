"""Unit screens and API: the generic suite, plus versioning with a reason and the scope re-check."""

import itertools

import pytest

from tests import factories
from tests.base import (
    BulkEditTests,
    ImportTests,
    PrimaryObjectTests,
    RestrictedChoicesTests,
)
from zhifa.core.scoping import DataScope
from zhifa.core.views.generic.writes import OUT_OF_SCOPE_MESSAGE
from zhifa.org.choices import Sector, UnitKind
from zhifa.org.forms.administration import MSG_BAD_CREDIT_CODE, MSG_REASON_REQUIRED
from zhifa.org.models import Unit, UnitVersion
from zhifa.org.services.units import MSG_MOVE_OWN_UNIT, MSG_REGION_OUTSIDE_PARENT

_numbers = itertools.count(1)


def department(name, agency):
    return factories.unit(name, agency.region, kind=UnitKind.DEPARTMENT, parent=agency)


def unit_post(unit, **changes) -> dict:
    """The edit form as a browser would post it for ``unit``, with ``changes`` applied."""
    data = {
        "name": unit.name, "short_name": unit.short_name, "kind": unit.kind, "level": unit.level,
        "sector": unit.sector, "parent": unit.parent_id or "", "region": unit.region_id,
        "credit_code": unit.credit_code, "number_prefix": unit.number_prefix, "address": unit.address,
        "phone": unit.phone, "change_reason": "测试修改",
    }
    if unit.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return data


class TestUnitViews(PrimaryObjectTests, BulkEditTests, ImportTests, RestrictedChoicesTests):
    model = Unit
    data_scope = DataScope.SUBTREE
    extra_permissions = ("org.view_region",)
    key_field = "name"
    choice_field = "parent"
    edit_field = "phone"
    bulk_field = "sector"
    bulk_value = Sector.URBAN_MANAGEMENT

    def create_data(self, city):
        return {
            "own": [city["yantian"], department("盐田区执法一中队", city["yantian"])],
            "other": [city["futian"], department("福田区执法一中队", city["futian"])],
        }

    def create_rows(self, city, count):
        for _ in range(count):
            department(f"盐田区执法队{next(_numbers):04d}", city["yantian"])

    def choice_objects(self, city, data):
        return city["yantian"], city["futian"]

    def form_data(self, city):
        return {
            "name": "盐田区沙头角执法中队", "kind": UnitKind.DEPARTMENT, "level": "district", "sector": "general",
            "parent": city["yantian"].pk, "region": city["regions"]["yantian"].pk, "is_active": "on",
        }

    def invalid_form_data(self, city):
        return {**self.form_data(city), "credit_code": "91440300XXXXXXXXXX"}, "credit_code"

    def edit_data(self, city, obj):
        return unit_post(obj, phone="0755-25228888")

    def bulk_edit_data(self, city):
        return {"sector": Sector.URBAN_MANAGEMENT, "change_reason": "统一调整执法领域"}

    def import_rows(self, city):
        return [
            {"名称": "盐田区导入中队一", "类型": "科室/中队", "层级": "区级", "上级单位": city["yantian"].name,
             "所在区划": "440308"},
            {"名称": "盐田区导入中队二", "类型": "department", "层级": "区级", "上级单位": str(city["yantian"].pk),
             "所在区划": "440308"},
        ]

    def bad_import_row(self, city):
        return {"名称": "盐田区导入中队三", "类型": "不存在的类型", "层级": "区级", "上级单位": city["yantian"].name,
                "所在区划": "440308"}, "类型"

    def imported(self, row):
        return Unit.objects.get(name=row["名称"])


@pytest.fixture
def admin(city):
    role = factories.role(
        factories.model_permissions(Unit) + ["org.view_region"], DataScope.SUBTREE
    )
    return factories.user(city["yantian"], roles=[role])


def test_bad_credit_code_is_explained_next_to_the_field(client, city, admin):
    client.force_login(admin)
    response = client.post(
        TestUnitViews().url("add"), {**TestUnitViews().form_data(city), "credit_code": "123"}
    )
    assert response.context["form"].errors["credit_code"] == [MSG_BAD_CREDIT_CODE]


def test_change_needs_a_reason_and_makes_a_new_version(client, city, admin):
    client.force_login(admin)
    team = department("盐田区执法二中队", city["yantian"])
    url = TestUnitViews().url("edit", team)

    refused = client.post(url, unit_post(team, phone="0755-1", change_reason=""))
    assert refused.context["form"].errors["change_reason"]
    team.refresh_from_db()
    assert (team.phone, team.version) == ("", 1)

    client.post(url, unit_post(team, phone="0755-2", change_reason="更换值班电话"))
    team.refresh_from_db()
    latest = UnitVersion.objects.get(unit=team, version=2)
    assert (team.phone, team.version, latest.reason, latest.changed_by) == ("0755-2", 2, "更换值班电话", admin)


def test_api_change_without_reason_is_refused_with_the_field(client, city, admin):
    client.force_login(admin)
    team = department("盐田区执法三中队", city["yantian"])
    response = client.patch(
        TestUnitViews().api_url(team), {"phone": "0755-3"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "change_reason"
    assert response.json()["message"].endswith(MSG_REASON_REQUIRED)
    team.refresh_from_db()
    assert team.version == 1


def test_moving_a_unit_out_of_own_subtree_is_rolled_back(client, city, admin):
    """Clearing the parent would lift the squad out of the admin's subtree: refused, nothing saved."""
    client.force_login(admin)
    team = department("盐田区执法四中队", city["yantian"])
    response = client.post(TestUnitViews().url("edit", team), unit_post(team, parent=""))
    assert OUT_OF_SCOPE_MESSAGE in response.context["form"].non_field_errors()
    team.refresh_from_db()
    assert (team.parent, team.version, team.path) == (city["yantian"], 1, f"{city['yantian'].path}{team.pk}/")
    assert not UnitVersion.objects.filter(unit=team, version=2).exists()


def test_detail_shows_each_version_with_readable_changes(client, city, admin):
    client.force_login(admin)
    team = department("盐田区执法五中队", city["yantian"])
    client.post(
        TestUnitViews().url("edit", team),
        unit_post(team, sector=Sector.URBAN_MANAGEMENT, change_reason="划入城管领域"),
    )
    response = client.get(TestUnitViews().url("detail", team))
    newest = response.context["versions"][0]
    assert newest["version"].reason == "划入城管领域"
    assert newest["changes"] == [{"label": "领域", "before": "综合", "after": "城市管理"}]
    assert "划入城管领域" in response.content.decode()


def test_region_filter_includes_subordinate_regions(client, city, admin):
    client.force_login(admin)
    response = client.get(TestUnitViews().url("list"), {"region_id": city["regions"]["city"].pk})
    assert city["yantian"] in set(response.context["table"].data)


def test_api_cannot_move_a_unit_out_of_own_subtree(client, city, admin):
    client.force_login(admin)
    team = department("盐田区执法六中队", city["yantian"])
    response = client.patch(
        TestUnitViews().api_url(team), {"parent": None, "change_reason": "独立"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == OUT_OF_SCOPE_MESSAGE
    team.refresh_from_db()
    assert (team.parent, team.version) == (city["yantian"], 1)


def test_ancestor_filter_lists_everything_below_a_unit(client, city, admin):
    team = department("盐田区执法七中队", city["yantian"])
    client.force_login(admin)
    response = client.get(TestUnitViews().api_url(), {"ancestor_id": city["yantian"].pk})
    assert [row["id"] for row in response.json()["results"]] == [team.pk]


@pytest.fixture
def unit_admin(city):
    """盐田区城管局's own administrator: changes units of the agency and below."""
    role = factories.role(factories.model_permissions(Unit, ["view", "add", "change"]) + ["org.view_region"],
                          DataScope.SUBTREE)
    return factories.user(city["yantian"], roles=[role])


def test_a_unit_admin_cannot_move_their_own_unit_to_another_region(client, city, unit_admin):
    client.force_login(unit_admin)
    agency = city["yantian"]
    response = client.post(TestUnitViews().url("edit", agency),
                           unit_post(agency, region=city["regions"]["futian"].pk, change_reason="迁出"))
    assert response.context["form"].errors["region"] == [MSG_MOVE_OWN_UNIT.format(field="所在区划")]
    agency.refresh_from_db()
    assert (agency.region, agency.version) == (city["regions"]["yantian"], 1)


def test_nor_through_the_api_or_bulk_edit(client, city, unit_admin):
    client.force_login(unit_admin)
    agency = city["yantian"]
    api = client.patch(TestUnitViews().api_url(agency), {"region": city["regions"]["futian"].pk, "change_reason": "迁出"},
                       content_type="application/json")
    bulk = client.post(TestUnitViews().url("bulk_edit"), {"pk": [agency.pk], "region": city["regions"]["futian"].pk,
                                                          "change_reason": "迁出", "_apply": "1"})
    assert api.status_code == 400 and api.json()["field"] == "region"
    assert bulk.status_code == 200 and MSG_MOVE_OWN_UNIT.format(field="所在区划") in str(bulk.context["form"].errors)
    agency.refresh_from_db()
    assert agency.region == city["regions"]["yantian"]


def test_a_unit_admin_cannot_hang_their_unit_under_another_parent(client, city, unit_admin):
    client.force_login(unit_admin)
    agency = city["yantian"]
    response = client.patch(TestUnitViews().api_url(agency), {"parent": city["bureau"].pk, "change_reason": "改隶"},
                            content_type="application/json")
    assert response.status_code == 400
    agency.refresh_from_db()
    assert agency.parent is None


def test_a_unit_below_stays_inside_its_parents_region(client, city, unit_admin):
    client.force_login(unit_admin)
    team = department("盐田区执法八中队", city["yantian"])
    response = client.post(TestUnitViews().url("edit", team),
                           unit_post(team, region=city["regions"]["futian"].pk, change_reason="迁出"))
    assert response.context["form"].errors["region"] == [MSG_REGION_OUTSIDE_PARENT]
    moved = client.post(TestUnitViews().url("edit", team),
                        unit_post(team, region=city["regions"]["shatoujiao"].pk, change_reason="划入街道"))
    assert moved.status_code == 302
    team.refresh_from_db()
    assert team.region == city["regions"]["shatoujiao"]


def test_the_level_above_may_move_a_unit(client, city):
    role = factories.role(factories.model_permissions(Unit, ["view", "change"]) + ["org.view_region"], DataScope.ALL)
    city_admin = factories.user(city["bureau"], roles=[role])
    client.force_login(city_admin)
    agency = city["yantian"]
    response = client.patch(TestUnitViews().api_url(agency), {"region": city["regions"]["futian"].pk,
                                                              "change_reason": "机构改革"},
                            content_type="application/json")
    assert response.status_code == 200
    agency.refresh_from_db()
    assert agency.region == city["regions"]["futian"]
