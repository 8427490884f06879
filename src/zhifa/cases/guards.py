"""The legal guards and completion hooks of the punishment procedures, on the engine's stage codes.

They act only on instances of a punishment procedure type; the decision guards refuse, quoting
the article, whatever the model says. The hooks keep the case in step with its procedure: the
number on 立案, the dates on 告知 and 决定, the status on 结案.
"""

from __future__ import annotations

from django.utils import timezone

from zhifa.basedata.models import Officer
from zhifa.legal.basis import CF_57, CF_58
from zhifa.workflow import guards
from zhifa.workflow.guards import Refusal
from zhifa.workflow.requirements import ProcedureType, Stage

from .choices import CaseStatus
from .models import Case
from .rules import notice_refusal, officers_refusal
from .services.cases import file_case

PUNISHMENT = (ProcedureType.PUNISHMENT_GENERAL, ProcedureType.PUNISHMENT_SIMPLE)
MSG_LEGAL_REVIEW_MISSING = "本案须经法制审核，法制审核完成前不能作出处罚决定"
MSG_COLLECTIVE_MISSING = "本案须由行政机关负责人集体讨论决定，集体讨论完成前不能作出处罚决定"


def _punishment(instance) -> bool:
    return instance.version.definition.procedure_type in PUNISHMENT


def _case(instance) -> Case | None:
    return Case.objects.filter(process=instance).first()


@guards.register(Stage.DECISION)
def notified_first(instance, item) -> Refusal | None:
    """No decision without a completed 告知 step unless the party waived in writing (第44条)."""
    if not _punishment(instance):
        return None
    case = _case(instance)
    waived = case.notice_waived if case else bool(instance.variables.get("waived_statement"))
    return notice_refusal(notified=guards.stage_done(instance, Stage.NOTIFICATION), waived=waived)


@guards.register(Stage.DECISION)
def two_valid_officers(instance, item) -> Refusal | None:
    """No decision unless two of the case's officers hold valid certificates today (第42条).

    The officers are the case's; an instance without a case (a sandbox trial) uses its handlers.
    """
    if not _punishment(instance):
        return None
    case = _case(instance)
    officers = Officer.objects.select_related("user")
    if case is not None:
        officers = officers.filter(pk__in=case.officers.values("officer"))
    else:
        officers = officers.filter(user_id__in=instance.people.get("handlers") or [])
    return officers_refusal(list(officers), timezone.localdate())


@guards.register(Stage.DECISION)
def reviews_held(instance, item) -> Refusal | None:
    """法制审核 (第58条) and 集体讨论 (第57条第2款) must have completed when the case requires them."""
    if not _punishment(instance):
        return None
    variables = instance.variables
    if variables.get("requires_legal_review") and not guards.stage_done(instance, Stage.LEGAL_REVIEW):
        return Refusal(MSG_LEGAL_REVIEW_MISSING, CF_58)
    if variables.get("requires_collective_discussion") and not guards.stage_done(instance, Stage.COLLECTIVE_DISCUSSION):
        return Refusal(MSG_COLLECTIVE_MISSING, CF_57)
    return None


@guards.after(Stage.FILING)
def filed(instance, item) -> None:
    """立案审批 approved: the case gets its number; the procedure's deadlines count from today."""
    case = _case(instance)
    if case is None:
        return
    file_case(case, timezone.localdate())
    instance.variables["filed_on"] = case.filed_on.isoformat()
    instance.save(update_fields=["variables", "updated_at"])


def _set_case(instance, **fields) -> None:
    case = _case(instance)
    if case is None:
        return
    for name, value in fields.items():
        setattr(case, name, value)
    case.save(update_fields=[*fields, "updated_at"])


@guards.after(Stage.NOTIFICATION)
def notified(instance, item) -> None:
    """告知 done: the date is recorded on the case."""
    _set_case(instance, notified_on=timezone.localdate())


@guards.after(Stage.DECISION)
def decided(instance, item) -> None:
    """决定 done: the decision date and status are recorded on the case."""
    _set_case(instance, decided_on=timezone.localdate(), status=CaseStatus.DECIDED)


@guards.after(Stage.CLOSING)
def closed(instance, item) -> None:
    """结案 done: the case is closed."""
    _set_case(instance, status=CaseStatus.CLOSED)
