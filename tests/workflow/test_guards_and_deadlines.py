"""Legal guards refuse whatever the model says and change nothing; deadlines come from legal rules."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from tests.workflow.conftest import the_item
from zhifa.core.models import AuditEntry, Todo
from zhifa.workflow import guards, services
from zhifa.workflow.deadlines import colour
from zhifa.workflow.models import ProcessState, TimelineEvent, WorkItem
from zhifa.workflow.requirements import CF_44, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def notification_guard():
    def notified_first(instance, item):
        if not guards.stage_done(instance, Stage.NOTIFICATION):
            return guards.Refusal("作出决定前必须先告知当事人", CF_44)
        return None

    guards.register(Stage.DECISION)(notified_first)
    yield notified_first
    guards.unregister(Stage.DECISION, notified_first)


def snapshot(instance):
    instance.refresh_from_db()
    return (ProcessState.objects.get(pk=instance.pk).data, instance.status, WorkItem.objects.count(), list(WorkItem.objects.values_list("status", flat=True).order_by("id")),
            TimelineEvent.objects.count(), AuditEntry.objects.count(), Todo.objects.filter(done_at=None).count())


def test_guard_refuses_a_model_that_skips_the_stage_and_nothing_changes(agency, start, notification_guard):
    instance = start(fine_amount=100)
    services.approve(item=the_item(instance, agency["officer"]), actor=agency["officer"])
    services.approve(item=the_item(instance, agency["squad1"]), actor=agency["squad1"])
    for reviewer in ("reviewer1", "reviewer2"):
        services.approve(item=the_item(instance, agency[reviewer]), actor=agency[reviewer])
    decision = the_item(instance, agency["leader1"])
    before = snapshot(instance)
    with pytest.raises(guards.GuardRefused) as caught:
        services.approve(item=decision, actor=agency["leader1"], opinion="同意")
    assert caught.value.messages == [
        "作出决定前必须先告知当事人（依据：中华人民共和国行政处罚法第44条：行政机关在作出行政处罚决定之前，"
        "应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人依法享有的陈述、申辩、要求听证等权利。）"
    ]
    assert snapshot(instance) == before


def test_deadline_from_a_legal_rule_with_its_basis(agency, published, sample_xml):
    xml = sample_xml.replace('<camunda:property name="timeout_hours" value="24" />',
                             '<camunda:property name="deadline_rule" value="decision_deadline"/>')
    version = services.import_model(xml=xml, actor=agency["admin"])
    services.publish_version(version=version, actor=agency["admin"])
    instance = services.start_instance(definition=version.definition, unit=agency["unit"], actor=agency["officer"],
                                       title="期限", variables={"filed_on": "2026-01-05", "sector": "general"})
    services.approve(item=the_item(instance, agency["officer"]), actor=agency["officer"])
    item = the_item(instance, agency["squad1"])
    assert timezone.localdate(item.due_at) == dt.date(2026, 4, 5)
    assert any(c["article"] == "第60条" for c in item.deadline_basis)


def test_time_limit_deadline_and_colours(agency, start, settings):
    settings.ZHIFA_DEADLINE_COLOURS = {"red": 0, "yellow": 2, "blue": 5}
    instance = start()
    services.approve(item=the_item(instance, agency["officer"]), actor=agency["officer"])
    item = the_item(instance, agency["squad1"])
    assert item.due_at is not None and item.deadline_basis[0]["text"] == "本环节办理时限为 24 小时"
    now = timezone.now()
    assert colour(now - dt.timedelta(days=1), now=now) == "red"
    assert colour(now + dt.timedelta(days=2), now=now) == "yellow"
    assert colour(now + dt.timedelta(days=4), now=now) == "blue"
    assert colour(now + dt.timedelta(days=9), now=now) == ""


def test_timeouts_warn_once_and_escalate_to_the_unit_above(agency, start, city):
    from tests import factories
    from zhifa.workflow.tasks import sweep_timeouts

    upper = factories.unit("深圳市城市管理和综合执法局", city["regions"]["city"], level="city")
    agency["unit"].parent = upper
    agency["unit"].path = agency["unit"].expected_path()
    agency["unit"].save()
    from zhifa.org.models import Role

    boss = factories.user(upper, roles=[Role.objects.get(code="squad_leader")], display_name="市局队长")
    instance = start()
    services.approve(item=the_item(instance, agency["officer"]), actor=agency["officer"])
    WorkItem.objects.filter(step_id="squad_review").update(due_at=timezone.now() - dt.timedelta(hours=1))
    assert sweep_timeouts() == 2
    assert sweep_timeouts() == 0
    assert instance.timeline.filter(action="timeout").count() == 2
    assert instance.timeline.filter(action="escalate").count() == 1
    assert boss.notifications.filter(title__startswith="超时上报").exists()


@pytest.mark.django_db(transaction=True)
def test_twenty_people_completing_one_task_at_once(agency, start):
    if connection.vendor != "postgresql":
        pytest.skip("并发行锁只在 PostgreSQL 上有意义；SQLite 串行写入")
    instance = start()
    item = the_item(instance, agency["officer"])
    results, barrier = [], threading.Barrier(20)

    def click():
        try:
            barrier.wait()
            services.approve(item=item, actor=agency["officer"], opinion="提交")
            results.append("ok")
        except ValidationError as error:
            results.append(error.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("ok") == 1
    assert results.count("该任务已由他人办理、已被收回或不在您名下，请刷新页面后查看最新状态") == 19
    assert instance.timeline.filter(action="approve").count() == 1
    assert instance.items.filter(step_id="squad_review").count() == 2
