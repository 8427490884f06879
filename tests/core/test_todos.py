"""Todos (A5): any module puts work on a user's workbench and closes it when the work is done."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from zhifa.core.models import AuditEntry, Todo, TodoKind
from zhifa.core.services.todos import (
    approvals_for,
    expiring_for,
    todo_complete_for,
    todo_complete_for_many,
    todo_counts_by_unit,
    todo_create,
    todo_create_many,
    todos_for,
)


@pytest.fixture
def officer(city):
    return factories.user(city["yantian"], display_name="李执法")


def test_created_todo_lands_on_the_assignee_workbench_with_unit_and_source(city, officer):
    todo = todo_create(
        assignee=officer,
        title="审批立案：某餐饮店占道经营案",
        url="/cases/1/",
        kind=TodoKind.APPROVAL,
        due_at=dt.date(2026, 12, 1),
        source=city["futian"],
    )
    assert list(approvals_for(officer)) == [todo]
    assert list(todos_for(officer)) == []
    assert todo.unit == city["yantian"]
    assert todo.source == city["futian"]
    local_due = timezone.localtime(todo.due_at)
    assert (local_due.date(), local_due.hour, local_due.minute) == (dt.date(2026, 12, 1), 23, 59)
    # A todo mirrors work its module audits itself (decision 0013): no audit row of its own.
    assert not AuditEntry.objects.filter(object_type="core.todo").exists()


def test_bad_todo_names_every_field_and_writes_nothing(city, officer):
    with pytest.raises(ValidationError) as caught:
        todo_create(assignee=officer, title="  ", url="https://evil.example/", kind="gossip")
    errors = caught.value.message_dict
    assert errors["title"] == ["待办事项的标题不能为空"]
    assert errors["url"] == ["待办链接必须是站内地址（以 / 开头）：https://evil.example/"]
    assert errors["kind"][0].startswith("待办类型“gossip”无效")
    assert not Todo.objects.exists()


def test_several_todos_are_written_together_and_closed_together(city, officer):
    other = factories.user(city["yantian"], display_name="王执法")
    created = todo_create_many([
        {"assignee": user, "title": "审批立案", "url": "/cases/1/", "kind": TodoKind.APPROVAL, "source": source}
        for user, source in ((officer, city["futian"]), (other, city["yantian"]))
    ])
    assert [list(approvals_for(user)) for user in (officer, other)] == [[created[0]], [created[1]]]
    assert created[1].source == city["yantian"] and created[1].unit == city["yantian"]
    assert todo_complete_for_many([city["futian"], city["yantian"]]) == 2
    assert not Todo.objects.filter(done_at=None).exists()


def test_several_todos_are_all_checked_before_any_is_written(city, officer):
    with pytest.raises(ValidationError) as caught:
        todo_create_many([{"assignee": officer, "title": "核查", "url": "", "kind": TodoKind.TASK},
                          {"assignee": officer, "title": " ", "url": "", "kind": TodoKind.TASK}])
    assert caught.value.message_dict["title"] == ["待办事项的标题不能为空"]
    assert not Todo.objects.exists()


def test_assignee_without_unit_is_refused(db):
    homeless = factories.user(None, display_name="无单位")
    with pytest.raises(ValidationError) as caught:
        todo_create(assignee=homeless, title="核查", url="", kind=TodoKind.TASK)
    assert caught.value.message_dict["assignee"] == ["处理人“无单位（%s）”没有所属单位，无法为其创建待办" % homeless.username]
    assert not Todo.objects.exists()


def test_completing_a_source_closes_only_its_open_todos(city, officer):
    colleague = factories.user(city["yantian"])
    first = todo_create(assignee=officer, title="调查取证", url="/a/", kind=TodoKind.TASK, source=city["yantian"])
    second = todo_create(assignee=colleague, title="调查取证", url="/a/", kind=TodoKind.TASK, source=city["yantian"])
    other = todo_create(assignee=officer, title="另一案件", url="/b/", kind=TodoKind.TASK, source=city["futian"])

    assert todo_complete_for(city["yantian"]) == 2

    for todo in (first, second, other):
        todo.refresh_from_db()
    assert first.done_at is not None and second.done_at is not None
    assert other.done_at is None
    assert list(todos_for(officer)) == [other]
    assert todo_complete_for(city["yantian"]) == 0


def test_completing_for_one_assignee_leaves_the_others_open(city, officer):
    colleague = factories.user(city["yantian"])
    mine = todo_create(assignee=officer, title="会签", url="/a/", kind=TodoKind.APPROVAL, source=city["yantian"])
    theirs = todo_create(assignee=colleague, title="会签", url="/a/", kind=TodoKind.APPROVAL, source=city["yantian"])

    assert todo_complete_for(city["yantian"], assignee=officer) == 1

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.done_at is not None
    assert theirs.done_at is None


def test_expiring_lists_overdue_and_next_three_days_earliest_first(city, officer):
    now = timezone.now()
    overdue = todo_create(assignee=officer, title="逾期", url="", kind=TodoKind.TASK, due_at=now - dt.timedelta(days=2))
    soon = todo_create(assignee=officer, title="三日内", url="", kind=TodoKind.APPROVAL, due_at=timezone.localdate() + dt.timedelta(days=3))
    todo_create(assignee=officer, title="四日后", url="", kind=TodoKind.TASK, due_at=timezone.localdate() + dt.timedelta(days=4))
    todo_create(assignee=officer, title="无期限", url="", kind=TodoKind.TASK)
    factories.user(city["yantian"])

    assert list(expiring_for(officer)) == [overdue, soon]
    assert overdue.is_overdue and overdue.days_left == -2 and overdue.days_overdue == 2
    assert not soon.is_overdue and soon.days_left == 3 and soon.days_overdue == 0


def test_todos_of_another_user_are_not_mine(city, officer):
    other = factories.user(city["yantian"])
    todo_create(assignee=other, title="别人的事", url="", kind=TodoKind.TASK, due_at=timezone.now())
    assert not todos_for(officer).exists()
    assert not expiring_for(officer).exists()


def test_unit_counts_follow_the_permission_gate(city, officer, leader_role):
    department = factories.unit("盐田执法一中队", city["regions"]["yantian"], kind="department", parent=city["yantian"])
    squad_member = factories.user(department)
    futian_officer = factories.user(city["futian"])
    past = timezone.now() - dt.timedelta(hours=1)
    todo_create(assignee=officer, title="甲", url="", kind=TodoKind.TASK, due_at=past)
    todo_create(assignee=officer, title="乙", url="", kind=TodoKind.TASK)
    todo_create(assignee=squad_member, title="丙", url="", kind=TodoKind.TASK)
    todo_create(assignee=futian_officer, title="福田", url="", kind=TodoKind.TASK, due_at=past)
    leader = factories.user(city["yantian"], roles=[leader_role])
    bystander = factories.user(city["yantian"])

    counts = todo_counts_by_unit(leader)

    assert counts == [
        {"unit_id": city["yantian"].pk, "unit_name": city["yantian"].name, "open": 2, "overdue": 1},
        {"unit_id": department.pk, "unit_name": department.name, "open": 1, "overdue": 0},
    ]
    assert todo_counts_by_unit(bystander) == []
