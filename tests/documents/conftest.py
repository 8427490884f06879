"""Fixtures of the document tests: the shipped catalogue loaded, a team allowed to issue, and cases built
through the real case services (record with its power, evidence, hearing, decision, execution), so that
every section of the context comes from its provider."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories
from tests.basedata import people as objects
from tests.basedata.test_powers import make_power
from tests.cases.conftest import agency, general_procedure, general_xml  # noqa: F401  (shared fixtures)
from tests.cases.execution_fixtures import executing  # noqa: F401  (shared fixture)
from tests.cases.procedure_steps import hearing_day, on_hearing_day
from tests.workflow.conftest import the_item
from zhifa.basedata.models import Article, Law
from zhifa.cases.models import Case
from zhifa.cases.services import (
    case_register,
    case_update_record,
    decision_record,
    evidence_add,
    hearing_minutes,
    hearing_report,
    hearing_request,
    hearing_schedule,
    notice_serve,
)
from zhifa.cases.services.execution import arrangement_apply, arrangement_decide, payment_register
from zhifa.core.scoping import DataScope
from zhifa.documents.catalogue import ensure_number_rules, sync_templates
from zhifa.workflow import services as workflow

ISSUING = ["documents.view_documenttemplate", "documents.view_issueddocument", "documents.add_issueddocument",
           "cases.view_case", "basedata.view_power"]

ADDRESS = "深圳市盐田区沙头角街道深沙路1号"
FACTS = "当事人在盐田区沙头角街道经营餐饮服务，排放油烟未安装油烟净化设施。"
LEGAL_BASIS = {"violated": "《大气污染防治法》第八十一条", "penalty": "《大气污染防治法》第一百一十八条"}
HEARING_PLACE = "盐田区城管局第一听证室"
HEARING_ENTRIES = [
    {"role": "presiding", "speaker": "孙主持", "text": "听证开始，请调查人员陈述。"},
    {"role": "investigator", "speaker": "张执法", "text": "当事人未安装油烟净化设施，证据见现场笔录。"},
    {"role": "party", "speaker": "李经理", "text": "已于听证前安装完毕，请求从轻处罚。"},
    {"role": "clerk", "speaker": "赵记录", "text": "以上笔录经当事人核对无误。"},
]
HEARING_CONCLUSION = "当事人对违法事实无异议，请求从轻处罚。"
HEARING_SUGGESTION = "建议维持拟处罚意见。"
ARRANGEMENT_REASON = "经营困难，申请分期缴纳"

FULL_ROUTE = [("leader", "filing"), ("officer", "investigation"), ("officer2", "investigation_report"),
              ("squad", "case_review"), ("reviewer", "legal_review"), ("leader", "collective_discussion"),
              ("officer", "notification"), ("reviewer", "hearing"), ("leader", "decision"), ("officer", "service")]
CLOSING_ROUTE = [("officer", "execution"), ("leader", "closing")]


@pytest.fixture
def catalogue(db):
    """The shipped templates (version 1 of each kind) and their number rules."""
    return sync_templates() + ensure_number_rules()


@pytest.fixture
def team(executing):
    """The 盐田 team of ``tests/cases`` (with the execution permissions) allowed to issue documents and to choose
    powers; a 只读人员 who only reads cases."""
    role = factories.role(ISSUING, DataScope.UNIT)
    for name in ("officer", "officer2", "leader", "reviewer", "outsider"):
        executing[name].roles.add(role)
    executing["reader"] = factories.user(executing["unit"], display_name="只读人员",
                                         roles=[factories.role(["cases.view_case"], DataScope.UNIT)])
    return executing


@pytest.fixture
def power(team):
    """对餐饮服务单位未安装油烟净化设施的处罚: the violated article (第四章) and the penalty article (第七章 法律责任)."""
    power = make_power(team["unit"], name="对餐饮服务单位未安装油烟净化设施的处罚")
    law = Law.objects.create(title="中华人民共和国大气污染防治法", short_title="大气污染防治法", level="法律",
                             version_date=dt.date(2018, 10, 26))
    power.basis.add(
        Article.objects.create(law=law, number=81, label="第八十一条", chapter="第四章 大气污染防治措施",
                               text="排放油烟的餐饮服务业经营者应当安装油烟净化设施……", order=81),
        Article.objects.create(law=law, number=118, label="第一百一十八条", chapter="第七章 法律责任",
                               text="……处五千元以上五万元以下的罚款……", order=118),
    )
    return power


def register(team, **values) -> Case:
    """A 一般程序 case of the team's company, registered through the case service."""
    return case_register(
        unit=team["unit"], actor=team["officer"], procedure_type="general", source="inspection",
        source_note="2026年第12次日常检查", cause="未按规定安装油烟净化设施", parties=[team["company"]],
        lead=team["certificates"]["officer"], assistants=[team["certificates"]["officer2"]], fine_amount=20000,
        facts=FACTS, **values,
    )


def record(team, case, power) -> Case:
    """案由 from ``power`` (its articles become the legal basis), the facts and the fine, through the record service."""
    return case_update_record(case=case, actor=team["officer"], power=power, facts=FACTS, act_on=dt.date(2026, 11, 20),
                              fine_amount=Decimal("20000"))


def approve(team, case, who):
    """``who`` approves the open step of the case's procedure."""
    workflow.approve(item=the_item(case.process, team[who]), actor=team[who],
                     opinion=f"{team[who].display_name}同意")


def _notified_and_hearing_requested(team, case):
    notice_serve(case=case, actor=team["officer"], served_on=timezone.localdate())
    hearing_request(case=case, actor=team["officer"])


def _hearing_held_and_reported(team, case, clock):
    """Arranged for the earliest day the notice allows; the clock moves to that day to hold and report it."""
    presiding = objects.officer(team["unit"], user=factories.user(team["unit"], display_name="孙主持"))
    on = hearing_day(timezone.localdate())
    hearing_schedule(case=case, actor=team["officer"], presiding_officer=presiding,
                     notice_served_on=timezone.localdate(), scheduled_on=on, place=HEARING_PLACE)
    on_hearing_day(clock, on)
    hearing_minutes(case=case, actor=team["officer"], held_on=on, entries=HEARING_ENTRIES)
    hearing_report(case=case, actor=team["officer"], conclusion=HEARING_CONCLUSION, suggestion=HEARING_SUGGESTION,
                   reported_on=timezone.localdate())


def _penalty_decided(team, case):
    decision_record(case=case, actor=team["officer"], kind="penalty", fine_amount=Decimal("20000"))


BEFORE_STEP = {"notification": _notified_and_hearing_requested, "decision": _penalty_decided}


@pytest.fixture
def executing_case(team, general_procedure, catalogue, power, time_machine):
    """A 一般程序 case with legal review, collective discussion and a hearing, decided and served through the
    services; the party applied to pay in two instalments and the leader approved; nothing is paid yet."""
    team["company"].registered_address = ADDRESS
    team["company"].save()
    case = record(team, register(team, requires_legal_review=True, requires_collective_discussion=True), power)
    evidence_add(case=case, actor=team["officer"], name="现场笔录", kind="inspection", collected_on=dt.date(2026, 11, 20),
                 collected_by=team["certificates"]["officer"], note="未安装油烟净化设施")
    for who, stage in FULL_ROUTE:
        if stage == "hearing":  # the rest of the case (and of the test) runs on the day of the hearing
            _hearing_held_and_reported(team, case, time_machine)
        elif stage in BEFORE_STEP:
            BEFORE_STEP[stage](team, case)
        approve(team, case, who)
    today = timezone.localdate()
    arrangement_apply(case=case, actor=team["officer"], kind="instalment", applied_on=today, reason=ARRANGEMENT_REASON,
                      instalments=[(today + dt.timedelta(days=10), Decimal("10000")),
                                   (today + dt.timedelta(days=40), Decimal("10000"))])
    arrangement_decide(case=case, actor=team["leader"], approve=True, opinion="同意分期")
    case.refresh_from_db()
    return case


def close(team, case) -> Case:
    """The fine paid in full, then 执行 and 结案 approved."""
    payment_register(case=case, actor=team["officer"], paid_on=timezone.localdate(), amount=Decimal("20000"),
                     receipt_number="B-0001")
    for who, _stage in CLOSING_ROUTE:
        approve(team, case, who)
    case.refresh_from_db()
    return case


@pytest.fixture
def closed_case(team, executing_case):
    """The executing case, paid in full and taken to 结案."""
    return close(team, executing_case)
