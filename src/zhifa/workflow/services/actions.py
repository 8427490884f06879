"""Every approval action Chinese government users expect, each one transaction with the instance locked.

Each function checks the actor's right to act, changes the rows and the workflow, writes a
timeline line (who, when, what, why) and its audit row, and updates the workbench todos.
Refusals are ``ValidationError`` with a Chinese message; a refused action changes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from SpiffWorkflow.util.task import TaskState

from zhifa.core.notifications.dispatch import notify
from zhifa.org.models import Unit

from .. import bpmn, guards
from ..assignment import may_see, may_start_in
from ..choices import Action, InstanceStatus, ItemStatus, SignKind, SignMode
from ..models import ProcessDefinition, ProcessInstance, ProcessVersion, WorkItem
from ..variables import VARIABLES
from . import engine
from .engine import ACTIVE

NOT_ALLOWED_START = "您没有在“{unit}”发起流程的权限"
NOT_PUBLISHED = "流程“{name}”还没有已发布的版本"
UNKNOWN_VARIABLE = "未登记的业务变量“{name}”"
TITLE_REQUIRED = "事项名称不能为空"
NOT_YOURS = "该任务已由他人办理、已被收回或不在您名下，请刷新页面后查看最新状态"
NOT_RUNNING = "流程已结束（{status}），不能再办理"
REASON_REQUIRED = "请填写理由"
NOTHING_TO_RETURN = "没有可以退回的前序环节"
UNKNOWN_TARGET = "环节“{step}”尚未办理过，不能退回到该环节"
CANNOT_SEE = "“{user}”不在该流程所属单位的数据权限范围内，不能办理"
SAME_USER = "不能转给自己"
NOT_DELEGATED = "该任务不是委派给您的任务"
NOT_ADDER = "只有加签人或原办理人可以减签"
NOT_ADDED = "只能减去加签产生、尚未办理的人员"
WITHDRAW_NOT_YOURS = "只有上一环节的办理人可以撤回"
WITHDRAW_TOO_LATE = "下一环节已有人办理，不能撤回"
URGE_NOT_ALLOWED = "只有发起人或有管理权限的人员可以催办"
URGE_TOO_SOON = "{minutes} 分钟内已催办过，请稍后再试"
NOTHING_TO_URGE = "当前没有待办理的任务"
NOBODY_SELECTED = "请选择人员"


def _lock(instance_id, *, state: bool = False) -> ProcessInstance:
    """The instance locked, with its version, definition and unit (and its workflow state when ``state``)."""
    related = ("version__definition", "unit", "engine_state") if state else ("version__definition", "unit")
    return ProcessInstance.objects.select_for_update(of=("self",)).select_related(*related).get(pk=instance_id)


def _running(instance: ProcessInstance) -> None:
    if instance.status != InstanceStatus.RUNNING:
        raise ValidationError(NOT_RUNNING.format(status=instance.get_status_display()))


def _my_item(item: WorkItem, actor, statuses=(ItemStatus.OPEN,), *, state: bool = False) -> tuple[ProcessInstance, WorkItem]:
    """Lock the item's instance and re-read the item: it must still be the actor's and in ``statuses``."""
    instance = _lock(item.instance_id, state=state)
    _running(instance)
    current = WorkItem.objects.select_for_update().get(pk=item.pk)
    if current.assignee_id != actor.pk or current.status not in statuses or not may_see(actor, instance):
        raise ValidationError(NOT_YOURS)
    return instance, current


def _require(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    return reason


def _check_people(users, instance) -> list:
    if not users:
        raise ValidationError({"users": NOBODY_SELECTED})
    for user in users:
        if not user.is_active or not may_see(user, instance):
            raise ValidationError({"users": CANNOT_SEE.format(user=user)})
    return list(users)


def _names(users) -> str:
    return "、".join(getattr(u, "display_name", "") or u.username for u in users)


@transaction.atomic
def start_instance(*, definition: ProcessDefinition, unit: Unit, actor, title: str, variables: dict | None = None,
                   people: dict | None = None, subject=None, version: ProcessVersion | None = None) -> ProcessInstance:
    """Start a procedure for ``subject`` in ``unit`` on its newest published version.

    ``version`` runs a draft in a sandbox instance (测试实例) instead, for trying a model before
    publishing it.
    """
    if not may_start_in(actor, unit):
        raise ValidationError(NOT_ALLOWED_START.format(unit=unit))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": TITLE_REQUIRED})
    variables = dict(variables or {})
    unknown = sorted(set(variables) - set(VARIABLES))
    if unknown:
        raise ValidationError({"variables": [UNKNOWN_VARIABLE.format(name=name) for name in unknown]})
    sandbox = version is not None
    version = version or definition.current_version()
    if version is None:
        raise ValidationError(NOT_PUBLISHED.format(name=definition.name))
    instance = ProcessInstance.objects.create(
        version=version, unit=unit, title=title, originator=actor, variables=variables, people=people or {},
        sandbox=sandbox,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=str(subject.pk) if subject is not None else "",
    )
    engine.log(instance, Action.START, actor=actor, target=str(version))
    engine.start(instance)
    return instance


def _step_finished(instance, item) -> list[WorkItem] | None:
    """After ``item`` was approved: settle its siblings; when the step as a whole is done, the instance's
    work still active (on other steps), else ``None``.

    One read of the instance's active items (the step's, those added by 加签 included, share its task),
    and the rest is decided on them in memory: 或签 cancels the other candidates in one write.
    """
    active = list(instance.items.filter(status__in=ACTIVE).order_by("position", "id"))
    siblings = [i for i in active if i.task_id == item.task_id]
    base = [i for i in siblings if not i.sign_kind]
    if not item.sign_kind and item.sign_mode in (SignMode.SINGLE, SignMode.ANY):
        engine.cancel_items(base)  # 或签: one approval settles the step for the other candidates
        base = []
    for child in siblings:
        if child.parent_id == item.pk and child.sign_kind == SignKind.AFTER and child.status == ItemStatus.WAITING:
            engine.set_status(child, ItemStatus.OPEN)

    def adding(parent, kinds=(SignKind.BEFORE, SignKind.AFTER)) -> bool:
        return any(i.parent_id == parent.pk and i.sign_kind in kinds and i.status in ACTIVE for i in siblings)

    parent = next((i for i in siblings if i.pk == item.parent_id), None)
    if item.sign_kind == SignKind.BEFORE and parent is not None and parent.status == ItemStatus.WAITING:
        if not adding(parent, (SignKind.BEFORE,)):
            engine.set_status(parent, ItemStatus.OPEN)
    if item.sign_mode == SignMode.ALL_SEQUENTIAL and not item.sign_kind:
        waiting = [i for i in base if i.status == ItemStatus.WAITING and not adding(i)]
        if waiting and not any(i.status == ItemStatus.OPEN for i in base):
            engine.set_status(waiting[0], ItemStatus.OPEN)
    if any(i.status in ACTIVE for i in siblings):
        return None
    return [i for i in active if i.task_id != item.task_id]


@transaction.atomic
def approve(*, item: WorkItem, actor, opinion: str = "", data: dict | None = None) -> ProcessInstance:
    """通过: record the opinion; when the step's sign rule is met, run its guards and move on."""
    instance, item = _my_item(item, actor, state=True)
    data = dict(data or {})
    unknown = sorted(set(data) - set(VARIABLES))
    if unknown:
        raise ValidationError({"data": [UNKNOWN_VARIABLE.format(name=name) for name in unknown]})
    engine.set_status(item, ItemStatus.DONE, opinion=(opinion or "").strip())
    approval = engine.log(instance, Action.APPROVE, actor=actor, item=item, opinion=item.opinion,
                          on_behalf_of=item.on_behalf_of, save=False)
    elsewhere = _step_finished(instance, item)
    if elsewhere is None:
        approval.save(force_insert=True)
        return instance
    if item.stage:
        guards.check(item.stage, instance, item)
    engine.complete_step(instance, item.task_id, data, active=elsewhere)
    engine.write_lines([approval, engine.log(instance, Action.COMPLETE, actor=actor, item=item, audited=False, save=False)])
    if item.stage:
        guards.completed(item.stage, instance, item)
    return instance


def _completed_steps(instance) -> list:
    workflow = engine.workflow_of(instance)
    done = [t for t in workflow.get_tasks(state=TaskState.COMPLETED, manual=True)]
    return sorted(done, key=lambda t: t.last_state_change)


@transaction.atomic
def return_to(*, item: WorkItem, actor, target: str = "previous", reason: str) -> ProcessInstance:
    """退回 to the previous step, to the originator's (first) step, or to any earlier step by its id."""
    reason = _require(reason)
    instance, item = _my_item(item, actor)
    done = _completed_steps(instance)
    if not done:
        raise ValidationError(NOTHING_TO_RETURN)
    if target == "previous":
        chosen = done[-1]
    elif target == "originator":
        chosen = done[0]
    else:
        matching = [t for t in done if t.task_spec.name == target]
        if not matching:
            raise ValidationError({"target": UNKNOWN_TARGET.format(step=target)})
        chosen = matching[-1]
    step = bpmn.step_config(instance.version.spec, chosen.task_spec.name)
    engine.set_status(item, ItemStatus.DONE)
    engine.log(instance, Action.RETURN, actor=actor, item=item, reason=reason, target=step.name)
    engine.workflow_of(instance).reset_from_task_id(chosen.id)
    engine.sync(instance)
    engine.save(instance)
    return instance


@transaction.atomic
def reject(*, item: WorkItem, actor, reason: str) -> ProcessInstance:
    """不同意/驳回: end the instance with a reason."""
    reason = _require(reason)
    instance, item = _my_item(item, actor)
    engine.set_status(item, ItemStatus.DONE)
    _end(instance, InstanceStatus.REJECTED)
    engine.log(instance, Action.REJECT, actor=actor, item=item, reason=reason)
    if item.stage:
        guards.rejected(item.stage, instance, item, reason)
    return instance


def _end(instance: ProcessInstance, status: str) -> None:
    """Cancel the open work and the workflow, and end the instance with ``status``."""
    for other in instance.items.filter(status__in=ACTIVE):
        engine.set_status(other, ItemStatus.CANCELLED)
    engine.workflow_of(instance).cancel()
    instance.status = status
    instance.ended_at = timezone.now()
    engine.save(instance)
    instance.save(update_fields=["status", "ended_at", "updated_at"])


@transaction.atomic
def cancel_instance(*, instance: ProcessInstance, actor, reason: str) -> ProcessInstance:
    """撤销: end a running instance for a reason decided outside it (e.g. an approved 终止 of a case).

    The caller has authorised the decision; the timeline shows it as a 驳回 line with the reason.
    """
    reason = _require(reason)
    instance = _lock(instance.pk)
    _running(instance)
    _end(instance, InstanceStatus.CANCELLED)
    engine.log(instance, Action.REJECT, actor=actor, reason=reason)
    return instance


@transaction.atomic
def withdraw(*, instance: ProcessInstance, actor, reason: str = "") -> ProcessInstance:
    """撤回: whoever completed the last step takes it back, as long as nobody has acted on the next one."""
    instance = _lock(instance.pk)
    _running(instance)
    last = instance.items.filter(status=ItemStatus.DONE).exclude(completed_at=None).order_by("-completed_at", "-id").first()
    if last is None or last.assignee_id != actor.pk:
        raise ValidationError(WITHDRAW_NOT_YOURS)
    later = instance.items.filter(created_at__gt=last.completed_at)
    if later.exclude(status__in=(ItemStatus.OPEN, ItemStatus.WAITING)).exists() or later.exclude(added_by=None).exists():
        raise ValidationError(WITHDRAW_TOO_LATE)
    workflow = engine.workflow_of(instance)
    task = workflow.get_task_from_id(uuid.UUID(last.task_id))
    if task is None or task.state != TaskState.COMPLETED:
        raise ValidationError(WITHDRAW_TOO_LATE)
    workflow.reset_from_task_id(task.id)
    engine.log(instance, Action.WITHDRAW, actor=actor, item=last, reason=(reason or "").strip())
    engine.sync(instance)
    engine.save(instance)
    return instance


@transaction.atomic
def transfer(*, item: WorkItem, actor, to_user, reason: str = "") -> WorkItem:
    """转办: hand the work over for good; the new person owns it."""
    instance, item = _my_item(item, actor)
    if to_user.pk == actor.pk:
        raise ValidationError({"users": SAME_USER})
    _check_people([to_user], instance)
    engine.set_status(item, ItemStatus.CANCELLED)
    new = engine.new_item(
        instance, item.task_id, bpmn.step_config(instance.version.spec, item.step_id), to_user,
        position=item.position, parent=item.parent, sign_kind=item.sign_kind, added_by=item.added_by,
        due_at=item.due_at, basis=item.deadline_basis,
    )
    item.added_items.update(parent=new)
    engine.log(instance, Action.TRANSFER, actor=actor, item=item, target=_names([to_user]), reason=reason)
    return new


@transaction.atomic
def delegate(*, item: WorkItem, actor, to_user, reason: str = "") -> WorkItem:
    """委派: lend the work to someone; it comes back to the owner when they resolve it."""
    instance, item = _my_item(item, actor)
    if to_user.pk == actor.pk:
        raise ValidationError({"users": SAME_USER})
    _check_people([to_user], instance)
    item.assignee = to_user
    item.save(update_fields=["assignee"])
    engine.set_status(item, ItemStatus.DELEGATED)
    engine.log(instance, Action.DELEGATE, actor=actor, item=item, target=_names([to_user]), reason=reason)
    return item


@transaction.atomic
def resolve(*, item: WorkItem, actor, opinion: str = "") -> WorkItem:
    """委派办结: the delegate gives the work back to its owner with an opinion."""
    instance, item = _my_item(item, actor, statuses=(ItemStatus.DELEGATED,))
    item.assignee = item.owner
    item.save(update_fields=["assignee"])
    engine.set_status(item, ItemStatus.OPEN)
    engine.log(instance, Action.RESOLVE, actor=actor, item=item, opinion=(opinion or "").strip(), target=_names([item.owner]))
    return item


@transaction.atomic
def add_sign(*, item: WorkItem, actor, users, position: str, reason: str = "") -> list[WorkItem]:
    """加签: others approve before the actor (``before``) or after the actor has approved (``after``)."""
    if position not in SignKind.values:
        raise ValidationError({"position": "加签方式只能是前加签或后加签"})
    instance, item = _my_item(item, actor)
    users = _check_people(users, instance)
    step = bpmn.step_config(instance.version.spec, item.step_id)
    before = position == SignKind.BEFORE
    added = [
        engine.new_item(instance, item.task_id, step, user, position=item.position, added_by=actor, sign_kind=position,
                        parent=item, status=ItemStatus.OPEN if before else ItemStatus.WAITING,
                        due_at=item.due_at, basis=item.deadline_basis)
        for user in users
    ]
    if before:
        engine.set_status(item, ItemStatus.WAITING)
    action = Action.ADD_SIGN_BEFORE if before else Action.ADD_SIGN_AFTER
    engine.log(instance, action, actor=actor, item=item, target=_names(users), reason=reason)
    return added


@transaction.atomic
def remove_sign(*, item: WorkItem, actor, reason: str = "") -> WorkItem:
    """减签: take back a person added by 加签 who has not acted yet."""
    instance = _lock(item.instance_id)
    _running(instance)
    item = WorkItem.objects.select_for_update(of=("self",)).select_related("parent").get(pk=item.pk)
    if not item.sign_kind or item.status not in ACTIVE:
        raise ValidationError(NOT_ADDED)
    if actor.pk not in (item.added_by_id, getattr(item.parent, "assignee_id", None)):
        raise ValidationError(NOT_ADDER)
    engine.set_status(item, ItemStatus.CANCELLED)
    parent = item.parent
    if item.sign_kind == SignKind.BEFORE and parent.status == ItemStatus.WAITING:
        if not parent.added_items.filter(sign_kind=SignKind.BEFORE, status__in=ACTIVE).exists():
            engine.set_status(parent, ItemStatus.OPEN)
    engine.log(instance, Action.REMOVE_SIGN, actor=actor, item=item, target=_names([item.assignee]), reason=reason)
    return item


@transaction.atomic
def copy_to(*, instance: ProcessInstance, actor, users, note: str = "") -> None:
    """抄送: let others read the instance and tell them; they have nothing to approve."""
    instance = _lock(instance.pk)
    if not may_see(actor, instance):
        raise ValidationError(NOT_YOURS)
    users = _check_people(users, instance)
    notify(recipients=users, title=f"抄送：{instance.title}", body=note, url=instance.get_absolute_url())
    engine.log(instance, Action.COPY, actor=actor, target=_names(users), reason=note)


def urge_interval() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "ZHIFA_WORKFLOW_URGE_MINUTES", 30))


@transaction.atomic
def urge(*, instance: ProcessInstance, actor, note: str = "") -> list[WorkItem]:
    """催办: remind the people holding open work; at most once per ``ZHIFA_WORKFLOW_URGE_MINUTES``."""
    instance = _lock(instance.pk)
    _running(instance)
    manager = ProcessInstance.objects.filter(pk=instance.pk).restrict(actor, "change").exists()
    if actor.pk != instance.originator_id and not manager:
        raise ValidationError(URGE_NOT_ALLOWED)
    items = list(instance.items.select_for_update().filter(status__in=(ItemStatus.OPEN, ItemStatus.DELEGATED)).select_related("assignee"))
    if not items:
        raise ValidationError(NOTHING_TO_URGE)
    now = timezone.now()
    if any(i.urged_at and now - i.urged_at < urge_interval() for i in items):
        raise ValidationError(URGE_TOO_SOON.format(minutes=int(urge_interval().total_seconds() // 60)))
    WorkItem.objects.filter(pk__in=[i.pk for i in items]).update(urged_at=now)
    for item in items:
        notify(recipients=[item.assignee], title=f"催办：{instance.title}（{item.step_name}）", body=note, url=item.get_absolute_url())
    engine.log(instance, Action.URGE, actor=actor, target=_names([i.assignee for i in items]), reason=note)
    return items
