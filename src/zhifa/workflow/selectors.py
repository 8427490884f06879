"""Reads of the process engine: my work, an instance's timeline and current holders, who may be picked."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from .assignment import may_see
from .choices import InstanceStatus, ItemStatus
from .models import ProcessInstance, WorkItem


def my_open_items(user):
    """The user's open work, nearest deadline first: one indexed query on ``(assignee, status, due_at)``."""
    return (
        WorkItem.objects.filter(assignee=user, status__in=(ItemStatus.OPEN, ItemStatus.DELEGATED))
        .select_related("instance", "on_behalf_of")
        .only("id", "instance_id", "instance__title", "step_id", "step_name", "stage", "status", "sign_mode", "created_at",
              "due_at", "deadline_basis", "on_behalf_of__display_name", "on_behalf_of__username")
        .order_by("due_at", "id")
    )


def pickable_people(instance: ProcessInstance):
    """Active users of the instance's unit and the unit above who can see the instance (for 转办, 加签…)."""
    units = [instance.unit_id] + ([instance.unit.parent_id] if instance.unit.parent_id else [])
    users = get_user_model().objects.filter(is_active=True, unit_id__in=units).select_related("unit").order_by("unit_id", "username")
    ids = [u.pk for u in users if may_see(u, instance)]
    return get_user_model().objects.filter(pk__in=ids).select_related("unit").order_by("unit_id", "username")


def versions_with_counts(definition):
    """The versions of a procedure with how many instances run (and have ended) on each."""
    return definition.versions.annotate(
        running=Count("instances", filter=Q(instances__status=InstanceStatus.RUNNING, instances__sandbox=False)),
        ended=Count("instances", filter=~Q(instances__status=InstanceStatus.RUNNING) & Q(instances__sandbox=False)),
    ).order_by("-number")


def current_items(instance):
    return instance.items.filter(status__in=(ItemStatus.OPEN, ItemStatus.WAITING, ItemStatus.DELEGATED)).select_related(
        "assignee", "on_behalf_of", "added_by"
    )


def returnable_steps(instance) -> list[tuple[str, str]]:
    """Earlier steps this instance has passed, as ``(step id, name)`` choices for 退回."""
    from SpiffWorkflow.util.task import TaskState

    from .services.engine import workflow_of

    seen, choices = set(), []
    steps = instance.version.spec.get("steps", {})
    for task in sorted(workflow_of(instance).get_tasks(state=TaskState.COMPLETED, manual=True), key=lambda t: t.last_state_change):
        name = task.task_spec.name
        if name not in seen and name in steps:
            seen.add(name)
            choices.append((name, steps[name]["name"]))
    return choices

