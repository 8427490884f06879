"""Fixtures of the case tests: the 盐田 agency's people with certificates, parties and the case number rule."""

import datetime as dt
from pathlib import Path

import pytest

from tests import factories
from tests.basedata import people as objects
from tests.workflow.conftest import coded_role
from zhifa.basedata.models.objects import ObjectKind
from zhifa.core.models import NumberRule
from zhifa.core.scoping import DataScope
from zhifa.workflow import services
from zhifa.workflow.models import ProcessVersion

GENERAL = Path(__file__).resolve().parents[2] / "src/zhifa/workflow/procedures/punishment_general.bpmn"
FLOW = ["workflow.view_processinstance"]
CASES = ["cases.view_case", "cases.add_case", "cases.change_case", "basedata.view_inspectedobject"]


@pytest.fixture
def general_xml() -> str:
    return GENERAL.read_text(encoding="utf-8")


@pytest.fixture
def agency(city):
    """盐田 agency: three officers (one with an expired certificate), a squad leader, a legal reviewer, a leader."""
    unit = city["yantian"]
    officer_role = coded_role("officer", FLOW + ["workflow.add_processinstance"] + CASES)
    squad_role = coded_role("squad_leader", FLOW + ["cases.view_case"], DataScope.SUBTREE)
    reviewer_role = coded_role("legal_reviewer", FLOW + ["cases.view_case"])
    leader_role = coded_role("leader", FLOW + ["cases.view_case"])
    admin_role = factories.role(
        factories.model_permissions(ProcessVersion) + ["workflow.view_processdefinition", "workflow.add_processdefinition"],
        DataScope.ALL,
    )
    team = {
        name: factories.user(unit, roles=[officer_role], display_name=label)
        for name, label in (("officer", "张执法"), ("officer2", "李执法"), ("expired", "陈执法"))
    }
    team.update(
        squad=factories.user(unit, roles=[squad_role], display_name="王队长"),
        reviewer=factories.user(unit, roles=[reviewer_role], display_name="钱审核"),
        leader=factories.user(unit, roles=[leader_role], display_name="周局长"),
        admin=factories.user(city["bureau"], roles=[admin_role], display_name="流程管理员"),
        outsider=factories.user(city["futian"], roles=[officer_role], display_name="福田执法"),
    )
    team["certificates"] = {
        "officer": objects.officer(unit, user=team["officer"]),
        "officer2": objects.officer(unit, user=team["officer2"]),
        "expired": objects.officer(unit, user=team["expired"], expires_on=dt.date(2025, 1, 1)),
        "outsider": objects.officer(city["futian"], user=team["outsider"]),
    }
    team["unit"] = unit
    team["citizen"] = objects.inspected_object(unit, "刘某", kind=ObjectKind.INDIVIDUAL)
    team["company"] = objects.inspected_object(unit, "深圳市盐田某餐饮有限公司")
    NumberRule.objects.create(unit=unit, kind="case", name="案件编号", pattern="{prefix}立〔{year}〕第{seq:04d}号")
    return team


@pytest.fixture
def general_procedure(agency, general_xml):
    """The shipped 一般程序 model, published."""
    version = services.import_model(xml=general_xml, actor=agency["admin"], procedure_type="punishment_general")
    return services.publish_version(version=version, actor=agency["admin"])
