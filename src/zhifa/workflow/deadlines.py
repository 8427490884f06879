"""Step deadlines: from a ``zhifa.legal`` rule over the instance's dates, or from the step's time limit.

``deadline_rule`` names a legal rule (e.g. ``decision_deadline``); its parameters are taken from
the instance variables of the same name, and its basis is kept with the item. ``timeout_hours``
is the unit's own time limit for the step. Colours follow ``ZHIFA_DEADLINE_COLOURS``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from zhifa.legal import RuleError, evaluate, get_rule

DEFAULT_COLOURS = {"red": 0, "yellow": 2, "blue": 5}
COLOUR_LABELS = {"red": "红色预警（已到期或超期）", "yellow": "黄色预警（临近到期）", "blue": "蓝色提示", "": "正常"}


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def step_deadline(instance, step) -> tuple[dt.datetime | None, list[dict]]:
    """The due time of a new item of ``step`` and its legal basis (citations as JSON)."""
    if step.deadline_rule:
        rule = get_rule(step.deadline_rule)
        params = {p.name: instance.variables[p.name] for p in rule.params if instance.variables.get(p.name) not in (None, "")}
        try:
            answer = evaluate(step.deadline_rule, **params)
        except RuleError as error:
            return None, [{"law": "", "article": "", "text": f"期限无法计算：{error}"}]
        deadline = answer.get("deadline")
        if deadline is not None:
            if isinstance(deadline, str):
                deadline = dt.date.fromisoformat(deadline)
            return _end_of(deadline), [c.as_json() for c in answer.basis]
    if step.timeout_hours:
        return timezone.now() + dt.timedelta(hours=step.timeout_hours), [
            {"law": "本单位流程配置", "article": step.name, "text": f"本环节办理时限为 {step.timeout_hours} 小时"}
        ]
    return None, []


def colour(due_at: dt.datetime | None, *, now: dt.datetime | None = None) -> str:
    """``red``/``yellow``/``blue`` by whole days left before ``due_at`` (thresholds configurable), else ``""``."""
    if due_at is None:
        return ""
    thresholds = getattr(settings, "ZHIFA_DEADLINE_COLOURS", DEFAULT_COLOURS)
    days_left = (timezone.localdate(due_at) - timezone.localdate(now or timezone.now())).days
    for name in ("red", "yellow", "blue"):
        if days_left <= thresholds[name]:
            return name
    return ""
