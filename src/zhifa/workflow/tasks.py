"""Background work of the process engine: the periodic timeout sweep."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from zhifa.core.notifications.dispatch import notify

from . import bpmn
from .assignment import candidates
from .choices import Action, ItemStatus
from .models import WorkItem
from .services import engine


def _escalation_rule(step) -> str:
    """The unit above's counterpart of the step's rule: the same role there, else its leaders."""
    kind, _, argument = step.assign.partition(":")
    return f"unit_above:{argument}" if kind == "role" else "unit_above:leader"


def sweep_timeouts(now=None) -> int:
    """Warn the holder of every overdue open item once, and escalate where the step says so.

    Idempotent: an item is warned once (``warned_at``) and escalated once (``escalated_at``), each
    in its own transaction with the item locked, so a rerun after a crash does no harm.
    Returns the number of items warned.
    """
    now = now or timezone.now()
    warned = 0
    overdue = WorkItem.objects.filter(status=ItemStatus.OPEN, due_at__lt=now, warned_at=None).values_list("pk", flat=True)
    for pk in list(overdue):
        with transaction.atomic():
            item = WorkItem.objects.select_for_update().select_related("instance__version", "instance__unit", "assignee").get(pk=pk)
            if item.warned_at is not None or item.status != ItemStatus.OPEN:
                continue
            instance = item.instance
            item.warned_at = now
            item.save(update_fields=["warned_at"])
            notify(recipients=[item.assignee], title=f"超时预警：{instance.title}（{item.step_name}）",
                   body="该环节已超过办理期限，请尽快办理。", url=item.get_absolute_url())
            engine.log(instance, Action.TIMEOUT, item=item, target=item.assignee.display_name)
            warned += 1
            step = bpmn.step_config(instance.version.spec, item.step_id)
            already = instance.items.filter(task_id=item.task_id).exclude(escalated_at=None).exists()
            if step.escalate and not already:
                bosses = candidates(_escalation_rule(step), instance)
                item.escalated_at = now
                item.save(update_fields=["escalated_at"])
                if bosses:
                    notify(recipients=bosses, title=f"超时上报：{instance.title}（{item.step_name}）",
                           body=f"{instance.unit.name}的“{item.step_name}”环节已超期。", url=instance.get_absolute_url())
                engine.log(instance, Action.ESCALATE, item=item, target="、".join(b.display_name for b in bosses) or "上级单位无对应人员")
    return warned


@task()
def check_process_timeouts() -> int:
    """Periodic job: ``sweep_timeouts`` now."""
    return sweep_timeouts()
