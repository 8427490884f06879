"""Power list (权责清单): screens and API through the generic framework, versions with a readable diff."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tests.base import BulkEditTests, DeleteTests, ImportTests, PrimaryObjectTests, RestrictedChoicesTests
from zhifa.basedata.models.powers import MSG_DUPLICATE_CODE, Power, PowerKind, PowerVersion
from zhifa.basedata.services.powers import MSG_REASON_REQUIRED, power_create, power_update

_codes = itertools.count(1)


def make_power(unit, *, code=None, name="对占道经营的处罚", kind=PowerKind.PENALTY, subjects=(), user=None):
    power = Power(code=code or f"P-{next(_codes):05d}", name=name, kind=kind, unit=unit, time_limit_days=90)
    return power_create(power=power, changed_by=user, subjects=list(subjects) or [unit])


def power_post(obj: Power, **changes) -> dict:
    data = {"code": obj.code, "name": obj.name, "kind": obj.kind, "subjects": [u.pk for u in obj.subjects.all()],
            "time_limit_days": obj.time_limit_days or "", "unit": obj.unit_id, "is_active": "on"}
    data.update(changes)
    return data


class TestPowerViews(PrimaryObjectTests, DeleteTests, BulkEditTests, ImportTests, RestrictedChoicesTests):
    model = Power
    key_field = "code"
    extra_permissions = ("org.view_unit", "basedata.view_article")
    url_prefix_api = "basedata-api"
    api_basename = "power"
    choice_field = "unit"
    edit_field = "name"
    bulk_field = "kind"
    bulk_value = PowerKind.INSPECTION

    def create_data(self, city):
        return {
            "own": [make_power(city["yantian"], code="YT-0001"), make_power(city["yantian"], code="YT-0002")],
            "other": [make_power(city["futian"], code="FT-0001"), make_power(city["futian"], code="FT-0002")],
        }

    def create_rows(self, city, count):
        for _ in range(count):
            make_power(city["yantian"])

    def choice_objects(self, city, data):
        return city["yantian"], city["futian"]

    def form_data(self, city):
        return {"code": "YT-0900", "name": "对擅自设置户外广告的处罚", "kind": PowerKind.PENALTY,
                "subjects": [city["yantian"].pk], "time_limit_days": "60", "unit": city["yantian"].pk,
                "is_active": "on"}

    def invalid_form_data(self, city):
        return {**self.form_data(city), "code": "坏 编码"}, "code"

    def edit_data(self, city, obj):
        return power_post(obj, name="对占道经营行为的处罚", change_reason="依据条例修订调整名称")

    def bulk_edit_data(self, city):
        return {"kind": PowerKind.INSPECTION, "change_reason": "统一类别"}

    def import_rows(self, city):
        return [
            {"职权编码": "YT-0801", "职权名称": "对乱倒垃圾的处罚", "职权类别": "行政处罚",
             "实施主体": city["yantian"].name, "办理时限（日）": "90", "维护单位": city["yantian"].name},
            {"职权编码": "YT-0802", "职权名称": "市容环境卫生检查", "职权类别": "行政检查", "实施主体": "",
             "办理时限（日）": "", "维护单位": city["yantian"].name},
        ]

    def bad_import_row(self, city):
        return {"职权编码": "YT-0803", "职权名称": "对乱张贴的处罚", "职权类别": "天文观测", "实施主体": "",
                "办理时限（日）": "30", "维护单位": city["yantian"].name}, "职权类别"

    def imported(self, row):
        return Power.objects.get(code=row["职权编码"])


# --- versions -----------------------------------------------------------------------------------


def test_create_writes_version_one(city):
    power = make_power(city["yantian"], code="V-0001")
    version = power.versions.get()
    assert (version.version, version.reason) == (1, "新建")
    assert version.data["subjects"] == [city["yantian"].name]


def test_update_keeps_who_why_and_a_readable_diff(city):
    editor = factories.user(city["yantian"], display_name="张三")
    power = make_power(city["yantian"], code="V-0002")
    power.kind = PowerKind.COERCION
    power.time_limit_days = 30
    power_update(power=power, reason="机构改革调整", changed_by=editor, subjects=[city["yantian"], city["futian"]])
    latest = power.versions.order_by("-version").first()
    assert (power.version, latest.version, latest.changed_by, latest.reason) == (2, 2, editor, "机构改革调整")
    rows = {row["label"]: (row["before"], row["after"]) for row in latest.changes}
    assert rows["职权类别"] == ("行政处罚", "行政强制")
    assert rows["办理时限（日）"] == ("90", "30")
    assert rows["实施主体"] == (city["yantian"].name, "、".join(sorted([city["yantian"].name, city["futian"].name])))


def test_update_without_reason_is_refused_and_nothing_changes(city):
    power = make_power(city["yantian"], code="V-0003")
    power.name = "改过的名称"
    with pytest.raises(ValidationError) as caught:
        power_update(power=power, reason=" ")
    assert caught.value.message_dict == {"change_reason": [MSG_REASON_REQUIRED]}
    assert Power.objects.get(pk=power.pk).name == "对占道经营的处罚"
    assert PowerVersion.objects.filter(power=power).count() == 1


def test_duplicate_code_is_refused_in_chinese(city):
    make_power(city["yantian"], code="V-0004")
    with pytest.raises(ValidationError) as caught:
        make_power(city["futian"], code="V-0004")
    assert caught.value.message_dict["code"] == [MSG_DUPLICATE_CODE]


def test_edit_screen_records_the_version_and_detail_shows_history(client, city):
    permissions = factories.model_permissions(Power, ["view", "change"]) + ["org.view_unit"]
    client.force_login(factories.user(city["yantian"], roles=[factories.role(permissions)]))
    power = make_power(city["yantian"], code="V-0005")
    response = client.post(f"/basedata/powers/{power.pk}/edit/", power_post(power, time_limit_days="15",
                                                                            change_reason="缩短办理时限"))
    assert response.status_code == 302
    detail = client.get(f"/basedata/powers/{power.pk}/").content.decode()
    assert "缩短办理时限" in detail and "第2版" in detail and "90 → 15" in detail


def test_edit_screen_without_reason_saves_nothing(client, city):
    permissions = factories.model_permissions(Power, ["view", "change"]) + ["org.view_unit"]
    client.force_login(factories.user(city["yantian"], roles=[factories.role(permissions)]))
    power = make_power(city["yantian"], code="V-0006")
    response = client.post(f"/basedata/powers/{power.pk}/edit/", power_post(power, time_limit_days="15"))
    assert response.status_code == 200
    assert Power.objects.get(pk=power.pk).time_limit_days == 90


def test_list_filters_by_kind_and_subject(client, city):
    permissions = factories.model_permissions(Power, ["view"]) + ["org.view_unit"]
    client.force_login(factories.user(city["yantian"], roles=[factories.role(permissions)]))
    make_power(city["yantian"], code="K-0001", kind=PowerKind.INSPECTION)
    make_power(city["yantian"], code="K-0002", kind=PowerKind.PENALTY)
    page = client.get("/basedata/powers/", {"kind": PowerKind.INSPECTION}).content.decode()
    assert "K-0001" in page and "K-0002" not in page
    api = client.get("/api/basedata/powers/", {"subjects_id": city["yantian"].pk, "q": "K-0002"}).json()
    assert [row["code"] for row in api["results"]] == ["K-0002"]
