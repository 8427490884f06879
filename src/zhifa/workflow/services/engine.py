"""The engine's inner loop: load the workflow, run a step, save it, and keep the open work in rows.

Not called from outside the app: the actions in ``services.actions`` lock the instance and call in.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from SpiffWorkflow.util.task import TaskState

from zhifa.core import audit
from zhifa.core.models import AuditAction
from zhifa.core.services.todos import todo_complete_for, todo_complete_for_many, todo_create, todo_create_many

from .. import bpmn
from ..assignment import candidates, deputies_for, deputy_for
from ..choices import Action, InstanceStatus, ItemStatus, SignMode
from ..deadlines import step_deadline
from ..models import ProcessInstance, ProcessState, TimelineEvent, WorkItem

ACTIVE = (ItemStatus.OPEN, ItemStatus.WAITING, ItemStatus.DELEGATED)
NOBODY = "环节“{step}”找不到可以办理的人员（规则：{rule}），请联系管理员检查角色设置"


def workflow_of(instance: ProcessInstance):
    """The instance's workflow, loaded once per instance object."""
    workflow = getattr(instance, "_workflow", None)
    if workflow is None:
        if ProcessInstance.engine_state.is_cached(instance):  # read with the instance (``select_related``)
            stored = getattr(getattr(instance, "engine_state", None), "data", None)
        else:
            stored = ProcessState.objects.filter(pk=instance.pk).values_list("data", flat=True).first()
        workflow = bpmn.loads_state(instance.version.spec, stored)
        instance._workflow = workflow
    return workflow


def ready_steps(workflow) -> dict[str, object]:
    """READY user tasks by task id."""
    return {str(task.id): task for task in workflow.get_tasks(state=TaskState.READY, manual=True)}


def save(instance: ProcessInstance) -> None:
    """Store the workflow state (and the end of the instance when the workflow has finished)."""
    workflow = workflow_of(instance)
    data = bpmn.dumps_state(workflow)
    if not ProcessState.objects.filter(pk=instance.pk).update(data=data):
        ProcessState.objects.create(instance=instance, data=data)
    if workflow.is_completed() and instance.status == InstanceStatus.RUNNING:
        instance.status = InstanceStatus.COMPLETED
        instance.ended_at = timezone.now()
        instance.save(update_fields=["status", "ended_at", "updated_at"])


def log(instance, action: str, *, actor=None, item: WorkItem | None = None, step_id: str = "", step_name: str = "",
        reason: str = "", opinion: str = "", target: str = "", on_behalf_of=None, audited: bool = True,
        save: bool = True) -> TimelineEvent:
    """Write one timeline line and, for an action someone took, its audit row.

    ``audited=False`` is for lines that only follow from an audited action (a step completing
    after its last approval), so the trail has one row per thing a person did. ``save=False`` returns
    the line unsaved, for the caller to write with the next one in one ``INSERT`` (``write_lines``).
    """
    event = TimelineEvent(
        instance=instance,
        action=action,
        step_id=item.step_id if item else step_id,
        step_name=item.step_name if item else step_name,
        actor=actor,
        actor_name=getattr(actor, "display_name", "") or getattr(actor, "username", "") or "系统",
        on_behalf_of_name=getattr(on_behalf_of, "display_name", "") or "",
        target_name=target[:300],
        reason=reason,
        opinion=opinion,
    )
    if save:
        event.save(force_insert=True)
    if not audited:
        return event
    label = Action(action).label
    message = "；".join(part for part in (
        f"{label}（{event.step_name}）" if event.step_name else label,
        f"对象：{target}" if target else "",
        f"理由：{reason}" if reason else "",
        f"意见：{opinion}" if opinion else "",
    ) if part)
    audit.record(AuditAction.ACTION, instance, message=message, user=actor)
    return event


def write_lines(events: list[TimelineEvent]) -> None:
    """Write timeline lines that ``log(save=False)`` returned, in order, in one ``INSERT``."""
    TimelineEvent.objects.bulk_create(events)


def _todo_of(item: WorkItem) -> dict:
    """The workbench todo of an open item, as ``todo_create`` takes it."""
    prefix = "【代办】" if item.on_behalf_of_id else ""
    return {"assignee": item.assignee, "title": f"{prefix}{item.instance.title}：{item.step_name}"[:200],
            "url": item.get_absolute_url(), "kind": "approval", "due_at": item.due_at, "source": item}


def _open_todo(item: WorkItem) -> None:
    todo_create(**_todo_of(item))


def set_status(item: WorkItem, status: str, *, opinion: str = "") -> None:
    """Move an item to ``status``, keeping its workbench todo in step."""
    was_open = item.status == ItemStatus.OPEN or item.status == ItemStatus.DELEGATED
    item.status = status
    fields = ["status"]
    if status in (ItemStatus.DONE, ItemStatus.CANCELLED):
        item.completed_at = timezone.now()
        fields.append("completed_at")
    if opinion:
        item.opinion = opinion
        fields.append("opinion")
    item.save(update_fields=fields)
    if was_open:
        todo_complete_for(item)
    if status in (ItemStatus.OPEN, ItemStatus.DELEGATED):
        _open_todo(item)


def cancel_items(items: list[WorkItem]) -> None:
    """Cancel several items at once (或签 settled, steps no longer ready): one ``UPDATE`` for the items and
    one for their todos, whatever the number of holders."""
    if not items:
        return
    now = timezone.now()
    WorkItem.objects.filter(pk__in=[item.pk for item in items]).update(status=ItemStatus.CANCELLED, completed_at=now)
    todo_complete_for_many([item for item in items if item.status in (ItemStatus.OPEN, ItemStatus.DELEGATED)])
    for item in items:
        item.status, item.completed_at = ItemStatus.CANCELLED, now


_LOOK_UP = object()  # new_item: look the deputy up


def new_item(instance, task_id: str, step, user, *, position: int = 0, status: str = ItemStatus.OPEN, added_by=None,
             sign_kind: str = "", parent: WorkItem | None = None, due_at: dt.datetime | None = None,
             basis: list | None = None, deputy=_LOOK_UP) -> WorkItem:
    """Give ``user`` (or their deputy, 委托) a share of a READY step.

    ``deputy`` may be passed when the caller looked it up already (``None``: nobody holds the work).
    """
    if deputy is _LOOK_UP:
        deputy = deputy_for(user)
    item = _item(instance, task_id, step, user, position=position, status=status, added_by=added_by,
                 sign_kind=sign_kind, parent=parent, due_at=due_at, basis=basis, deputy=deputy)
    item.save(force_insert=True)
    if status == ItemStatus.OPEN:
        _open_todo(item)
    return item


def _item(instance, task_id: str, step, user, *, position: int, status: str, deputy, added_by=None, sign_kind: str = "",
          parent: WorkItem | None = None, due_at: dt.datetime | None = None, basis: list | None = None) -> WorkItem:
    """An unsaved item giving ``user`` (or ``deputy``, 委托, when not ``None``) a share of a READY step."""
    return WorkItem(
        instance=instance,
        task_id=task_id,
        step_id=step.id,
        step_name=step.name,
        stage=step.stage,
        assignee=deputy or user,
        owner=user,
        on_behalf_of=user if deputy else None,
        status=status,
        sign_mode=step.sign_mode,
        position=position,
        added_by=added_by,
        sign_kind=sign_kind,
        parent=parent,
        due_at=due_at,
        deadline_basis=basis or [],
    )


def sync(instance: ProcessInstance, active: list[WorkItem] | None = None) -> list[WorkItem]:
    """Make the open rows match the workflow: cancel work on steps no longer ready, create the new.

    ``active``: the instance's active items when the caller has just read them (not read again).
    """
    workflow = workflow_of(instance)
    ready = ready_steps(workflow)
    if active is None:
        active = list(instance.items.filter(status__in=ACTIVE))
    cancel_items([item for item in active if item.task_id not in ready])
    have = {item.task_id for item in active if item.task_id in ready}
    created = []
    for task_id, task in ready.items():
        if task_id in have:
            continue
        step = bpmn.step_config(instance.version.spec, task.task_spec.name)
        people = candidates(step.assign, instance)
        if not people:
            from django.core.exceptions import ValidationError

            raise ValidationError(NOBODY.format(step=step.name, rule=step.assign))
        due_at, basis = step_deadline(instance, step)
        sequential = step.sign_mode == SignMode.ALL_SEQUENTIAL
        deputies = deputies_for(people)
        created += [
            _item(instance, task_id, step, user, position=position, due_at=due_at, basis=basis,
                  status=ItemStatus.WAITING if sequential and position else ItemStatus.OPEN, deputy=deputies.get(user.pk))
            for position, user in enumerate(people)
        ]
    if created:  # every holder's item in one INSERT, and their todos in another
        WorkItem.objects.bulk_create(created)
        todo_create_many([_todo_of(item) for item in created if item.status == ItemStatus.OPEN])
    return created


def complete_step(instance: ProcessInstance, task_id: str, data: dict, active: list[WorkItem] | None = None) -> None:
    """Record ``data`` in the instance variables, complete the READY task ``task_id``, run on, sync the rows
    (``active``: the instance's active items, when the caller has them)."""
    if data:
        instance.variables.update(data)
        instance.save(update_fields=["variables", "updated_at"])
    workflow = workflow_of(instance)
    task = ready_steps(workflow)[task_id]
    task.data.update(instance.variables)
    task.data["approved"] = True
    task.run()
    workflow.do_engine_steps()
    sync(instance, active)
    save(instance)


def start(instance: ProcessInstance) -> None:
    """Run a new instance's workflow to its first user steps."""
    workflow = workflow_of(instance)
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data.update(instance.variables)
    workflow.do_engine_steps()
    sync(instance)
    save(instance)
