"""Remedies against a decision (行政复议, 行政诉讼): recorded with their dates and outcome, and counted.

An application is checked against its legal period (``reconsideration_application_deadline`` or
``litigation_deadline``, counted from the day the party received the decision); a late one is still
recorded — the party did apply — but marked late, with the deadline, and the service says so.
A 撤销 outcome ends the execution (行政强制法第40条第4项).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from zhifa.legal import evaluate

from ..execution_choices import FINISHED, RemedyKind, RemedyOutcome
from ..facts import facts
from ..models import Case, CaseExecution, CaseRemedy
from .access import access_refusal
from .execution import MSG_NOT_DECIDED, end_execution

MSG_REMEDY_OPEN = "已有尚未审结的{kind}（{applied_on} 申请）"
MSG_NO_OPEN_REMEDY = "没有审理中的复议或诉讼"
MSG_REQUIRED = "请填写{label}"
MSG_FUTURE = "{label}不能晚于今天"
MSG_NOT_BEFORE = "{label}不能早于{other}（{date}）"
MSG_LATE = "{kind}申请日期 {applied_on} 已超过法定期限（{deadline} 届满），已按逾期申请登记"
REVOKED_REASON = "据以执行的行政处罚决定被撤销（{remedy}，{date}）"
WHAT_REGISTER = "登记该案件的复议、诉讼"
WHAT_CONCLUDE = "登记该案件复议、诉讼的结果"
PENDING = "pending"


@dataclass(frozen=True)
class Deadline:
    """The last day to apply, and why."""

    deadline: dt.date
    basis: list


def _dated(value, field: str, label: str, not_before: dt.date | None = None, other: str = "") -> dt.date:
    if value is None:
        raise ValidationError({field: MSG_REQUIRED.format(label=label)})
    if value > timezone.localdate():
        raise ValidationError({field: MSG_FUTURE.format(label=label)})
    if not_before is not None and value < not_before:
        raise ValidationError({field: MSG_NOT_BEFORE.format(label=label, other=other, date=not_before)})
    return value


def open_remedy(case: Case) -> CaseRemedy | None:
    """The 复议 or 诉讼 still running, if any."""
    return facts(case).open_remedy


def known_on(case: Case) -> dt.date:
    """The day the party knew of the decision: the day it was served, else the decision date."""
    execution = CaseExecution.objects.filter(case=case).only("served_on").first()
    return execution.served_on if execution else case.decided_on


def application_deadline(case: Case, kind: str) -> Deadline:
    """The last day to apply for 复议 (60 days) or to sue (6 months, or 15 days after a 复议 decision)."""
    if kind == RemedyKind.RECONSIDERATION:
        answer = evaluate("reconsideration_application_deadline", known_on=known_on(case), rights_informed=True)
    else:
        decided = case.remedies.filter(kind=RemedyKind.RECONSIDERATION).exclude(concluded_on=None)
        last = decided.order_by("-concluded_on").first()
        if last is not None:
            answer = evaluate("litigation_deadline", kind="after_reconsideration", from_on=last.concluded_on)
        else:
            answer = evaluate("litigation_deadline", kind="direct", from_on=known_on(case))
    return Deadline(answer["deadline"], list(answer.basis))


def remedy_refusal(*, case: Case, actor) -> str:
    """Why a 复议 or 诉讼 cannot be recorded now: no decision yet, or one still running."""
    refusal = access_refusal(actor, case, "cases.add_caseremedy", WHAT_REGISTER)
    if refusal:
        return refusal
    if case.decided_on is None:
        return MSG_NOT_DECIDED
    running = open_remedy(case)
    return MSG_REMEDY_OPEN.format(kind=running.get_kind_display(), applied_on=running.applied_on) if running else ""


def late_message(remedy: CaseRemedy) -> str:
    """The warning shown for an application made after its legal period (``""`` when in time)."""
    if not remedy.late:
        return ""
    return MSG_LATE.format(kind=remedy.get_kind_display(), applied_on=remedy.applied_on, deadline=remedy.deadline)


@transaction.atomic
def remedy_register(*, case: Case, actor, kind: str, applied_on: dt.date, organ: str,
                    accepted_on: dt.date | None = None, note: str = "") -> CaseRemedy:
    """登记复议/诉讼 against the decision; marked late (and the deadline kept) when applied after its period."""
    case = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
    reason = remedy_refusal(case=case, actor=actor)
    if reason:
        raise ValidationError(reason)
    if kind not in RemedyKind.values:
        raise ValidationError({"kind": MSG_REQUIRED.format(label="救济方式")})
    _dated(applied_on, "applied_on", "申请（起诉）日期", case.decided_on, "决定日期")
    if accepted_on is not None:
        _dated(accepted_on, "accepted_on", "受理日期", applied_on, "申请日期")
    if not (organ or "").strip():
        raise ValidationError({"organ": MSG_REQUIRED.format(label="复议机关/受理法院")})
    deadline = application_deadline(case, kind).deadline
    return CaseRemedy.objects.create(
        case=case, kind=kind, applied_on=applied_on, organ=organ.strip(), accepted_on=accepted_on,
        deadline=deadline, late=applied_on > deadline, note=note.strip(), created_by=actor,
    )


def remedy_conclude_refusal(*, case: Case, actor) -> str:
    """Why the outcome of a 复议 or 诉讼 cannot be recorded now."""
    refusal = access_refusal(actor, case, "cases.change_caseremedy", WHAT_CONCLUDE)
    if refusal:
        return refusal
    return "" if open_remedy(case) else MSG_NO_OPEN_REMEDY


@transaction.atomic
def remedy_conclude(*, case: Case, actor, concluded_on: dt.date, outcome: str, note: str = "") -> CaseRemedy:
    """登记复议（诉讼）结果; 撤销 ends the execution of the revoked decision."""
    case = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
    reason = remedy_conclude_refusal(case=case, actor=actor)
    if reason:
        raise ValidationError(reason)
    remedy = CaseRemedy.objects.select_for_update().get(pk=open_remedy(case).pk)
    _dated(concluded_on, "concluded_on", "审结日期", remedy.accepted_on or remedy.applied_on, "受理（申请）日期")
    if outcome not in RemedyOutcome.values:
        raise ValidationError({"outcome": MSG_REQUIRED.format(label="结果")})
    remedy.concluded_on = concluded_on
    remedy.outcome = outcome
    if note.strip():
        remedy.note = note.strip()
    remedy.save()
    execution = CaseExecution.objects.select_for_update().filter(case=case).first()
    if outcome == RemedyOutcome.REVOKED and execution is not None and execution.status not in FINISHED:
        end_execution(execution, concluded_on, REVOKED_REASON.format(remedy=remedy.get_kind_display(), date=concluded_on))
    return remedy


def remedy_counts(cases) -> dict[str, dict[str, int]]:
    """For analytics: ``{kind: {outcome or "pending": count}}`` over the remedies of the ``cases`` queryset.

    Every kind and outcome appears, with 0 where there is none, so that tables line up.
    """
    counts = {kind: {outcome: 0 for outcome in [*RemedyOutcome.values, PENDING]} for kind in RemedyKind.values}
    rows = CaseRemedy.objects.filter(case__in=cases).values("kind", "outcome").annotate(n=Count("pk")).order_by()
    for row in rows:
        counts[row["kind"]][row["outcome"] or PENDING] += row["n"]
    return counts

