"""Every approval action on the sample procedure, with its timeline line and audit row."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.workflow.conftest import open_items, the_item
from zhifa.core.models import AuditEntry, Notification, Todo
from zhifa.workflow import services
from zhifa.workflow.choices import Action, InstanceStatus, ItemStatus

pytestmark = pytest.mark.django_db


def actions(instance):
    return [(e.action, e.step_name, e.actor_name) for e in instance.timeline.all()]


def audited(instance):
    return list(AuditEntry.objects.filter(object_type="workflow.processinstance", object_id=str(instance.pk), action="action")
                .order_by("seq").values_list("message", flat=True))


def submit(instance, agency):
    services.approve(item=the_item(instance, agency["officer"]), actor=agency["officer"], opinion="请审核")


def test_approve_runs_or_sign_countersign_gateway_and_sequence(agency, start):
    instance = start(fine_amount=20000)
    submit(instance, agency)
    # 或签: both squad leaders are offered the step; one approval settles it for both.
    assert {i.assignee for i in open_items(instance)} == {agency["squad1"], agency["squad2"]}
    services.approve(item=the_item(instance, agency["squad2"]), actor=agency["squad2"], opinion="同意")
    assert open_items(instance, agency["squad1"]) == []
    assert instance.items.get(assignee=agency["squad1"]).status == ItemStatus.CANCELLED
    # 会签 in parallel: both reviewers must approve.
    services.approve(item=the_item(instance, agency["reviewer1"]), actor=agency["reviewer1"], opinion="合法")
    assert the_item(instance, agency["reviewer2"]).step_id == "legal_review"
    services.approve(item=the_item(instance, agency["reviewer2"]), actor=agency["reviewer2"], opinion="合法")
    # The gateway sends a fine of 20,000 to 集体讨论, a 会签 in sequence: leader1 first, leader2 waits.
    assert the_item(instance, agency["leader1"]).step_id == "collective"
    assert instance.items.get(step_id="collective", assignee=agency["leader2"]).status == ItemStatus.WAITING
    services.approve(item=the_item(instance, agency["leader1"]), actor=agency["leader1"], opinion="同意处罚")
    services.approve(item=the_item(instance, agency["leader2"]), actor=agency["leader2"], opinion="同意处罚")
    services.approve(item=the_item(instance, agency["leader2"]), actor=agency["leader2"], opinion="同意")
    instance.refresh_from_db()
    assert instance.status == InstanceStatus.COMPLETED
    assert not Todo.objects.filter(done_at=None).exists()
    approvals = [(a, s, n) for a, s, n in actions(instance) if a == Action.APPROVE]
    assert approvals == [
        ("approve", "承办人提交", "张执法"), ("approve", "队长审核", "赵队长"), ("approve", "法制审核", "钱审核"),
        ("approve", "法制审核", "孙审核"), ("approve", "集体讨论", "周局长"), ("approve", "集体讨论", "吴副局长"),
        ("approve", "负责人审批", "吴副局长"),
    ]
    opinions = list(instance.timeline.filter(action=Action.APPROVE).values_list("opinion", flat=True))
    assert opinions[:2] == ["请审核", "同意"]
    assert any("通过（法制审核）；意见：合法" in m for m in audited(instance))


def test_small_fine_skips_collective_discussion(agency, start):
    instance = start(fine_amount=500)
    submit(instance, agency)
    services.approve(item=the_item(instance, agency["squad1"]), actor=agency["squad1"])
    for reviewer in ("reviewer1", "reviewer2"):
        services.approve(item=the_item(instance, agency[reviewer]), actor=agency[reviewer])
    assert {i.step_id for i in open_items(instance)} == {"leader_decision"}


def test_return_to_previous_originator_and_named_step(agency, start):
    instance = start()
    submit(instance, agency)
    services.approve(item=the_item(instance, agency["squad1"]), actor=agency["squad1"])
    reviewer = agency["reviewer1"]
    with pytest.raises(ValidationError):
        services.return_to(item=the_item(instance, reviewer), actor=reviewer, reason="")
    services.return_to(item=the_item(instance, reviewer), actor=reviewer, target="previous", reason="证据不足")
    assert {i.step_id for i in open_items(instance)} == {"squad_review"}
    assert open_items(instance, agency["reviewer2"]) == []
    services.return_to(item=the_item(instance, agency["squad1"]), actor=agency["squad1"], target="originator", reason="补充材料")
    assert the_item(instance, agency["officer"]).step_id == "submit"
    submit(instance, agency)
    services.approve(item=the_item(instance, agency["squad2"]), actor=agency["squad2"])
    services.return_to(item=the_item(instance, reviewer), actor=reviewer, target="submit", reason="重新提交")
    assert the_item(instance, agency["officer"]).step_id == "submit"
    returns = list(instance.timeline.filter(action=Action.RETURN).values_list("target_name", "reason"))
    assert returns == [("队长审核", "证据不足"), ("承办人提交", "补充材料"), ("承办人提交", "重新提交")]
    assert sum("退回" in m for m in audited(instance)) == 3


def test_reject_ends_the_instance_with_a_reason(agency, start):
    instance = start()
    submit(instance, agency)
    services.reject(item=the_item(instance, agency["squad1"]), actor=agency["squad1"], reason="不属于本单位管辖")
    instance.refresh_from_db()
    assert instance.status == InstanceStatus.REJECTED
    assert open_items(instance) == []
    assert instance.timeline.get(action=Action.REJECT).reason == "不属于本单位管辖"
    with pytest.raises(ValidationError, match="流程已结束"):
        services.withdraw(instance=instance, actor=agency["officer"])


def test_withdraw_only_before_the_next_person_acts(agency, start):
    instance = start()
    submit(instance, agency)
    with pytest.raises(ValidationError, match="上一环节的办理人"):
        services.withdraw(instance=instance, actor=agency["squad1"])
    services.withdraw(instance=instance, actor=agency["officer"], reason="材料有误")
    assert the_item(instance, agency["officer"]).step_id == "submit"
    submit(instance, agency)
    services.approve(item=the_item(instance, agency["squad1"]), actor=agency["squad1"])
    services.approve(item=the_item(instance, agency["reviewer1"]), actor=agency["reviewer1"])
    with pytest.raises(ValidationError, match="上一环节的办理人|已有人办理"):
        services.withdraw(instance=instance, actor=agency["squad1"])
    assert instance.timeline.filter(action=Action.WITHDRAW).count() == 1


def test_transfer_and_delegate(agency, start):
    instance = start()
    submit(instance, agency)
    squad1 = agency["squad1"]
    new = services.transfer(item=the_item(instance, squad1), actor=squad1, to_user=agency["leader1"], reason="出差")
    assert new.assignee == agency["leader1"] and new.owner == agency["leader1"]
    assert open_items(instance, squad1) == []
    with pytest.raises(ValidationError, match="不在该流程所属单位的数据权限范围内"):
        services.transfer(item=new, actor=agency["leader1"], to_user=agency["outsider"])
    delegated = services.delegate(item=new, actor=agency["leader1"], to_user=agency["officer2"], reason="请核实")
    assert delegated.status == ItemStatus.DELEGATED and delegated.assignee == agency["officer2"]
    assert Todo.objects.filter(assignee=agency["officer2"], done_at=None).count() == 1
    with pytest.raises(ValidationError):
        services.approve(item=delegated, actor=agency["officer2"])
    services.resolve(item=delegated, actor=agency["officer2"], opinion="已核实，情况属实")
    delegated.refresh_from_db()
    assert delegated.assignee == agency["leader1"] and delegated.status == ItemStatus.OPEN
    services.approve(item=delegated, actor=agency["leader1"], opinion="同意")
    assert [a for a, _, _ in actions(instance)][3:7] == ["transfer", "delegate", "resolve", "approve"]


def test_add_sign_before_after_and_remove_sign(agency, start):
    instance = start()
    submit(instance, agency)
    squad1 = agency["squad1"]
    item = the_item(instance, squad1)
    before = services.add_sign(item=item, actor=squad1, users=[agency["leader1"]], position="before", reason="请局长先看")
    item.refresh_from_db()
    assert item.status == ItemStatus.WAITING
    with pytest.raises(ValidationError):
        services.approve(item=item, actor=squad1)
    services.approve(item=before[0], actor=agency["leader1"], opinion="可以")
    item.refresh_from_db()
    assert item.status == ItemStatus.OPEN
    after = services.add_sign(item=item, actor=squad1, users=[agency["leader2"], agency["officer2"]], position="after")
    services.remove_sign(item=after[1], actor=squad1, reason="不需要")
    services.approve(item=item, actor=squad1, opinion="同意")
    # The step waits for the 后加签 person before it moves on.
    assert {i.step_id for i in open_items(instance)} == {"squad_review"}
    services.approve(item=the_item(instance, agency["leader2"]), actor=agency["leader2"], opinion="同意")
    assert {i.step_id for i in open_items(instance)} == {"legal_review"}
    assert [a for a, _, _ in actions(instance) if "sign" in a] == ["add_sign_before", "add_sign_after", "remove_sign"]


def test_copy_and_urge_with_rate_limit(agency, start, settings):
    settings.ZHIFA_WORKFLOW_URGE_MINUTES = 30
    instance = start()
    submit(instance, agency)
    services.copy_to(instance=instance, actor=agency["officer"], users=[agency["leader1"]], note="请知悉")
    assert Notification.objects.filter(recipient=agency["leader1"], title__startswith="抄送").exists()
    with pytest.raises(ValidationError, match="发起人或有管理权限"):
        services.urge(instance=instance, actor=agency["reviewer1"])
    services.urge(instance=instance, actor=agency["officer"], note="请尽快审核")
    assert Notification.objects.filter(recipient=agency["squad2"], title__startswith="催办").count() == 1
    with pytest.raises(ValidationError, match="30 分钟内已催办过"):
        services.urge(instance=instance, actor=agency["officer"])
    assert instance.timeline.filter(action=Action.URGE).count() == 1


def test_deputy_receives_work_of_an_absent_person(agency, start):
    today = timezone.localdate()
    services.deputy_set(user=agency["squad1"], deputy=agency["leader1"], starts_on=today, ends_on=today + dt.timedelta(days=3),
                        actor=agency["squad1"], reason="休假")
    with pytest.raises(ValidationError):
        services.deputy_set(user=agency["squad2"], deputy=agency["leader1"], starts_on=today, ends_on=today,
                            actor=agency["squad1"])
    instance = start()
    submit(instance, agency)
    item = the_item(instance, agency["leader1"])
    assert item.on_behalf_of == agency["squad1"] and item.owner == agency["squad1"]
    services.approve(item=item, actor=agency["leader1"], opinion="代为同意")
    assert instance.timeline.filter(action=Action.APPROVE, on_behalf_of_name="王队长").exists()


def test_outsider_is_never_offered_a_task(agency, start):
    instance = start()
    submit(instance, agency)
    assert not instance.items.filter(assignee=agency["outsider"]).exists()
    with pytest.raises(ValidationError, match="不在您名下"):
        services.approve(item=the_item(instance, agency["squad1"]), actor=agency["outsider"])
