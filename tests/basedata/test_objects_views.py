"""Inspection-object screens and API: the generic suite, masking of personal data, scope, type-ahead, overview."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from tests import factories
from tests.base import BulkEditTests, DeleteTests, PrimaryObjectTests, RestrictedChoicesTests, streamed, xlsx_cells
from tests.basedata import people
from zhifa.basedata.models.objects import MSG_DUPLICATE_CREDIT_CODE, InspectedObject, ObjectKind, ObjectStatus
from zhifa.basedata.services.objects import object_counts_add
from zhifa.core.menu import menu_for
from zhifa.core.models import AuditEntry, UserTablePreference
from zhifa.core.scoping import DataScope
from zhifa.org.choices import Sector


_numbers = itertools.count(1)
VIEW = ("view",)


class TestInspectedObjectViews(PrimaryObjectTests, DeleteTests, BulkEditTests, RestrictedChoicesTests):
    model = InspectedObject
    key_field = "name"
    extra_permissions = ("org.view_unit", "org.view_region")
    url_prefix_api = "basedata-api"
    api_basename = "inspectedobject"
    choice_field = "unit"
    edit_field = "legal_representative"
    bulk_field = "status"
    bulk_value = ObjectStatus.REVOKED

    def create_data(self, city):
        return {
            "own": [people.inspected_object(city["yantian"], "张海景", kind=ObjectKind.INDIVIDUAL),
                    people.inspected_object(city["yantian"], "沙头角张记便利店")],
            "other": [people.inspected_object(city["futian"], "福田园岭茶馆有限公司"),
                      people.inspected_object(city["futian"], "园岭李记快餐店")],
        }

    def create_rows(self, city, count):
        for _ in range(count):
            people.inspected_object(city["yantian"], f"盐田测试公司{next(_numbers):04d}")

    def choice_objects(self, city, data):
        return city["yantian"], city["futian"]

    def form_data(self, city):
        return {
            "kind": ObjectKind.ENTERPRISE, "name": "盐田新登记餐饮有限公司", "credit_code": people.new_credit_code(),
            "legal_representative": "陈新", "industry_code": "H6210", "status": ObjectStatus.ACTIVE,
            "sector": Sector.MARKET_REGULATION, "region": city["regions"]["shatoujiao"].pk, "unit": city["yantian"].pk,
            "longitude": "114.236512", "latitude": "22.557421", "phone": "0755-25550000",
        }

    def invalid_form_data(self, city):
        return {**self.form_data(city), "credit_code": "91310110666007217U"}, "credit_code"

    def edit_data(self, city, obj):
        return {
            "kind": obj.kind, "name": obj.name, "credit_code": obj.credit_code, "legal_representative": "新代表人",
            "status": obj.status, "sector": obj.sector, "region": obj.region_id, "unit": obj.unit_id,
            "phone": obj.phone,
        }

    def bulk_edit_data(self, city):
        return {"status": ObjectStatus.REVOKED}


def test_registering_a_known_credit_code_is_refused_on_the_field(client, city):
    existing = people.inspected_object(city["yantian"], "已登记公司")
    client.force_login(TestInspectedObjectViews().make_tester(city, ("view", "add")))
    data = {**TestInspectedObjectViews().form_data(city), "credit_code": existing.credit_code}
    response = client.post(reverse("basedata:inspectedobject_add"), data)
    assert response.context["form"].errors["credit_code"] == [MSG_DUPLICATE_CREDIT_CODE]
    assert InspectedObject.objects.count() == 1


def test_registering_an_individual(client, city):
    client.force_login(TestInspectedObjectViews().make_tester(city, ("view", "add")))
    number = people.new_id_number()
    data = {"kind": ObjectKind.INDIVIDUAL, "name": "张三", "id_number": number.lower(), "status": ObjectStatus.ACTIVE,
            "sector": Sector.URBAN_MANAGEMENT, "region": city["regions"]["shatoujiao"].pk, "unit": city["yantian"].pk}
    response = client.post(reverse("basedata:inspectedobject_add"), data)
    assert response.status_code == 302, response.context["form"].errors
    person = InspectedObject.objects.get()
    assert (person.id_number, person.credit_code, person.pinyin_initials) == (number, None, "zs")


def test_add_form_starts_with_the_users_unit_and_region(client, city):
    client.force_login(TestInspectedObjectViews().make_tester(city, ("view", "add")))
    form = client.get(reverse("basedata:inspectedobject_add")).context["form"]
    assert form.initial["unit"] == city["yantian"].pk
    assert form.initial["region"] == city["yantian"].region_id


# --- masking of personal data: pages, export, API --------------------------------------------


@pytest.fixture
def person(city):
    return people.inspected_object(city["yantian"], "王小二", kind=ObjectKind.INDIVIDUAL, id_number=people.ID_NUMBER,
                                   phone=people.PHONE)


def reader(city, *, personal: bool, actions=VIEW):
    extra = [people.PERSONAL_DATA] if personal else []
    permissions = factories.model_permissions(InspectedObject, actions) + extra
    return factories.user(city["yantian"], roles=[factories.role(permissions, DataScope.UNIT)])


def showing_personal_columns(user):
    """``user`` with the list columns name, 身份证号 and 联系电话 chosen (saved like the column chooser does)."""
    UserTablePreference.objects.create(user=user, table="basedata.InspectedObjectTable",
                                       columns=["name", "id_number", "phone"])
    return user


def list_content(client) -> str:
    return client.get(reverse("basedata:inspectedobject_list"), {"q": "王小二"}).content.decode()


@pytest.mark.parametrize("actions", [VIEW, ("view", "change")])
def test_list_masks_id_number_and_phone_without_the_personal_data_permission(client, city, person, actions):
    client.force_login(showing_personal_columns(reader(city, personal=False, actions=actions)))
    content = list_content(client)
    assert people.MASKED_ID_NUMBER in content and people.MASKED_PHONE in content
    assert people.ID_NUMBER not in content and people.PHONE not in content


def test_list_shows_personal_data_to_holders_of_the_permission(client, city, person):
    client.force_login(showing_personal_columns(reader(city, personal=True)))
    content = list_content(client)
    assert people.ID_NUMBER in content and people.PHONE in content


@pytest.mark.parametrize(("personal", "id_shown", "phone_shown"), [
    (False, people.MASKED_ID_NUMBER, people.MASKED_PHONE),
    (True, people.ID_NUMBER, people.PHONE),
])
def test_detail_page_masks_unless_permitted_and_audits_the_read(client, city, person, personal, id_shown, phone_shown):
    client.force_login(reader(city, personal=personal))
    response = client.get(person.get_absolute_url())
    rows = {row.name: row.value for row in response.context["rows"]}
    assert (rows["id_number"], rows["phone"]) == (id_shown, phone_shown)
    if not personal:
        assert people.ID_NUMBER not in response.content.decode()
    assert AuditEntry.objects.filter(action="read", object_id=str(person.pk)).exists()


@pytest.mark.parametrize(("personal", "id_shown", "phone_shown"), [
    (False, people.MASKED_ID_NUMBER, people.MASKED_PHONE),
    (True, people.ID_NUMBER, people.PHONE),
])
def test_export_masks_unless_permitted(client, city, person, personal, id_shown, phone_shown):
    client.force_login(showing_personal_columns(reader(city, personal=personal)))
    rows = xlsx_cells(streamed(client.get(reverse("basedata:inspectedobject_export"))))
    assert rows[0] == ["名称/姓名", "身份证号", "联系电话"]
    assert rows[1:] == [["王小二", id_shown, phone_shown]]


@pytest.mark.parametrize(("personal", "id_shown", "phone_shown"), [
    (False, people.MASKED_ID_NUMBER, people.MASKED_PHONE),
    (True, people.ID_NUMBER, people.PHONE),
])
def test_api_masks_unless_permitted(client, city, person, personal, id_shown, phone_shown):
    client.force_login(reader(city, personal=personal))
    detail = client.get(f"/api/basedata/objects/{person.pk}/").json()
    listed = client.get("/api/basedata/objects/").json()["results"][0]
    for data in (detail, listed):
        assert (data["id_number"], data["phone"]) == (id_shown, phone_shown)


def test_editing_without_the_permission_neither_shows_nor_changes_personal_data(client, city, person):
    client.force_login(reader(city, personal=False, actions=("view", "change")))
    url = reverse("basedata:inspectedobject_edit", args=[person.pk])
    form_page = client.get(url).content.decode()
    assert people.ID_NUMBER not in form_page and people.PHONE not in form_page
    data = {"kind": person.kind, "name": "王小二", "legal_representative": "", "status": person.status,
            "sector": person.sector, "region": person.region_id, "unit": person.unit_id, "registered_address": "盐田区"}
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.id_number, person.phone, person.registered_address) == (people.ID_NUMBER, people.PHONE, "盐田区")


def test_search_box_does_not_look_into_id_numbers(client, city, person):
    client.force_login(reader(city, personal=False))
    response = client.get(reverse("basedata:inspectedobject_list"), {"q": people.ID_NUMBER[:10]})
    assert list(response.context["table"].data) == []


# --- scope: another district sees nothing -----------------------------------------------------


@pytest.fixture
def futian_officer(city):
    """A 福田 officer who may read everything of objects, including personal data, within the unit."""
    permissions = factories.model_permissions(InspectedObject, ("view", "change")) + [people.PERSONAL_DATA]
    return factories.user(city["futian"], roles=[factories.role(permissions, DataScope.SUBTREE)])


def test_an_officer_of_another_district_cannot_see_the_districts_objects(client, city, person, futian_officer):
    company = people.inspected_object(city["yantian"], "盐田海景餐厅有限公司")
    client.force_login(futian_officer)
    listed = client.get(reverse("basedata:inspectedobject_list")).context["table"].data
    assert list(listed) == []
    assert client.get(company.get_absolute_url()).status_code == 404
    assert client.get(reverse("basedata:inspectedobject_edit", args=[company.pk])).status_code == 404
    assert client.get(f"/api/basedata/objects/{person.pk}/").status_code == 404
    assert client.get("/api/basedata/objects/").json()["results"] == []
    search = client.get(reverse("basedata:inspectedobject_search"), {"q": "海景"})
    assert "盐田海景餐厅" not in search.content.decode()
    overview = client.get(reverse("basedata:inspectedobject_overview")).context["overview"]
    assert overview.total == 0


def test_city_wide_reader_sees_every_district(client, city):
    people.inspected_object(city["yantian"], "盐田海景餐厅有限公司")
    people.inspected_object(city["futian"], "福田园岭茶馆有限公司")
    role = factories.role(factories.model_permissions(InspectedObject, VIEW), DataScope.ALL)
    client.force_login(factories.user(city["bureau"], roles=[role]))
    names = {obj.name for obj in client.get(reverse("basedata:inspectedobject_list")).context["table"].data}
    assert names == {"盐田海景餐厅有限公司", "福田园岭茶馆有限公司"}


# --- type-ahead search ------------------------------------------------------------------------


@pytest.fixture
def shops(city):
    return {
        "haijing": people.inspected_object(city["yantian"], "盐田海景餐厅有限公司"),
        "yinhang": people.inspected_object(city["yantian"], "重庆银行盐田支行", credit_code="91310110666007217T"),
        "foreign": people.inspected_object(city["futian"], "福田海景酒店有限公司"),
    }


def typeahead(client, text: str) -> list[int]:
    response = client.get(reverse("basedata:inspectedobject_search"), {"q": text}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return [obj.pk for obj in response.context["results"]]


def test_typeahead_finds_by_name_code_and_pinyin_initials_within_scope(client, city, shops):
    client.force_login(reader(city, personal=False))
    assert typeahead(client, "海景") == [shops["haijing"].pk]
    assert typeahead(client, "9131011066") == [shops["yinhang"].pk]
    assert typeahead(client, "cqyh") == [shops["yinhang"].pk]
    assert typeahead(client, "HJCT") == [shops["haijing"].pk]
    assert typeahead(client, "") == []


def test_typeahead_ranks_names_starting_with_the_text_first(client, city, shops):
    second = people.inspected_object(city["yantian"], "海景路便利店")
    client.force_login(reader(city, personal=False))
    assert typeahead(client, "海景") == [second.pk, shops["haijing"].pk]


def test_typeahead_answers_an_htmx_partial_with_links(client, city, shops):
    client.force_login(reader(city, personal=False))
    response = client.get(reverse("basedata:inspectedobject_search"), {"q": "海景"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert shops["haijing"].get_absolute_url() in content
    assert "没有找到" in client.get(reverse("basedata:inspectedobject_search"), {"q": "不存在"}).content.decode()


def test_typeahead_needs_the_view_permission(client, city, shops):
    client.force_login(factories.user(city["yantian"]))
    assert client.get(reverse("basedata:inspectedobject_search"), {"q": "海景"}).status_code == 403


def test_list_page_offers_the_typeahead_box(client, city):
    client.force_login(reader(city, personal=False))
    content = client.get(reverse("basedata:inspectedobject_list")).content.decode()
    assert reverse("basedata:inspectedobject_search") in content
    assert 'data-testid="object-typeahead"' in content


# --- overview: city-wide and per sector -------------------------------------------------------


def test_overview_counts_by_district_and_sector(client, city):
    street = city["regions"]["shatoujiao"]
    people.inspected_object(city["yantian"], "甲", region=street, sector=Sector.MARKET_REGULATION)
    people.inspected_object(city["yantian"], "乙", sector=Sector.MARKET_REGULATION)
    people.inspected_object(city["yantian"], "丙", kind=ObjectKind.INDIVIDUAL, sector=Sector.URBAN_MANAGEMENT)
    people.inspected_object(city["futian"], "丁", sector=Sector.MARKET_REGULATION, status=ObjectStatus.CANCELLED)
    role = factories.role(factories.model_permissions(InspectedObject, VIEW), DataScope.ALL)
    client.force_login(factories.user(city["bureau"], roles=[role]))
    response = client.get(reverse("basedata:inspectedobject_overview"))
    overview = response.context["overview"]
    assert overview.sectors == [(Sector.MARKET_REGULATION, "市场监管"), (Sector.URBAN_MANAGEMENT, "城市管理")]
    cells = {row.label: row.cells for row in overview.rows}
    assert cells == {"福田区": [(Sector.MARKET_REGULATION, 1), (Sector.URBAN_MANAGEMENT, 0)],
                     "盐田区": [(Sector.MARKET_REGULATION, 2), (Sector.URBAN_MANAGEMENT, 1)]}
    assert overview.totals == [(Sector.MARKET_REGULATION, 3), (Sector.URBAN_MANAGEMENT, 1)]
    assert dict(overview.by_kind) == {"企业": 3, "个人": 1}
    assert dict(overview.by_status) == {"存续": 3, "注销": 1}
    content = response.content.decode()
    yantian = city["regions"]["yantian"]
    assert f"?region_id={yantian.pk}&amp;sector=market_regulation" in content


def test_list_filters_by_region_including_streets(client, city):
    street = city["regions"]["shatoujiao"]
    in_street = people.inspected_object(city["yantian"], "街道里的公司", region=street)
    in_district = people.inspected_object(city["yantian"], "区里的公司")
    role = factories.role([*factories.model_permissions(InspectedObject, VIEW), "org.view_region"])
    client.force_login(factories.user(city["yantian"], roles=[role]))
    response = client.get(reverse("basedata:inspectedobject_list"), {"region_id": city["regions"]["yantian"].pk})
    assert {obj.pk for obj in response.context["table"].data} == {in_street.pk, in_district.pk}
    response = client.get(reverse("basedata:inspectedobject_list"), {"region_id": street.pk})
    assert {obj.pk for obj in response.context["table"].data} == {in_street.pk}


def test_detail_shows_the_counts_of_later_modules(client, city):
    obj = people.inspected_object(city["yantian"], "海景餐厅")
    object_counts_add(inspected_object_id=obj.pk, inspections=4, cases=2, complaints=1)
    client.force_login(reader(city, personal=False))
    content = client.get(obj.get_absolute_url()).content.decode()
    assert 'data-testid="object-counts"' in content
    assert ">4</div>" in content and ">2</div>" in content


# --- API writes and the menu ------------------------------------------------------------------


def test_api_registration_refuses_a_bad_credit_code_naming_the_field(client, city):
    client.force_login(TestInspectedObjectViews().make_tester(city, ("view", "add")))
    data = {**TestInspectedObjectViews().form_data(city), "credit_code": "91310110666007217U"}
    response = client.post("/api/basedata/objects/", data, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert "credit_code" in str(body)
    assert "校验码错误，末位应为“T”" in str(body)
    assert not InspectedObject.objects.exists()


def test_api_registration_applies_the_kind_rules(client, city):
    client.force_login(TestInspectedObjectViews().make_tester(city, ("view", "add")))
    data = {**TestInspectedObjectViews().form_data(city), "credit_code": ""}
    response = client.post("/api/basedata/objects/", data, content_type="application/json")
    assert response.status_code == 400
    assert "企业和其他组织必须填写统一社会信用代码" in str(response.json())
    assert not InspectedObject.objects.exists()


def test_menu_offers_the_screens_the_user_may_open(city):
    reader_of_objects = reader(city, personal=False)
    labels = {item["label"] for group in menu_for(reader_of_objects) for item in group.items}
    assert {"检查对象库", "检查对象概览"} <= labels
    assert "执法人员" not in labels
