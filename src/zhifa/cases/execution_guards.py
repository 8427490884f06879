"""The engine hooks of execution: 送达 starts it, and 结案 waits for it (行政处罚法第66、72条)."""

from __future__ import annotations

from django.utils import timezone

from zhifa.workflow import guards
from zhifa.workflow.guards import Refusal
from zhifa.workflow.requirements import ProcedureType, Stage

from .models import Case, CaseExecution
from .services.execution import closing_refusal, start_execution

PUNISHMENT = (ProcedureType.PUNISHMENT_GENERAL, ProcedureType.PUNISHMENT_SIMPLE)


def _case(instance) -> Case | None:
    if instance.version.definition.procedure_type not in PUNISHMENT:
        return None
    return Case.objects.filter(process=instance).first()


@guards.register(Stage.CLOSING)
def execution_settled(instance, item) -> Refusal | None:
    """No 结案 while the fine is unpaid or before the court; only when paid in full or legally ended."""
    case = _case(instance)
    return closing_refusal(case) if case is not None else None


@guards.after(Stage.SERVICE)
def served(instance, item) -> None:
    """送达 done: the party received the decision today; a fine's execution starts with its payment deadline."""
    case = _case(instance)
    if case is None or case.fine_amount <= 0 or CaseExecution.objects.filter(case=case).exists():
        return
    start_execution(case, timezone.localdate(), item.assignee)
