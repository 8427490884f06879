"""Loading GB/T 2260 regions: the real tree, idempotent, names corrected, bad options refused."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from zhifa.core.models import AuditEntry
from zhifa.org.choices import RegionLevel
from zhifa.org.models import Region


def load(**options) -> str:
    out = StringIO()
    call_command("load_regions", stdout=out, **options)
    return out.getvalue()


def test_city_is_loaded_with_its_province_districts_and_streets(db):
    load(city="4403")

    shatoujiao = Region.objects.select_related("parent__parent__parent").get(code="440308003")
    assert shatoujiao.name == "沙头角街道"
    assert shatoujiao.level == RegionLevel.STREET
    assert shatoujiao.path == "/440000/440300/440308/440308003/"
    assert [shatoujiao.parent.name, shatoujiao.parent.parent.name, shatoujiao.parent.parent.parent.name] == [
        "盐田区", "深圳市", "广东省"
    ]
    districts = Region.objects.filter(parent__code="440300", level=RegionLevel.DISTRICT)
    assert set(districts.values_list("name", flat=True)) >= {"福田区", "罗湖区", "南山区", "盐田区", "宝安区", "龙岗区"}
    assert not Region.objects.filter(code="440100").exists()  # 广州市 is outside --city 4403


def test_every_loaded_path_follows_its_parent(db):
    load(city="4403")
    for region in Region.objects.select_related("parent"):
        expected = f"{region.parent.path if region.parent else '/'}{region.code}/"
        assert region.path == expected


def test_second_run_creates_nothing_and_writes_no_audit_row(db):
    load(city="4403")
    count = Region.objects.count()
    audit_rows = AuditEntry.objects.filter(object_type="org.region").count()

    output = load(city="4403")

    assert Region.objects.count() == count
    assert AuditEntry.objects.filter(object_type="org.region").count() == audit_rows
    assert "新增 0 个，更新 0 个" in output


def test_existing_region_with_an_outdated_name_is_renamed_not_duplicated(db):
    gd = factories.region("440000", "广东", RegionLevel.PROVINCE)
    stale = factories.region("440308001", "旧街道名", RegionLevel.STREET, gd)

    load(city="4403")

    stale.refresh_from_db()
    assert Region.objects.filter(code="440308001").count() == 1
    assert stale.name == "梅沙街道"
    assert stale.parent.code == "440308"
    assert stale.path == "/440000/440300/440308/440308001/"
    assert Region.objects.get(code="440000").name == "广东省"


def test_the_import_is_audited_row_by_row_and_summarised(db):
    load(city="4403")

    rows = AuditEntry.objects.filter(object_type="org.region")
    summary = rows.get(action="import")
    assert summary.changes["created"] == Region.objects.count()
    created = rows.filter(action="create")
    assert set(created.values_list("object_id", flat=True)) == {str(pk) for pk in Region.objects.values_list("pk", flat=True)}
    assert created.get(object_id=str(Region.objects.get(code="440308").pk)).changes["name"] == {"before": None, "after": "盐田区"}


def test_municipality_districts_hang_directly_under_the_province(db):
    load(province="11")
    dongcheng = Region.objects.get(code="110101")
    assert dongcheng.parent.code == "110000"
    assert dongcheng.level == RegionLevel.DISTRICT


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"city": "44"}, "--city 应为四位市级区划代码"),
        ({"province": "4"}, "--province 应为两位省级区划代码"),
        ({"province": "44", "city": "3301"}, "--city 3301 不属于 --province 44"),
        ({"province": "99"}, "没有区划代码以 99 开头的行政区划"),
    ],
)
def test_bad_options_are_refused_with_a_chinese_message_and_nothing_written(db, options, message):
    with pytest.raises(CommandError, match=message):
        load(**options)
    assert not Region.objects.exists()
