"""The legal guards and completion hooks of the punishment procedures, on the engine's stage codes.

They act only on instances of a punishment procedure type; the guards refuse, quoting the
article, whatever the model says, and the refused step changes nothing. The hooks keep the case
in step with its procedure: the number on 立案 (不予立案 when 立案审批 is rejected), the dates on
告知 and 决定, the status on 结案. docs/cases.md lists every guard with its article.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhifa.basedata.models import Officer
from zhifa.legal.basis import CF_57, CF_58
from zhifa.workflow import guards
from zhifa.workflow.guards import Refusal
from zhifa.workflow.requirements import Stage

from .choices import CaseStatus
from .deadlines import decision_deadline
from .models import Case, Hearing
from .rules import (
    heavier_refusal,
    limitation_refusal,
    notice_refusal,
    officers_refusal,
    overdue_refusal,
    period_refusal,
    report_missing_refusal,
)
from .services.cases import file_case
from .services.common import case_of, is_punishment

MSG_LEGAL_REVIEW_MISSING = "本案须经法制审核，法制审核完成前不能作出处罚决定"
MSG_COLLECTIVE_MISSING = "本案须由行政机关负责人集体讨论决定，集体讨论完成前不能作出处罚决定"


def _hearing(case: Case) -> Hearing | None:
    """The case's hearing, read once per approval (the case object is the one ``case_of`` shares)."""
    if not hasattr(case, "_zhifa_hearing"):
        case._zhifa_hearing = Hearing.objects.filter(case=case).first()
    return case._zhifa_hearing


@guards.register(Stage.DECISION)
def notified_first(instance, item) -> Refusal | None:
    """No decision without a completed 告知 step unless the party waived in writing (第44条)."""
    if not is_punishment(instance):
        return None
    case = case_of(instance)
    waived = case.notice_waived if case else bool(instance.variables.get("waived_statement"))
    return notice_refusal(notified=guards.stage_done(instance, Stage.NOTIFICATION), waived=waived)


@guards.register(Stage.DECISION)
def two_valid_officers(instance, item) -> Refusal | None:
    """No decision unless two of the case's officers hold valid certificates today (第42条).

    The officers are the case's; an instance without a case (a sandbox trial) uses its handlers.
    """
    if not is_punishment(instance):
        return None
    case = case_of(instance)
    officers = Officer.objects.select_related("user")
    if case is not None:
        officers = officers.filter(pk__in=case.officers.values("officer"))
    else:
        officers = officers.filter(user_id__in=instance.people.get("handlers") or [])
    return officers_refusal(list(officers), timezone.localdate())


@guards.register(Stage.DECISION)
def reviews_held(instance, item) -> Refusal | None:
    """法制审核 (第58条) and 集体讨论 (第57条第2款) must have completed when the case requires them."""
    if not is_punishment(instance):
        return None
    variables = instance.variables
    if variables.get("requires_legal_review") and not guards.stage_done(instance, Stage.LEGAL_REVIEW):
        return Refusal(MSG_LEGAL_REVIEW_MISSING, CF_58)
    if variables.get("requires_collective_discussion") and not guards.stage_done(instance, Stage.COLLECTIVE_DISCUSSION):
        return Refusal(MSG_COLLECTIVE_MISSING, CF_57)
    return None


@guards.register(Stage.DECISION)
def statement_period_over(instance, item) -> Refusal | None:
    """No decision while the party may still ask for a hearing, unless waived or asked (第64条第1项)."""
    case = case_of(instance) if is_punishment(instance) else None
    if case is None:
        return None
    return period_refusal(notified_on=case.notified_on, today=timezone.localdate(), hearing_right=case.hearing_right,
                          waived=case.notice_waived, requested=_hearing(case) is not None)


@guards.register(Stage.DECISION)
def not_heavier_than_notified(instance, item) -> Refusal | None:
    """The fine decided is not above the fine notified (第45条第2款)."""
    case = case_of(instance) if is_punishment(instance) else None
    if case is None:
        return None
    return heavier_refusal(notified_amount=case.notified_fine_amount, decided_amount=case.fine_amount)


@guards.register(Stage.DECISION)
def hearing_reported(instance, item) -> Refusal | None:
    """A hearing requested in time is held and reported before the decision (第65条)."""
    case = case_of(instance) if is_punishment(instance) else None
    if case is None:
        return None
    return report_missing_refusal(_hearing(case))


@guards.register(Stage.HEARING)
def hearing_step_reported(instance, item) -> Refusal | None:
    """The 听证 step of a case ends only with the report of its recorded hearing (第65条)."""
    case = case_of(instance) if is_punishment(instance) else None
    if case is None:
        return None
    return report_missing_refusal(_hearing(case), required=True)


@guards.register(Stage.DECISION)
def within_decision_period(instance, item) -> Refusal | None:
    """No decision after the 90 days of 第60条, counted with approved extensions and suspensions."""
    case = case_of(instance) if is_punishment(instance) else None
    if case is None:
        return None
    return overdue_refusal(decision_deadline(case), timezone.localdate())


@guards.register(Stage.FILING)
def not_time_barred(instance, item) -> Refusal | None:
    """No 立案 of a violation past the limitation period (第36条), counted to the day of registration."""
    case = case_of(instance) if is_punishment(instance) else None
    if case is None:
        return None
    return limitation_refusal(act_on=case.act_on, act_ended_on=case.act_ended_on,
                              discovered_on=timezone.localdate(case.created_at), serious_harm=case.serious_harm)


@guards.on_reject(Stage.FILING)
def not_filed(instance, item, reason: str) -> None:
    """立案审批 refused (不同意): the case ends as 不予立案 with the reason."""
    _set_case(instance, status=CaseStatus.NOT_FILED, outcome_reason=reason)


@guards.after(Stage.FILING)
def filed(instance, item) -> None:
    """立案审批 approved: the case gets its number; the procedure's deadlines count from today, or from the
    day a 补录 case was registered (the ``filed_on`` variable ``case_register(occurred_on=…)`` set)."""
    case = case_of(instance)
    if case is None:
        return
    recorded = instance.variables.get("filed_on")
    file_case(case, dt.date.fromisoformat(recorded) if recorded else timezone.localdate())
    instance.variables["filed_on"] = case.filed_on.isoformat()
    instance.save(update_fields=["variables", "updated_at"])


def _set_case(instance, **fields) -> None:
    case = case_of(instance)
    if case is None:
        return
    for name, value in fields.items():
        setattr(case, name, value)
    case.save(update_fields=[*fields, "updated_at"])


@guards.after(Stage.NOTIFICATION)
def notified(instance, item) -> None:
    """告知 done: unless the served 告知书 was recorded (``notice_serve``), today is the date and the fine the one notified."""
    case = case_of(instance)
    if case is not None and case.notified_on is None:
        _set_case(instance, notified_on=timezone.localdate(), notified_fine_amount=case.fine_amount)


@guards.after(Stage.DECISION)
def decided(instance, item) -> None:
    """决定 done: the decision date and status are recorded on the case."""
    _set_case(instance, decided_on=timezone.localdate(), status=CaseStatus.DECIDED)


@guards.after(Stage.CLOSING)
def closed(instance, item) -> None:
    """结案 done: the case is closed."""
    _set_case(instance, status=CaseStatus.CLOSED)
