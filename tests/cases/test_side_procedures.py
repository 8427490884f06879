"""Side procedures: requested by the case's officers, approved by a leader, each with its effect on the case."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from tests import factories
from tests.basedata import people as objects
from tests.cases.procedure_steps import advance, grant_approval, open_stage, register, snapshot
from zhifa.cases.deadlines import decision_deadline
from zhifa.cases.models import Case, CaseOfficer
from zhifa.cases.services import side_decide, side_request
from zhifa.cases.services.side import side_decide_refusal, side_request_refusal

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def filed(agency, general_procedure):
    grant_approval(agency)
    case = register(agency)
    advance(agency, case, "investigation")
    return case


def approved(agency, case, kind, **values):
    side = side_request(case=case, actor=agency["officer"], kind=kind, reason="依法办理", **values)
    return side_decide(side=side, actor=agency["leader"], approved=True, opinion="同意")


def test_an_extension_adds_its_days_to_the_decision_period(agency, filed):
    before = decision_deadline(filed)["deadline"]
    assert before == filed.filed_on + dt.timedelta(days=90)
    approved(agency, filed, "extension", days=30)
    assert decision_deadline(filed)["deadline"] == before + dt.timedelta(days=30)
    filed.process.refresh_from_db()
    assert filed.process.variables["extensions"] == [30]


def test_suspended_days_do_not_count(agency, filed):
    suspension = approved(agency, filed, "suspension")
    assert side_request_refusal(case=filed, actor=agency["officer"], kind="suspension") == "案件已中止，请先恢复"
    suspension.started_on = TODAY() - dt.timedelta(days=10)
    suspension.save()
    Case.objects.filter(pk=filed.pk).update(filed_on=TODAY() - dt.timedelta(days=20))
    filed.refresh_from_db()
    approved(agency, filed, "resumption")
    suspension.refresh_from_db()
    assert suspension.ended_on == TODAY()
    assert decision_deadline(filed)["deadline"] == filed.filed_on + dt.timedelta(days=90 + 11)
    assert side_request_refusal(case=filed, actor=agency["officer"], kind="resumption") == "案件没有中止，无需恢复"


@pytest.mark.parametrize(("kind", "status"), [("termination", "terminated"), ("revocation", "revoked"),
                                              ("transfer", "transferred")])
def test_ending_side_procedures_end_the_case_and_its_procedure(agency, filed, kind, status):
    values = {"transfer_to": "深圳市盐田区市场监督管理局"} if kind == "transfer" else {}
    approved(agency, filed, kind, **values)
    filed.refresh_from_db()
    filed.process.refresh_from_db()
    assert filed.status == status and filed.process.status == "cancelled"
    assert not filed.process.items.filter(status="open").exists()
    assert "依法办理" in filed.outcome_reason
    assert side_request_refusal(case=filed, actor=agency["officer"], kind="extension").startswith("案件已")


def test_only_a_leader_with_the_approval_right_decides_and_nothing_changes_otherwise(agency, filed):
    side = side_request(case=filed, actor=agency["officer"], kind="termination", reason="当事人死亡")
    assert side_decide_refusal(side=side, actor=agency["squad"]) == "您没有审批该案件程序事项的权限"
    before = snapshot()
    with pytest.raises(ValidationError, match="没有审批该案件程序事项的权限"):
        side_decide(side=side, actor=agency["squad"], approved=True)
    with pytest.raises(ValidationError, match="请填写意见"):
        side_decide(side=side, actor=agency["leader"], approved=False)
    assert snapshot() == before
    side_decide(side=side, actor=agency["leader"], approved=False, opinion="理由不充分")
    filed.refresh_from_db()
    assert filed.status == "filed" and open_stage(filed) == "investigation"


def test_change_of_officer_checks_the_certificate_and_moves_the_open_work(agency, filed):
    old = agency["certificates"]["officer2"]
    with pytest.raises(ValidationError) as caught:
        side_request(case=filed, actor=agency["officer"], kind="officer_change", reason="工作调动",
                     old_officer=old, new_officer=agency["certificates"]["expired"])
    assert "到期" in caught.value.message_dict["new_officer"][0]
    newcomer = objects.officer(agency["unit"], user=factories.user(agency["unit"], display_name="孙执法"))
    approved(agency, filed, "officer_change", old_officer=old, new_officer=newcomer)
    assert set(CaseOfficer.objects.filter(case=filed).values_list("officer", flat=True)) == {
        agency["certificates"]["officer"].pk, newcomer.pk}
    filed.process.refresh_from_db()
    assert filed.process.people["handlers"] == [agency["officer"].pk, newcomer.user_id]
    holders = set(filed.process.items.filter(status="open").values_list("assignee", flat=True))
    assert holders == {agency["officer"].pk, newcomer.user_id}


def test_a_new_lead_officer_is_the_one_the_case_list_names(agency, filed):
    newcomer = objects.officer(agency["unit"], user=factories.user(agency["unit"], display_name="孙执法"))
    approved(agency, filed, "officer_change", old_officer=agency["certificates"]["officer"], new_officer=newcomer)
    assert Case.objects.get(pk=filed.pk).lead_names == "孙执法"


def test_a_request_needs_its_details_and_another_unit_cannot_ask(agency, filed):
    with pytest.raises(ValidationError, match="延长的天数"):
        side_request(case=filed, actor=agency["officer"], kind="extension", reason="需要鉴定")
    with pytest.raises(ValidationError, match="没有办理该案件的权限"):
        side_request(case=filed, actor=agency["outsider"], kind="extension", reason="需要鉴定", days=30)


@pytest.mark.django_db(transaction=True)
def test_one_approval_wins_when_a_request_is_approved_five_times_at_once(agency, general_procedure):
    if connection.vendor != "postgresql":
        pytest.skip("并发行锁只在 PostgreSQL 上有意义；SQLite 串行写入")
    grant_approval(agency)
    case = register(agency)
    advance(agency, case, "investigation")
    side = side_request(case=case, actor=agency["officer"], kind="extension", days=30, reason="需要检测")
    results, barrier = [], threading.Barrier(5)

    def click():
        try:
            barrier.wait()
            side_decide(side=side, actor=agency["leader"], approved=True, opinion="同意")
            results.append("ok")
        except ValidationError as error:
            results.append(error.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok"] + ["该申请已审批（已批准）"] * 4
    case.process.refresh_from_db()
    assert case.process.variables["extensions"] == [30]
    assert decision_deadline(case)["deadline"] == case.filed_on + dt.timedelta(days=120)
