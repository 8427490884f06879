"""What every case service does first: lock the case, check the actor may handle it, read its stage."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from zhifa.workflow.choices import InstanceStatus
from zhifa.workflow.requirements import ProcedureType

from ..choices import ENDED_STATUSES, ProcedureKind
from ..facts import facts
from ..models import Case

MSG_NOT_ALLOWED_CHANGE = "您没有办理该案件的权限"
MSG_ENDED = "案件已{status}，不能再办理"
MSG_NOT_GENERAL = "该事项只适用于一般程序案件"
MSG_WRONG_STAGE = "案件当前不在“{stage}”环节"


def locked_case(case: Case) -> Case:
    """Re-read ``case`` locked for update, inside the caller's transaction."""
    return Case.objects.select_for_update().get(pk=case.pk)


PUNISHMENT = (ProcedureType.PUNISHMENT_GENERAL, ProcedureType.PUNISHMENT_SIMPLE)


def is_punishment(instance) -> bool:
    """Whether a procedure instance runs a punishment procedure (the legal guards act only on those)."""
    return instance.version.definition.procedure_type in PUNISHMENT


def case_of(instance) -> Case | None:
    """The case a procedure instance runs for (``None`` for a sandbox trial or a procedure without a case).

    Read once per instance object: the engine locks and loads the instance afresh in each transaction, so the
    guards and hooks of one approval share one read of the case, and the hooks' writes to it.
    """
    if not hasattr(instance, "_zhifa_case"):
        case = Case.objects.filter(process=instance).first()
        if case is not None and case.unit_id == instance.unit_id:
            Case.unit.field.set_cached_value(case, instance.unit)  # the engine read it with the instance
        instance._zhifa_case = case
    return instance._zhifa_case


def may_handle(case: Case, actor, action: str = "change") -> bool:
    """Whether the permission gate lets ``actor`` ``action`` this case."""
    return facts(case).may(actor, action)


def open_stages(case: Case) -> set[str]:
    """The stage codes of the open steps of the case's procedure (empty for a 简易程序 case)."""
    return facts(case).open_stages


def running_general_refusal(case: Case, actor, *, stage: str = "", stage_name: str = "") -> str:
    """"" when ``actor`` may handle this running 一般程序 case (at ``stage`` if given), else the reason."""
    if not may_handle(case, actor):
        return MSG_NOT_ALLOWED_CHANGE
    if case.procedure_type != ProcedureKind.GENERAL:
        return MSG_NOT_GENERAL
    if case.status in ENDED_STATUSES or (case.process_id and case.process.status != InstanceStatus.RUNNING):
        return MSG_ENDED.format(status=case.get_status_display().removeprefix("已"))
    if stage and stage not in open_stages(case):
        return MSG_WRONG_STAGE.format(stage=stage_name or stage)
    return ""


def refuse(reason: str) -> None:
    """Raise the reason a check gave, if any."""
    if reason:
        raise ValidationError(reason)
