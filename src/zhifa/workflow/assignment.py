"""Who a step goes to: the ``assign`` property of a user task, resolved through the permission gate.

Rules (one per step):

- ``role:<角色代码>`` — active users holding that role in the instance's unit;
- ``unit_above:<角色代码>`` — the same in the unit above;
- ``people:<键>`` — the instance's own people (e.g. ``people:handlers`` = 主办/协办 officers);
- ``user:<用户名>`` — one named user;
- ``originator`` — whoever started the instance.

Candidates who could not view the instance under their own data scope are dropped, so nobody
outside the unit's scope is ever offered a task. A deputy (委托) replaces an absent person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

KINDS = {"role": "角色", "unit_above": "上级单位角色", "people": "办案人员", "user": "指定用户", "originator": "发起人"}

UNKNOWN_KIND = "办理人规则“{rule}”无效：可用 role:角色代码、unit_above:角色代码、people:键、user:用户名 或 originator"
MISSING_ARGUMENT = "办理人规则“{rule}”缺少冒号后的值"


class AssignmentError(ValueError):
    """A rule that cannot be read, or a step that finds nobody to do it."""


@dataclass(frozen=True)
class Rule:
    kind: str
    argument: str = ""


def parse_rule(text: str) -> Rule:
    """Read an ``assign`` property; raise ``AssignmentError`` with a Chinese message when invalid."""
    text = (text or "").strip()
    kind, _, argument = text.partition(":")
    if kind not in KINDS:
        raise AssignmentError(UNKNOWN_KIND.format(rule=text))
    if kind != "originator" and not argument.strip():
        raise AssignmentError(MISSING_ARGUMENT.format(rule=text))
    return Rule(kind, argument.strip())


def _raw_candidates(rule: Rule, instance) -> list:
    # with each user's unit and region: the permission gate reads them for every candidate
    users = get_user_model().objects.filter(is_active=True).select_related("unit__region")
    if rule.kind == "role":
        return list(users.filter(unit=instance.unit, roles__code=rule.argument).distinct().order_by("pk"))
    if rule.kind == "unit_above":
        if instance.unit.parent_id is None:
            return []
        return list(users.filter(unit_id=instance.unit.parent_id, roles__code=rule.argument).distinct().order_by("pk"))
    if rule.kind == "people":
        ids = instance.people.get(rule.argument) or []
        by_id = users.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]
    if rule.kind == "user":
        return list(users.filter(username=rule.argument))
    return list(users.filter(pk=instance.originator_id))


def may_see(user, instance) -> bool:
    """Whether ``user`` reaches the instance through the permission gate (the user's unit from the process cache)."""
    from zhifa.core.gate import can
    from zhifa.core.usercache import prime_unit

    prime_unit(user)
    return can(user, "view", instance)


def may_start_in(user, unit) -> bool:
    """Whether ``user``'s scope for adding instances reaches ``unit`` (the gate's rule, read on the unit)."""
    from zhifa.core.gate import can_add_in

    from .models import ProcessInstance

    return can_add_in(user, ProcessInstance, unit)


def candidates(rule_text: str, instance) -> list:
    """The users a step goes to, in a stable order, each one able to see the instance."""
    return [user for user in _raw_candidates(parse_rule(rule_text), instance) if may_see(user, instance)]


def deputy_for(user, on=None):
    """The deputy holding ``user``'s new work on date ``on`` (today), or ``None``."""
    return deputies_for([user], on).get(user.pk)


def deputies_for(users, on=None) -> dict:
    """``{user key: deputy}`` for those of ``users`` whose new work a deputy holds on ``on`` (today); one query.

    When several delegations overlap, the one that started last holds the work.
    """
    from .models import Deputy

    on = on or timezone.localdate()
    rows = (
        Deputy.objects.filter(user__in=[user.pk for user in users], starts_on__lte=on, ends_on__gte=on,
                              deputy__is_active=True)
        .select_related("deputy").order_by("user_id", "-starts_on", "-pk")
    )
    found = {}
    for row in rows:
        found.setdefault(row.user_id, row.deputy)
    return found
