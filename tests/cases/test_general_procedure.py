"""一般程序 on the shipped BPMN model: one case through every stage, and the legal guards of 决定."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from tests.basedata import people as objects
from tests.cases.execution_fixtures import executing  # noqa: F401
from tests.cases.procedure_steps import hearing_day, on_hearing_day
from tests.workflow.conftest import the_item
from zhifa.basedata.models.officers import CertificateStatus
from zhifa.cases.services import (
    case_register,
    hearing_minutes,
    hearing_report,
    hearing_request,
    hearing_schedule,
    notice_serve,
)
from zhifa.cases.services.execution import payment_register
from zhifa.core.models import AuditEntry
from zhifa.workflow import guards, services
from zhifa.workflow.demo import load_procedures
from zhifa.workflow.models import ProcessState, TimelineEvent, WorkItem

pytestmark = pytest.mark.django_db

ARTICLE = "（依据：中华人民共和国行政处罚法{}："


def register(agency, **values):
    return case_register(
        unit=agency["unit"], actor=agency["officer"], procedure_type="general", source="inspection",
        source_note="2026年第12次日常检查", cause="未按规定设置油烟净化设施", parties=[agency["company"]],
        lead=agency["certificates"]["officer"], assistants=[agency["certificates"]["officer2"]],
        fine_amount=20000, **values,
    )


def approve(agency, instance, who, **data):
    services.approve(item=the_item(instance, agency[who]), actor=agency[who], opinion="同意", data=data or None)


def snapshot(instance):
    instance.refresh_from_db()
    return (ProcessState.objects.get(pk=instance.pk).data, instance.status, instance.variables,
            list(WorkItem.objects.values_list("status", flat=True).order_by("id")),
            TimelineEvent.objects.count(), AuditEntry.objects.count())


def open_stage(instance):
    return sorted(set(instance.items.filter(status="open").values_list("stage", flat=True)))


def test_one_case_through_every_stage(executing, general_procedure, time_machine):
    agency = executing
    case = register(agency, requires_legal_review=True, requires_collective_discussion=True)
    instance = case.process
    assert instance.people == {"handlers": [agency["officer"].pk, agency["officer2"].pk]}
    assert open_stage(instance) == ["filing"]
    approve(agency, instance, "leader")
    case.refresh_from_db()
    assert case.status == "filed" and case.number == "深盐城管立〔2026〕第0001号"
    assert case.filed_on == timezone.localdate()
    instance.refresh_from_db()
    assert instance.variables["filed_on"] == case.filed_on.isoformat()
    steps = [
        ("officer", "investigation", {}), ("officer2", "investigation_report", {}), ("squad", "case_review", {}),
        ("reviewer", "legal_review", {}), ("leader", "collective_discussion", {}),
        ("officer", "notification", {}), ("reviewer", "hearing", {}),
        ("leader", "decision", {}), ("officer", "service", {}), ("officer", "execution", {}),
        ("leader", "closing", {}), ("officer2", "archiving", {}),
    ]
    for who, stage, data in steps:
        assert open_stage(instance) == [stage]
        if stage == "notification":
            _party_asks_for_a_hearing(agency, case)
        if stage == "hearing":
            _hearing_held_and_reported(agency, case, time_machine)
        if stage == "closing":  # 结案 waits for the fine (test_execution.py)
            payment_register(case=case, actor=agency["officer"], paid_on=timezone.localdate(), amount=20000,
                             receipt_number="B-0001")
        approve(agency, instance, who, **data)
    instance.refresh_from_db()
    case.refresh_from_db()
    assert instance.status == "completed" and case.status == "closed"
    assert case.hearing.reported_on == case.hearing.held_on == case.decided_on == timezone.localdate()
    assert case.notified_on == case.filed_on < case.decided_on
    done = list(instance.items.filter(status="done").order_by("id").values_list("stage", flat=True))
    assert done == ["filing"] + [stage for _, stage, _ in steps]


def _party_asks_for_a_hearing(agency, case):
    notice_serve(case=case, actor=agency["officer"], served_on=timezone.localdate())
    hearing_request(case=case, actor=agency["officer"])


def _hearing_held_and_reported(agency, case, clock):
    """Arranged for the earliest day the notice allows; the clock moves to that day to hold and report it."""
    presiding = objects.officer(agency["unit"], user=factories.user(agency["unit"], display_name="赵主持"))
    on = hearing_day(timezone.localdate())
    hearing_schedule(case=case, actor=agency["officer"], presiding_officer=presiding,
                     notice_served_on=timezone.localdate(), scheduled_on=on, place="第一听证室")
    on_hearing_day(clock, on)
    hearing_minutes(case=case, actor=agency["officer"], held_on=on,
                    entries=[{"role": "presiding", "speaker": "赵主持", "text": "听证开始。"}])
    hearing_report(case=case, actor=agency["officer"], conclusion="事实清楚", reported_on=timezone.localdate())




def test_the_hearing_step_waits_for_the_report_of_a_recorded_hearing(agency, general_procedure):
    instance = register(agency).process
    for who in ("leader", "officer", "officer", "squad"):
        approve(agency, instance, who)
    approve(agency, instance, "officer", hearing_requested=True)
    before = snapshot(instance)
    with pytest.raises(guards.GuardRefused, match="第65条"):
        approve(agency, instance, "reviewer")
    assert snapshot(instance) == before


def test_optional_stages_are_skipped_when_not_required(agency, general_procedure):
    instance = register(agency).process
    for who in ("leader", "officer", "officer", "squad"):
        approve(agency, instance, who)
    assert open_stage(instance) == ["notification"]
    approve(agency, instance, "officer", hearing_requested=False)
    assert open_stage(instance) == ["decision"]


def test_decision_refused_when_fewer_than_two_valid_officers_and_nothing_changes(agency, general_procedure):
    instance = register(agency).process
    for who in ("leader", "officer", "officer", "squad", "officer"):
        approve(agency, instance, who)
    certificate = agency["certificates"]["officer2"]
    certificate.status = CertificateStatus.SUSPENDED
    certificate.save()
    before = snapshot(instance)
    with pytest.raises(guards.GuardRefused) as caught:
        approve(agency, instance, "leader")
    assert len(caught.value.messages) == 1
    assert ARTICLE.format("第42条") in caught.value.messages[0] and "李执法" in caught.value.messages[0]
    assert snapshot(instance) == before
    assert open_stage(instance) == ["decision"]


def test_a_model_without_notification_is_not_published(agency, general_xml):
    xml = general_xml.replace('name="stage" value="notification"', 'name="stage" value="approval"')
    draft = services.import_model(xml=xml, actor=agency["admin"], procedure_type="punishment_general")
    with pytest.raises(ValidationError) as caught:
        services.publish_version(version=draft, actor=agency["admin"])
    assert "缺少法定环节“告知”（中华人民共和国行政处罚法第44条" in caught.value.messages[0]


def _sandbox(agency, xml, **variables):
    """A trial run of an unpublished punishment model, handled by the two officers."""
    draft = services.import_model(xml=xml, actor=agency["admin"], procedure_type="punishment_general")
    return services.start_instance(
        definition=draft.definition, version=draft, unit=agency["unit"], actor=agency["officer"], title="试运行",
        variables=variables, people={"handlers": [agency["officer"].pk, agency["officer2"].pk]},
    )


def test_decision_guard_refuses_on_a_model_without_a_notification_step(agency, general_xml):
    instance = _sandbox(agency, general_xml.replace('name="stage" value="notification"', 'name="stage" value="approval"'))
    for who in ("leader", "officer", "officer", "squad", "officer"):
        approve(agency, instance, who)
    before = snapshot(instance)
    with pytest.raises(guards.GuardRefused) as caught:
        approve(agency, instance, "leader")
    assert [m for m in caught.value.messages if ARTICLE.format("第44条") in m] == caught.value.messages
    assert snapshot(instance) == before


def test_decision_guard_refuses_when_required_reviews_were_skipped(agency, general_xml):
    xml = (general_xml.replace("requires_legal_review == True", "requires_legal_review == False")
           .replace("requires_collective_discussion == True", "requires_collective_discussion == False"))
    instance = _sandbox(agency, xml, requires_legal_review=True)
    for who in ("leader", "officer", "officer", "squad", "officer"):
        approve(agency, instance, who)
    with pytest.raises(guards.GuardRefused) as caught:
        approve(agency, instance, "leader")
    assert len(caught.value.messages) == 1 and ARTICLE.format("第58条") in caught.value.messages[0]
    instance.variables.update(requires_legal_review=False, requires_collective_discussion=True)
    instance.save(update_fields=["variables"])
    with pytest.raises(guards.GuardRefused) as caught:
        approve(agency, instance, "leader")
    assert len(caught.value.messages) == 1 and ARTICLE.format("第57条第2款") in caught.value.messages[0]


def test_shipped_models_publish_with_their_procedure_types(agency):
    versions = load_procedures(agency["admin"])
    assert {v.definition.key: v.definition.procedure_type for v in versions} == {
        "general_approval": "approval", "punishment_general": "punishment_general",
    }
    assert all(v.status == "published" for v in versions)
