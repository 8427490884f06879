"""Demo data of the officer records and the inspection objects (``zhifa demo-objects``, ``zhifa demo-officers``)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from zhifa.basedata.models.objects import InspectedObject
from zhifa.basedata.models.officers import CertificateStatus, Officer
from zhifa.basedata.services.object_validation import credit_code_problem, id_number_problem
from zhifa.basedata.services.officers import officer_can_be_assigned
from zhifa.org.choices import Sector


def test_demo_objects_are_valid_and_owned_by_district_units(city):
    market = factories.unit("深圳市市场监督管理局盐田监管局", city["regions"]["yantian"], kind="enforcement_subject",
                            sector=Sector.MARKET_REGULATION)
    out = io.StringIO()
    call_command("demo_objects", "--count", "60", stdout=out)
    assert "已生成检查对象 60 条" in out.getvalue()
    objects = list(InspectedObject.objects.select_related("unit", "region"))
    assert len(objects) == 60
    assert {obj.unit for obj in objects} <= {market, city["yantian"], city["futian"]}
    assert sum(obj.unit == market for obj in objects) > 30, "market regulation supervises most enterprises"
    for obj in objects:
        assert obj.region.path.startswith(obj.unit.region.path)
        problem = credit_code_problem(obj.credit_code) if obj.credit_code else id_number_problem(obj.id_number)
        assert problem is None
        assert obj.pinyin_initials


def test_demo_objects_refuse_a_filled_library_unless_asked_to_skip(city):
    call_command("demo_objects", "--count", "5", stdout=io.StringIO())
    with pytest.raises(CommandError, match="已有检查对象"):
        call_command("demo_objects", "--count", "5")
    out = io.StringIO()
    call_command("demo_objects", "--count", "5", "--if-empty", stdout=out)
    assert "跳过" in out.getvalue()
    assert InspectedObject.objects.count() == 5


def test_demo_objects_need_the_demo_city(db):
    with pytest.raises(CommandError, match="请先运行 zhifa demo-data"):
        call_command("demo_objects", "--count", "5")


def test_demo_officers_certify_the_enforcing_users(city, builtin_roles):
    people = [factories.user(city["yantian"], roles=[builtin_roles["officer"]]) for _ in range(40)]
    factories.user(city["yantian"], roles=[builtin_roles["leader"]])
    call_command("demo_officers", stdout=io.StringIO())
    assert set(Officer.objects.values_list("user", flat=True)) == {person.pk for person in people}
    statuses = [officer_can_be_assigned(officer)[0] for officer in Officer.objects.select_related("user")]
    assert statuses.count(True) > 30
    assert Officer.objects.filter(status=CertificateStatus.ACTIVE).count() >= 38
    with pytest.raises(CommandError, match="已有执法证记录"):
        call_command("demo_officers")
