"""Fixtures of the document tests: the shipped catalogue loaded, a team allowed to issue, and test providers.

The hearing, execution, legal-basis and decision sections are written by other modules' providers;
here ``case_sections`` stands in for them with data given per case, so that every document can be
rendered for a case built through the case services.
"""

import pytest

from tests import factories
from tests.cases.conftest import agency, general_procedure, general_xml  # noqa: F401  (shared fixtures)
from tests.workflow.conftest import the_item
from zhifa.cases.models import Case
from zhifa.cases.services import case_register
from zhifa.core.scoping import DataScope
from zhifa.documents import contexts
from zhifa.documents.catalogue import ensure_number_rules, sync_templates
from zhifa.workflow import services as workflow

ISSUING = ["documents.view_documenttemplate", "documents.view_issueddocument", "documents.add_issueddocument",
           "cases.view_case"]

ADDRESS = "深圳市盐田区沙头角街道深沙路1号"
LEGAL_BASIS = {"violated": "《中华人民共和国大气污染防治法》第八十一条第一款",
               "penalty": "《中华人民共和国大气污染防治法》第一百一十八条第一款"}
HEARING = {
    "right": True, "requested": True, "request_deadline": "二〇二六年十二月十一日",
    "held_at": "二〇二六年十二月二十日上午九时", "place": "盐田区城管局第一听证室", "host": "孙主持", "recorder": "赵记录",
    "participants": ["调查人员张执法"],
    "statements": [{"speaker": "调查人员", "text": "当事人未安装油烟净化设施，证据见现场笔录。"},
                   {"speaker": "当事人", "text": "已于听证前安装完毕，请求从轻处罚。"}],
    "summary": "当事人对违法事实无异议，请求从轻处罚。", "opinion": "建议维持拟处罚意见。",
}
EXECUTION = {
    "payment_deadline": "二〇二七年一月五日", "outstanding": "20,000.00", "surcharge": "",
    "deferral": {"kind": "分期缴纳", "reason": "经营困难", "plan": "分两期，每期10,000.00元",
                 "approvals": [{"step": "负责人审批", "name": "周局长", "opinion": "同意分期", "date": "二〇二六年十二月二十八日"}]},
    "result": "罚款已全部缴纳",
}


@pytest.fixture
def catalogue(db):
    """The shipped templates (version 1 of each kind) and their number rules."""
    return sync_templates() + ensure_number_rules()


@pytest.fixture
def team(agency):
    """The 盐田 team of ``tests/cases`` with the right to issue documents; a 福田 officer with the same right."""
    role = factories.role(ISSUING, DataScope.UNIT)
    for name in ("officer", "officer2", "leader", "reviewer", "outsider"):
        agency[name].roles.add(role)
    agency["reader"] = factories.user(agency["unit"], roles=[factories.role(["cases.view_case"], DataScope.UNIT)],
                                      display_name="只读人员")
    return agency


@pytest.fixture
def sections(monkeypatch):
    """Per-case sections of the stand-in providers: ``sections[case.pk] = {"hearing": {...}, ...}``."""
    given: dict[int, dict] = {}
    providers = {name: (lambda case, name=name: given.get(case.pk, {}).get(name, {}))
                 for name in ("legal_basis", "hearing", "execution", "decision", "evidence")}
    monkeypatch.setattr(contexts, "_PROVIDERS", {Case: providers})
    return given


def register(team, **values) -> Case:
    return case_register(
        unit=team["unit"], actor=team["officer"], procedure_type="general", source="inspection",
        source_note="2026年第12次日常检查", cause="未按规定安装油烟净化设施", parties=[team["company"]],
        lead=team["certificates"]["officer"], assistants=[team["certificates"]["officer2"]], fine_amount=20000,
        facts="当事人在盐田区沙头角街道经营餐饮服务，排放油烟未安装油烟净化设施。", **values,
    )


def approve(team, case, who, **data):
    instance = case.process
    workflow.approve(item=the_item(instance, team[who]), actor=team[who], opinion=f"{team[who].display_name}同意",
                     data=data or None)


FULL_ROUTE = [("leader", {}), ("officer", {}), ("officer2", {}), ("squad", {}), ("reviewer", {}), ("leader", {}),
              ("officer", {"hearing_requested": True}), ("reviewer", {}), ("leader", {}), ("officer", {}),
              ("officer", {}), ("leader", {})]


@pytest.fixture
def closed_case(team, general_procedure, catalogue, sections):
    """A 一般程序 case with legal review, collective discussion and a hearing, taken to 结案 through the services."""
    team["company"].registered_address = ADDRESS
    team["company"].save()
    case = register(team, requires_legal_review=True, requires_collective_discussion=True)
    for who, data in FULL_ROUTE:
        approve(team, case, who, **data)
    case.refresh_from_db()
    sections[case.pk] = {"legal_basis": LEGAL_BASIS, "hearing": HEARING, "execution": EXECUTION,
                         "evidence": {"items": [{"name": "现场笔录", "proves": "未安装油烟净化设施"}]}}
    return case
