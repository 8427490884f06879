"""听证 (E10): the request period, a presiding officer who did not investigate, the seven-day notice, record, report."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from tests.basedata import people as objects
from tests.cases.procedure_steps import (
    ARTICLE,
    advance,
    approve,
    hearing_day,
    on_hearing_day,
    register,
    snapshot,
)
from zhifa.cases.actions.hearing import hearing_context
from zhifa.cases.models import Hearing
from zhifa.cases.services import (
    decision_record,
    hearing_minutes,
    hearing_report,
    hearing_request,
    hearing_schedule,
    notice_serve,
)
from zhifa.cases.services.hearing import hearing_request_refusal, hearing_schedule_refusal

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
ENTRIES = [
    {"role": "presiding", "speaker": "赵主持", "text": "现在开始听证。"},
    {"role": "investigator", "speaker": "张执法", "text": "当事人未设置油烟净化设施，证据如下。"},
    {"role": "party", "speaker": "王经理", "text": "已于次日整改，请求从轻。"},
]


@pytest.fixture
def notified(agency, general_procedure):
    case = register(agency)
    advance(agency, case, "notification")
    return notice_serve(case=case, actor=agency["officer"], served_on=TODAY())


@pytest.fixture
def presiding(agency):
    """赵主持: an officer of the agency who is not on the case."""
    user = factories.user(agency["unit"], display_name="赵主持")
    return objects.officer(agency["unit"], user=user)


def refused(action, article):
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        action()
    assert any(ARTICLE.format(article) in m for m in caught.value.messages), caught.value.messages
    assert snapshot() == before


def test_a_late_request_is_refused_with_the_article(agency, notified):
    late = TODAY() + dt.timedelta(days=20)
    refused(lambda: hearing_request(case=notified, actor=agency["officer"], requested_on=late), "第64条第1项")
    assert not Hearing.objects.exists()


def test_no_request_without_the_hearing_right(agency, general_procedure):
    case = register(agency, fine_amount=Decimal("500"))
    advance(agency, case, "notification")
    case = notice_serve(case=case, actor=agency["officer"], served_on=TODAY())
    assert not case.hearing_right
    reason = hearing_request_refusal(case=case, actor=agency["officer"])
    assert "第63条" in reason
    with pytest.raises(ValidationError, match="第63条"):
        hearing_request(case=case, actor=agency["officer"])


def test_an_investigator_cannot_preside_and_the_notice_needs_seven_working_days(agency, notified, presiding):
    hearing_request(case=notified, actor=agency["officer"], requested_on=TODAY())
    investigator = agency["certificates"]["officer2"]
    refused(lambda: hearing_schedule(case=notified, actor=agency["officer"], presiding_officer=investigator,
                                     notice_served_on=TODAY(), scheduled_on=TODAY() + dt.timedelta(days=30),
                                     place="第一听证室"), "第64条第4项")
    refused(lambda: hearing_schedule(case=notified, actor=agency["officer"], presiding_officer=presiding,
                                     notice_served_on=TODAY(), scheduled_on=TODAY() + dt.timedelta(days=3),
                                     place="第一听证室"), "第64条第2项")
    hearing = hearing_schedule(case=notified, actor=agency["officer"], presiding_officer=presiding,
                               notice_served_on=TODAY(), scheduled_on=TODAY() + dt.timedelta(days=30),
                               place="第一听证室")
    assert hearing.presiding_officer == presiding and hearing.place == "第一听证室"


def test_record_and_report_then_the_decision_follows_the_hearing(agency, notified, presiding, time_machine):
    case = notified
    assert hearing_schedule_refusal(case=case, actor=agency["officer"]) == "当事人没有申请听证"
    hearing_request(case=case, actor=agency["officer"], requested_on=TODAY())
    approve(agency, case)
    assert case.process.items.filter(status="open").get().stage == "hearing"
    on = hearing_day(TODAY())
    hearing_schedule(case=case, actor=agency["officer"], presiding_officer=presiding, notice_served_on=TODAY(),
                     scheduled_on=on, place="第一听证室")
    on_hearing_day(time_machine, on)
    with pytest.raises(ValidationError, match="第 2 条发言"):
        hearing_minutes(case=case, actor=agency["officer"], held_on=on,
                        entries=[ENTRIES[0], {"role": "party", "speaker": "", "text": "x"}])
    hearing_minutes(case=case, actor=agency["officer"], held_on=on, entries=ENTRIES)
    hearing_report(case=case, actor=agency["officer"], conclusion="违法事实清楚，当事人已整改",
                   suggestion="建议减轻处罚，罚款一万元")
    context = hearing_context(case, agency["officer"])
    assert [(e.order, e.get_role_display(), e.speaker) for e in context["entries"]] == [
        (1, "主持人", "赵主持"), (2, "调查人员", "张执法"), (3, "当事人", "王经理")]
    approve(agency, case)
    decision_record(case=case, actor=agency["officer"], kind="mitigated", fine_amount=Decimal("10000"),
                    reason="听证后查明当事人及时整改，依法减轻处罚")
    approve(agency, case)
    assert case.status == "decided" and case.decision_kind == "mitigated" and case.fine_amount == Decimal("10000")


def test_a_hearing_is_not_recorded_before_the_day_it_is_held(agency, notified, presiding):
    hearing_request(case=notified, actor=agency["officer"], requested_on=TODAY())
    approve(agency, notified)
    on = hearing_day(TODAY())
    hearing_schedule(case=notified, actor=agency["officer"], presiding_officer=presiding, notice_served_on=TODAY(),
                     scheduled_on=on, place="第一听证室")
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        hearing_minutes(case=notified, actor=agency["officer"], held_on=on, entries=ENTRIES)
    assert caught.value.message_dict["held_on"] == [f"听证日期（举行日期）{on} 晚于今天 {TODAY()}：听证举行后才能记录听证笔录"]
    assert snapshot() == before
    assert Hearing.objects.get(case=notified).held_on is None
