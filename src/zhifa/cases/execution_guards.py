"""The engine hooks of execution: 送达 starts it, and 结案 waits for it (行政处罚法第66、72条)."""

from __future__ import annotations

from django.utils import timezone

from zhifa.workflow import guards
from zhifa.workflow.guards import Refusal
from zhifa.workflow.requirements import Stage

from .models import CaseExecution
from .services.common import case_of, is_punishment
from .services.execution import closing_refusal, start_execution


@guards.register(Stage.CLOSING)
def execution_settled(instance, item) -> Refusal | None:
    """No 结案 while the fine is unpaid or before the court; only when paid in full or legally ended."""
    case = case_of(instance) if is_punishment(instance) else None
    return closing_refusal(case) if case is not None else None


@guards.after(Stage.SERVICE)
def served(instance, item) -> None:
    """送达 done: the party received the decision today; a fine's execution starts with its payment deadline."""
    case = case_of(instance) if is_punishment(instance) else None
    if case is None or case.fine_amount <= 0 or CaseExecution.objects.filter(case=case).exists():
        return
    start_execution(case, timezone.localdate(), item.assignee)
