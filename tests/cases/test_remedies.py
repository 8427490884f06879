"""Remedies against a decision: 复议 and 诉讼 recorded with their legal period, late ones marked, the outcome,
撤销 ending the execution, the court application waiting for them, and the counts analytics reads."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.cases.execution_fixtures import DECIDED_ON, decided_case, executing  # noqa: F401
from zhifa.cases.models import Case, CaseExecution, CaseRemedy
from zhifa.cases.services import execution as execution_services
from zhifa.cases.services.remedies import (
    late_message,
    remedy_conclude,
    remedy_conclude_refusal,
    remedy_counts,
    remedy_refusal,
    remedy_register,
)
from zhifa.legal import evaluate

pytestmark = pytest.mark.django_db

ORGAN = "深圳市盐田区人民政府"
COURT = "深圳市盐田区人民法院"


def register(agency, case, kind="reconsideration", applied_on=dt.date(2026, 3, 20), **values):
    return remedy_register(case=case, actor=agency["reviewer"], kind=kind, applied_on=applied_on,
                           organ=COURT if kind == "litigation" else ORGAN, **values)


def test_reconsideration_in_time_keeps_its_legal_deadline(executing):
    agency = executing
    case = decided_case(agency)
    remedy = register(agency, case, accepted_on=dt.date(2026, 3, 25))
    expected = evaluate("reconsideration_application_deadline", known_on=DECIDED_ON, rights_informed=True)["deadline"]
    assert (remedy.deadline, remedy.late, late_message(remedy)) == (expected, False, "")
    assert str(remedy) == "行政复议（审理中）"


def test_a_late_application_is_recorded_and_marked_late(executing):
    agency = executing
    case = decided_case(agency)
    remedy = register(agency, case, applied_on=dt.date(2026, 6, 1))
    assert remedy.late and remedy.deadline == dt.date(2026, 5, 6)  # 60 days after 2 March, a rest day moved on
    assert late_message(remedy) == "行政复议申请日期 2026-06-01 已超过法定期限（2026-05-06 届满），已按逾期申请登记"


def test_suit_after_reconsideration_counts_fifteen_days_from_its_decision(executing):
    agency = executing
    case = decided_case(agency)
    register(agency, case)
    assert remedy_refusal(case=case, actor=agency["reviewer"]) == "已有尚未审结的行政复议（2026-03-20 申请）"
    remedy_conclude(case=case, actor=agency["reviewer"], concluded_on=dt.date(2026, 5, 15), outcome="upheld")
    suit = register(agency, case, kind="litigation", applied_on=dt.date(2026, 5, 29))
    expected = evaluate("litigation_deadline", kind="after_reconsideration", from_on=dt.date(2026, 5, 15))["deadline"]
    assert (suit.deadline, suit.late) == (expected, False)


def test_revocation_ends_the_execution(executing):
    agency = executing
    case = decided_case(agency)
    execution_services.execution_open(case=case, actor=agency["officer"], served_on=DECIDED_ON)
    register(agency, case)
    refusal = execution_services.court_application_refusal(case=case, actor=agency["officer"])
    assert refusal.startswith("当事人已申请行政复议，尚未审结") and "行政强制法第53条" in refusal
    remedy_conclude(case=case, actor=agency["reviewer"], concluded_on=dt.date(2026, 5, 15), outcome="revoked",
                    note="认定事实不清")
    execution = CaseExecution.objects.get(case=case)
    assert (execution.status, execution.ended_on) == ("ended", dt.date(2026, 5, 15))
    assert execution.end_reason == "据以执行的行政处罚决定被撤销（行政复议，2026-05-15）"
    assert remedy_conclude_refusal(case=case, actor=agency["reviewer"]) == "没有审理中的复议或诉讼"


def test_bad_input_names_the_field_and_writes_nothing(executing):
    agency = executing
    case = decided_case(agency)
    with pytest.raises(ValidationError) as caught:
        register(agency, case, applied_on=DECIDED_ON - dt.timedelta(days=1))
    assert caught.value.message_dict == {"applied_on": ["申请（起诉）日期不能早于决定日期（2026-03-02）"]}
    register(agency, case)
    with pytest.raises(ValidationError) as caught:
        remedy_conclude(case=case, actor=agency["reviewer"], concluded_on=dt.date(2026, 3, 19), outcome="upheld")
    assert caught.value.message_dict == {"concluded_on": ["审结日期不能早于受理（申请）日期（2026-03-20）"]}
    assert CaseRemedy.objects.get().outcome == ""


def test_who_may_record_remedies(executing):
    agency = executing
    case = decided_case(agency)
    assert remedy_refusal(case=case, actor=agency["leader"]) == "您没有登记该案件的复议、诉讼的权限"
    assert remedy_refusal(case=case, actor=agency["outsider"]) == "您没有登记该案件的复议、诉讼的权限"
    assert remedy_refusal(case=case, actor=agency["officer"]) == ""


def test_remedy_counts_by_kind_and_outcome_over_a_queryset(executing):
    agency = executing
    first, second, third = (decided_case(agency) for _ in range(3))
    register(agency, first)
    remedy_conclude(case=first, actor=agency["reviewer"], concluded_on=dt.date(2026, 4, 1), outcome="upheld")
    register(agency, first, kind="litigation", applied_on=dt.date(2026, 4, 10))
    register(agency, second)
    remedy_conclude(case=second, actor=agency["reviewer"], concluded_on=dt.date(2026, 4, 1), outcome="revoked")
    register(agency, third)
    counts = remedy_counts(Case.objects.filter(pk__in=[first.pk, second.pk]))
    assert counts["reconsideration"] == {"upheld": 1, "varied": 0, "revoked": 1, "confirmed_illegal": 0,
                                         "dismissed": 0, "withdrawn": 0, "pending": 0}
    assert counts["litigation"]["pending"] == 1 and sum(counts["litigation"].values()) == 1
    assert remedy_counts(Case.objects.all())["reconsideration"]["pending"] == 1


def test_remedy_page_warns_about_a_late_application(executing, client):
    agency = executing
    case = decided_case(agency)
    client.force_login(agency["reviewer"])
    response = client.post(reverse("cases:remedy_register", args=[case.pk]), {
        "kind": "reconsideration", "applied_on": "2026-06-01", "organ": ORGAN,
    }, follow=True)
    page = response.content.decode()
    assert "复议（诉讼）已登记" in page and "已超过法定期限（2026-05-06 届满）" in page
    assert CaseRemedy.objects.get(case=case).late
