"""Record library (执法全记录库): batch validation, the arrival monitor's aggregates and its scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.base import AccessTests, DetailTests, ListTests
from tests.personal_data import HistoryCardTests, PersonalDataTests
from tests.reach import ScopeTests
from zhifa.basedata.models.records import RecordBatch, RecordKind
from zhifa.basedata.services.records import arrival_chart, record_batch_receive
from zhifa.core.actor import Channel, actor_context


GOOD_CODE = "91110000600037341L"


def inspection(number: int, **values) -> dict:
    return {"record_id": f"JC{number:04d}", "object_name": "某餐饮店", "credit_code": GOOD_CODE,
            "inspected_on": "2026-03-01", **values}


def receive(unit, kind=RecordKind.INSPECTION, records=None, *, days_ago=0, system="市场监管执法系统"):
    when = timezone.now() - dt.timedelta(days=days_ago)
    with actor_context(channel=Channel.SYSTEM):
        return record_batch_receive(source_unit=unit, source_system=system, kind=kind,
                                    records=records if records is not None else [inspection(1)], received_at=when)


def viewer(city, unit="yantian"):
    role = factories.role(factories.model_permissions(RecordBatch, ("view",)) + ["org.view_unit"], "unit")
    return factories.user(city[unit], roles=[role])


def test_validation_errors_are_counted_and_listed(city):
    records = [
        inspection(1),
        inspection(2, object_name="", inspected_on="2026-02-30"),
        inspection(3, credit_code="91110000600037341X"),
        "不是对象",
    ]
    batch = receive(city["yantian"], records=records)
    batch.refresh_from_db()
    assert (batch.record_count, batch.error_count) == (4, 3)
    assert batch.errors == [
        {"row": 2, "message": "缺少必填字段“当事人名称”"},
        {"row": 2, "message": "“检查日期”不是有效日期（应为年-月-日，如 2026-12-06）：2026-02-30"},
        {"row": 3, "message": "统一社会信用代码无效：91110000600037341X"},
        {"row": 4, "message": "记录格式错误：应为对象（键值对）"},
    ]
    assert len(batch.payload_sha256) == 64


def test_required_keys_depend_on_the_kind(city):
    batch = receive(city["yantian"], RecordKind.PUNISHMENT, [inspection(1)])
    assert batch.error_count == 1
    assert [e["message"] for e in batch.errors] == ["缺少必填字段“决定书文号”",
                                                    "缺少必填字段“决定日期”"]


def test_unknown_kind_is_refused_and_nothing_stored(city):
    with pytest.raises(ValueError, match="记录类型“arrest”无效"):
        receive(city["yantian"], "arrest")
    assert not RecordBatch.objects.exists()


def test_same_payload_gives_same_digest(city):
    first = receive(city["yantian"], records=[inspection(1), inspection(2)])
    second = receive(city["yantian"], records=[inspection(1), inspection(2)])
    third = receive(city["yantian"], records=[inspection(2), inspection(1)])
    assert first.payload_sha256 == second.payload_sha256 != third.payload_sha256


def test_monitor_aggregates_per_day_source_and_kind(client, city):
    receive(city["yantian"], records=[inspection(1), inspection(2)], days_ago=1)
    receive(city["yantian"], records=[inspection(3), inspection(4, inspected_on="")], days_ago=1)
    receive(city["yantian"], RecordKind.PERMIT, [{"record_id": "XK1"}], days_ago=1)
    receive(city["yantian"], records=[inspection(5)], days_ago=0)
    client.force_login(viewer(city))
    response = client.get(reverse("basedata:recordbatch_monitor"), {"period": "7"})
    assert response.status_code == 200
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    rows = [(r["day"], r["source_unit"], r["kind"], r["batches"], r["records"], r["errors"])
            for r in response.context["rows"]]
    name = city["yantian"].name
    assert sorted(rows) == sorted([
        (yesterday, name, RecordKind.INSPECTION, 2, 4, 1),
        (yesterday, name, RecordKind.PERMIT, 1, 1, 1),
        (today, name, RecordKind.INSPECTION, 1, 1, 0),
    ])
    chart = response.context["chart"]
    assert len(chart["days"]) == 7 and chart["days"][-1] == today.isoformat()
    lines = {line["name"]: line["data"] for line in chart["series"]}
    assert lines == {name: [0, 0, 0, 0, 0, 5, 1]}  # one line per source unit, every kind together
    content = response.content.decode()
    assert 'id="arrival-data"' in content and "vendor/echarts/echarts.min.js" in content
    assert "cdn" not in content.lower()


def test_monitor_filters_by_kind_source_and_period(client, city):
    receive(city["yantian"], records=[inspection(1)], days_ago=1)
    receive(city["yantian"], RecordKind.PERMIT,
            [{"record_id": "XK1", "object_name": "甲", "permit_number": "X1", "issued_on": "2026-01-01"}], days_ago=1)
    receive(city["yantian"], records=[inspection(2)], days_ago=20)
    client.force_login(viewer(city))
    url = reverse("basedata:recordbatch_monitor")
    by_kind = client.get(url, {"period": "30", "kind": RecordKind.PERMIT}).context["rows"]
    assert [(r["kind"], r["records"]) for r in by_kind] == [(RecordKind.PERMIT, 1)]
    recent = client.get(url, {"period": "7"}).context["rows"]
    assert sum(r["records"] for r in recent) == 2
    by_source = client.get(url, {"period": "30", "source_unit": city["yantian"].pk}).context["rows"]
    assert sum(r["records"] for r in by_source) == 3


def test_another_districts_batches_are_invisible(client, city):
    receive(city["yantian"], records=[inspection(1)])
    foreign = receive(city["futian"], records=[inspection(2), inspection(3)], system="福田系统")
    client.force_login(viewer(city))
    response = client.get(reverse("basedata:recordbatch_monitor"))
    assert {r["source_unit"] for r in response.context["rows"]} == {city["yantian"].name}
    assert "福田" not in response.content.decode().split('id="arrival-data"')[1]
    assert city["futian"] not in response.context["form"].fields["source_unit"].queryset
    filtered = client.get(reverse("basedata:recordbatch_monitor"), {"source_unit": city["futian"].pk})
    assert "source_unit" in filtered.context["form"].errors
    assert {r["source_unit"] for r in filtered.context["rows"]} == {city["yantian"].name}
    assert client.get(reverse("basedata:recordbatch_detail", args=[foreign.pk])).status_code == 404
    listed = {b.pk for b in client.get(reverse("basedata:recordbatch_list")).context["table"].data}
    assert foreign.pk not in listed


def test_monitor_needs_the_view_permission(client, city):
    client.force_login(factories.user(city["yantian"]))
    assert client.get(reverse("basedata:recordbatch_monitor")).status_code == 403


def test_batch_detail_lists_the_errors(client, city):
    batch = receive(city["yantian"], records=[inspection(1, record_id="")])
    client.force_login(viewer(city))
    content = client.get(reverse("basedata:recordbatch_detail", args=[batch.pk])).content.decode()
    assert "第 1 行" in content and "缺少必填字段“记录编号”" in content


def test_the_chart_draws_the_top_units_and_sums_the_others(city):
    today = timezone.localdate()
    rows = [{"day": today, "source_unit": f"单位{n:02d}", "kind": RecordKind.INSPECTION, "records": n}
            for n in range(1, 13)]
    chart = arrival_chart(rows, today - dt.timedelta(days=1), today, top=8)
    lines = {line["name"]: line["data"] for line in chart["series"]}
    assert list(lines) == [f"单位{n:02d}" for n in range(12, 4, -1)] + ["其他4个单位"]
    assert lines["其他4个单位"] == [0, 1 + 2 + 3 + 4]
    assert sum(sum(data) for data in lines.values()) == sum(range(1, 13))


def test_the_table_is_paged_and_keeps_the_filters(client, city):
    units = [factories.unit(f"深圳市盐田区第{n}执法单位", city["regions"]["yantian"], parent=city["yantian"])
             for n in range(1, 28)]
    for unit in units:
        for days_ago in (1, 2):
            receive(unit, days_ago=days_ago)
    role = factories.role(factories.model_permissions(RecordBatch, ("view",)) + ["org.view_unit"], "subtree")
    client.force_login(factories.user(city["yantian"], roles=[role]))
    url = reverse("basedata:recordbatch_monitor")
    first = client.get(url, {"period": "7"})
    assert len(first.context["rows"]) == 50 and first.context["page_obj"].paginator.count == 54
    assert len(first.context["chart"]["series"]) == 9  # 8 units and 其他
    content = first.content.decode()
    assert "深圳市盐田区第1执法单位" in content  # full unit names in the table
    assert "?period=7&amp;page=2" in content
    second = client.get(url, {"period": "7", "page": "2"})
    assert len(second.context["rows"]) == 4
    assert second.context["totals"]["records"] == 54


class TestRecordBatchScreens(AccessTests, ListTests, DetailTests, ScopeTests, PersonalDataTests, HistoryCardTests):
    """The generic screens of the record library (no API): scopes, grants and the history card."""

    model = RecordBatch
    key_field = "source_system"
    extra_permissions = ("org.view_unit",)

    def create_data(self, city):
        return {
            "own": [receive(city["yantian"], system="盐田市场监管执法系统"), receive(city["yantian"], system="盐田城管执法系统")],
            "other": [receive(city["futian"], system="福田市场监管执法系统"), receive(city["futian"], system="福田城管执法系统")],
        }

    def create_rows(self, city, count):
        for number in range(count):
            receive(city["yantian"], system=f"盐田测试系统{RecordBatch.objects.count():04d}-{number}")
