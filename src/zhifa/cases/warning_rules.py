"""What a case's warnings are computed from: its deadlines, the stage it has reached, and the 缺项 rules.

Deadlines (期限): the due time of each open step of the case's procedure (the step's legal
deadline), the decision deadline (``decision_deadline``, 行政处罚法第60条) while a filed case is
undecided, and the payment deadline while the fine is unpaid. Colours come from
``zhifa.workflow.deadlines.colour`` (thresholds ``ZHIFA_DEADLINE_COLOURS``), the one rule the
engine's lists use too.

缺项: each active ``StageRequirementRule`` of a stage the case has reached (its current stage or an
earlier one, in the legal order of ``Stage``) asks that something exists. How each kind of
requirement is checked is registered here with ``register_requirement``; the field check and the
evidence check (a file attached to the case through the attachment service) are built in, and the
documents module registers the document check. A rule of a kind nobody checks cannot be saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from zhifa.core.models import Attachment
from zhifa.legal import RuleError, evaluate
from zhifa.workflow.choices import ItemStatus
from zhifa.workflow.deadlines import colour
from zhifa.workflow.requirements import Stage

from .choices import CaseStatus, ProcedureKind
from .execution_choices import ExecutionStatus, RequirementKind, RuleProcedure
from .execution_ledger import ledger
from .models import Case, CaseExecution, StageRequirementRule

ORDER = [stage for stage in Stage.values if stage != Stage.APPROVAL]
MSG_NO_CHECK = "“{kind}”类缺项规则暂不能核对：提供该类材料的模块尚未登记核对方法"
MSG_NO_FIELD = "案件没有字段“{target}”，可选：{choices}"
MSG_EVIDENCE_TARGET = "证据材料按案件的附件核对，核对对象请留空"
MSG_DEADLINE = "{label}于 {due} 届满"
MSG_MISSING = "缺少：{items}"
LABEL_DECISION = "作出处罚决定的期限（立案之日起九十日）"
LABEL_PAYMENT = "当事人缴纳罚款的期限"
LABEL_STEP = "“{step}”环节的办理期限"
NOT_CHECKABLE_FIELDS = {"id", "created_at", "updated_at", "created_by", "process"}


@dataclass(frozen=True)
class Requirement:
    """How one kind of 缺项 requirement is checked: ``met(case, target)`` and ``error(target)`` (``""``: valid)."""

    met: Callable[[Case, str], bool]
    error: Callable[[str], str]


_REQUIREMENTS: dict[str, Requirement] = {}


def register_requirement(kind: str, *, error: Callable[[str], str] = lambda target: "") -> Callable:
    """Decorator: ``met(case, target) -> bool`` checks requirements of ``kind``; a later registration replaces it."""

    def decorator(met: Callable[[Case, str], bool]) -> Callable:
        _REQUIREMENTS[kind] = Requirement(met=met, error=error)
        return met

    return decorator


def requirement_error(kind: str, target: str) -> str:
    """Why a rule of ``kind`` on ``target`` cannot be checked (``""`` when it can)."""
    requirement = _REQUIREMENTS.get(kind)
    if requirement is None:
        return MSG_NO_CHECK.format(kind=RequirementKind(kind).label if kind in RequirementKind.values else kind)
    return requirement.error(target)


def case_fields() -> dict[str, str]:
    """The case fields a rule may require, name → Chinese label."""
    return {f.name: str(f.verbose_name) for f in Case._meta.concrete_fields if f.name not in NOT_CHECKABLE_FIELDS}


def _field_error(target: str) -> str:
    fields = case_fields()
    if target in fields:
        return ""
    return MSG_NO_FIELD.format(target=target, choices="、".join(f"{label}（{name}）" for name, label in fields.items()))


def target_label(rule: StageRequirementRule) -> str:
    """What the rule checks, in words: a case field's Chinese name, else the target as given."""
    if rule.requirement == RequirementKind.FIELD and rule.target in case_fields():
        return case_fields()[rule.target]
    return rule.target or "—"


@register_requirement(RequirementKind.FIELD, error=_field_error)
def field_filled(case: Case, target: str) -> bool:
    """The case's field ``target`` holds a value (a yes/no field: yes)."""
    return getattr(case, target) not in (None, "", False)


@register_requirement(RequirementKind.EVIDENCE, error=lambda target: MSG_EVIDENCE_TARGET if target else "")
def evidence_attached(case: Case, target: str) -> bool:
    """At least one file is attached to the case through the attachment service."""
    return Attachment.objects.filter(target_type=ContentType.objects.get_for_model(Case),
                                     target_id=str(case.pk)).exists()


def reached_stage(case: Case) -> str | None:
    """The furthest stage the case stands at now, or ``None`` for a closed case.

    A 一般程序 case stands at the stage of its open step; a 简易程序 case at 决定 until decided,
    then at 执行 until its fine is settled, then at 结案.
    """
    if case.status == CaseStatus.CLOSED:
        return None
    if case.process_id is not None:
        stages = [s for s in case.process.items.filter(status=ItemStatus.OPEN).values_list("stage", flat=True)
                  if s in ORDER]
        return max(stages, key=ORDER.index) if stages else None
    if case.decided_on is None:
        return Stage.DECISION
    execution = CaseExecution.objects.filter(case=case).only("status").first()
    unsettled = case.fine_amount > 0 and (execution is None or execution.status not in (
        ExecutionStatus.COMPLETE, ExecutionStatus.ENDED))
    return Stage.EXECUTION if unsettled else Stage.CLOSING


def rules_for(case: Case, stage: str | None, rules: list[StageRequirementRule]) -> list[StageRequirementRule]:
    """The active rules of ``stage`` and the stages before it that apply to the case's procedure."""
    if stage is None:
        return []
    reached = ORDER.index(stage)
    procedure = RuleProcedure.SIMPLE if case.procedure_type == ProcedureKind.SIMPLE else RuleProcedure.GENERAL
    return [rule for rule in rules if rule.stage in ORDER and ORDER.index(rule.stage) <= reached
            and rule.procedure in (RuleProcedure.ALL, procedure)]


def missing_items(case: Case, rules: list[StageRequirementRule]) -> dict[str, list[StageRequirementRule]]:
    """Stage → the rules of that stage the case does not meet."""
    missing: dict[str, list[StageRequirementRule]] = {}
    for rule in sorted(rules, key=lambda r: r.pk):
        requirement = _REQUIREMENTS.get(rule.requirement)
        if requirement is not None and not requirement.met(case, rule.target):
            missing.setdefault(rule.stage, []).append(rule)
    return missing


@dataclass(frozen=True)
class Deadline:
    """A deadline of the case at a stage."""

    stage: str
    due_on: dt.date
    label: str


def _due_time(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def case_deadlines(case: Case, *, today: dt.date) -> list[Deadline]:
    """Every running deadline of the case: open steps, the decision deadline, the payment deadline."""
    deadlines = []
    if case.process_id is not None:
        items = case.process.items.filter(status=ItemStatus.OPEN).exclude(due_at=None)
        for item in items.only("stage", "step_name", "due_at"):
            if item.stage in ORDER:
                deadlines.append(Deadline(item.stage, timezone.localdate(item.due_at), LABEL_STEP.format(step=item.step_name)))
    if case.status == CaseStatus.FILED and case.filed_on and case.decided_on is None:
        try:
            due_on = evaluate("decision_deadline", filed_on=case.filed_on)["deadline"]
        except RuleError:
            due_on = None
        if due_on is not None:
            deadlines.append(Deadline(Stage.DECISION, due_on, LABEL_DECISION))
    execution = CaseExecution.objects.filter(case=case).first()
    if execution is not None and execution.status in (ExecutionStatus.PENDING, ExecutionStatus.PARTIAL):
        next_due = ledger(execution, as_of=today).next_due_on
        if next_due is not None:
            deadlines.append(Deadline(Stage.EXECUTION, next_due, LABEL_PAYMENT))
    return deadlines


@dataclass(frozen=True)
class Wanted:
    """A warning the case should carry now."""

    colour: str
    message: str
    due_on: dt.date | None = None


def wanted_warnings(case: Case, rules: list[StageRequirementRule], *, now: dt.datetime) -> dict[tuple[str, str], Wanted]:
    """(stage, kind) → the warning the case should carry now; one per stage and kind, the nearest deadline."""
    wanted: dict[tuple[str, str], Wanted] = {}
    if case.status == CaseStatus.CLOSED:
        return wanted
    nearest: dict[str, Deadline] = {}
    for deadline in case_deadlines(case, today=timezone.localdate(now)):
        if deadline.stage not in nearest or deadline.due_on < nearest[deadline.stage].due_on:
            nearest[deadline.stage] = deadline
    for stage, deadline in nearest.items():
        shade = colour(_due_time(deadline.due_on), now=now)
        if shade:
            wanted[(stage, "deadline")] = Wanted(shade, MSG_DEADLINE.format(label=deadline.label, due=deadline.due_on),
                                                 deadline.due_on)
    for stage, unmet in missing_items(case, rules_for(case, reached_stage(case), rules)).items():
        worst = min((rule.colour for rule in unmet), key=["red", "yellow", "blue"].index)
        wanted[(stage, "missing")] = Wanted(worst, MSG_MISSING.format(items="、".join(rule.label for rule in unmet)))
    return wanted


def active_rules() -> list[StageRequirementRule]:
    """The active 缺项 rules, read once per sweep."""
    return list(StageRequirementRule.objects.filter(active=True))

