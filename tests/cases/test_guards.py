"""The legal guards of the 一般程序 steps: each refuses quoting its article and leaves the database as it was."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.cases.procedure_steps import ARTICLE, advance, approve, grant_approval, register, snapshot
from tests.workflow.conftest import the_item
from zhifa.cases.models import Case
from zhifa.cases.services import (
    case_register,
    case_update_record,
    decision_record,
    hearing_request,
    notice_serve,
    side_decide,
    side_request,
    simple_decide,
    simple_file,
)
from zhifa.cases.services.decision import simple_filing_refusal
from zhifa.workflow import guards, services

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def refused(action, article: str):
    """Run ``action``: it must be refused quoting ``article`` and change nothing."""
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        action()
    assert any(ARTICLE.format(article) in message for message in caught.value.messages), caught.value.messages
    assert snapshot() == before
    return caught.value


def at_decision(agency, case, *, waived=True, served_on=None):
    advance(agency, case, "notification")
    notice_serve(case=case, actor=agency["officer"], served_on=served_on or TODAY(), waived=waived)
    approve(agency, case)
    assert case.status == "filed"
    return case


def test_decision_before_the_hearing_request_period_has_run_is_refused(agency, general_procedure):
    case = at_decision(agency, register(agency), waived=False)
    assert case.hearing_right
    refused(lambda: approve(agency, case), "第64条第1项")


def test_decision_after_the_period_or_with_a_waiver_goes_ahead(agency, general_procedure):
    late = at_decision(agency, register(agency), waived=False, served_on=TODAY() - dt.timedelta(days=14))
    approve(agency, late)
    assert late.status == "decided"
    waived = at_decision(agency, register(agency), waived=True)
    approve(agency, waived)
    assert waived.status == "decided"


def test_a_heavier_fine_than_notified_is_refused_by_the_service_and_by_the_step(agency, general_procedure):
    case = at_decision(agency, register(agency))
    refused(lambda: decision_record(case=case, actor=agency["officer"], kind="penalty",
                                    fine_amount=Decimal("20000.01")), "第45条第2款")
    Case.objects.filter(pk=case.pk).update(fine_amount=Decimal("30000"))  # written behind the service's back
    refused(lambda: approve(agency, case), "第45条第2款")


def test_a_requested_hearing_must_be_reported_before_the_hearing_step_and_the_decision(agency, general_procedure):
    case = register(agency)
    advance(agency, case, "notification")
    notice_serve(case=case, actor=agency["officer"], served_on=TODAY())
    hearing_request(case=case, actor=agency["officer"], requested_on=TODAY())
    approve(agency, case)
    assert case.process.variables["hearing_requested"] is True
    refused(lambda: approve(agency, case), "第65条")


def test_decision_after_the_90_days_is_refused_until_an_extension_is_approved(agency, general_procedure):
    grant_approval(agency)
    case = at_decision(agency, register(agency))
    Case.objects.filter(pk=case.pk).update(filed_on=TODAY() - dt.timedelta(days=100))
    refused(lambda: approve(agency, case), "第60条")
    side = side_request(case=case, actor=agency["officer"], kind="extension", days=30, reason="案情复杂需补充鉴定")
    side_decide(side=side, actor=agency["leader"], approved=True, opinion="同意延期30日")
    approve(agency, case)
    assert case.status == "decided"


def test_filing_a_time_barred_violation_is_refused(agency, general_procedure):
    case = register(agency)
    case_update_record(case=case, actor=agency["officer"], power=None, facts="油烟直排",
                       act_on=TODAY() - dt.timedelta(days=3 * 365), fine_amount=Decimal("20000"))
    error = refused(lambda: approve(agency, case), "第36条")
    assert "追责时效" in error.messages[0]
    case.refresh_from_db()
    assert case.number == "" and case.status == "registered"


def test_filing_refused_by_the_leader_ends_the_case_as_not_filed(agency, general_procedure):
    case = register(agency)
    services.reject(item=the_item(case.process, agency["leader"]), actor=agency["leader"], reason="不属于本机关管辖")
    case.refresh_from_db()
    assert (case.status, case.outcome_reason, case.number) == ("not_filed", "不属于本机关管辖", "")
    assert case.process.status == "rejected"


def test_guards_apply_whatever_the_model_says(agency, general_procedure):
    stages = {guard.__name__ for guard in guards._guards["decision"]}
    assert {"statement_period_over", "not_heavier_than_notified", "hearing_reported", "within_decision_period",
            "notified_first", "two_valid_officers", "reviews_held"} <= stages
    assert "not_time_barred" in {guard.__name__ for guard in guards._guards["filing"]}


def test_onsite_collection_only_where_the_law_allows_it(agency):
    case = register_simple(agency)
    refused(lambda: simple_decide(case=case, actor=agency["officer"], fine_amount=150, notified=True,
                                  onsite_collected=True), "第68条")
    decided = simple_decide(case=case, actor=agency["officer"], fine_amount=150, notified=True, onsite_collected=True,
                            hard_to_enforce_later=True, payment_instructions="当场收缴，出具财政专用票据")
    assert decided.onsite_collected and decided.payment_instructions.startswith("当场收缴")


def register_simple(agency):
    return case_register(unit=agency["unit"], actor=agency["officer"], procedure_type="simple",
                         source="self_discovered", cause="占道经营", parties=[agency["citizen"]],
                         lead=agency["certificates"]["officer"], assistants=[agency["certificates"]["officer2"]])


def test_no_penalty_needs_its_reason_and_the_education_record(agency, general_procedure):
    case = at_decision(agency, register(agency))
    officer = agency["certificates"]["officer"]
    before = snapshot()
    with pytest.raises(ValidationError, match="请填写不予行政处罚的理由"):
        decision_record(case=case, actor=agency["officer"], kind="no_penalty")
    with pytest.raises(ValidationError) as caught:
        decision_record(case=case, actor=agency["officer"], kind="no_penalty", reason="首次违法且及时改正")
    assert "应当对当事人进行教育" in caught.value.message_dict["education_content"][0]
    assert snapshot() == before
    decision_record(case=case, actor=agency["officer"], kind="no_penalty", reason="首次违法、危害后果轻微并及时改正",
                    ground="first_violation", education_on=TODAY(), education_content="讲解《大气污染防治法》油烟净化要求", education_officer=officer)
    approve(agency, case)
    assert (case.status, case.decision_kind, case.fine_amount, case.education_officer) == (
        "decided", "no_penalty", Decimal("0"), officer)


def test_the_on_the_spot_decision_is_filed_once_and_not_before_it_was_taken(agency):
    case = simple_decide(case=register_simple(agency), actor=agency["officer"], fine_amount=100, notified=True,
                         decided_on=dt.date(2026, 12, 1))
    with pytest.raises(ValidationError, match="备案日期不能早于决定日期"):
        simple_file(case=case, actor=agency["officer"], filed_on=dt.date(2026, 11, 30))
    filed = simple_file(case=case, actor=agency["officer"], filed_on=dt.date(2026, 12, 2))
    assert filed.simple_filed_on == dt.date(2026, 12, 2)
    assert simple_filing_refusal(case=filed, actor=agency["officer"]) == "该决定已于 2026-12-02 备案"
