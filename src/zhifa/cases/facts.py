"""What the checks of a case's actions read about it, read once for a page.

Every action has a ``…_refusal`` check that its service calls on the case it has just locked, so a
write always reads afresh. The case page asks all of them (about 25) of one case for one user; they
read the same things again and again: the permission over the case, the open work items of its
process, the hearing, the side procedures, the execution with its ledger and arrangements, the
remedies. ``read_once(case)`` attaches a ``CaseFacts`` to that case instance (one request), and
``facts(case)`` gives the checks the attached one, or else a fresh one that remembers nothing
beyond the call that asked for it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.utils import timezone

from zhifa.workflow.choices import ItemStatus

from .execution_ledger import ledger
from .listing import OPEN
from .models import Case, CaseExecution, CaseRemedy, CaseSideProcedure, Hearing

ATTRIBUTE = "_facts_read_once"


class CaseFacts:
    """The facts of one case read by its action checks; each is read on first use and kept."""

    def __init__(self, case: Case):
        self.case = case
        self._answers: dict[tuple, Any] = {}

    def once(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """The answer for ``key``, computed the first time it is asked."""
        if key not in self._answers:
            self._answers[key] = compute()
        return self._answers[key]

    def may(self, actor, action: str) -> bool:
        """Whether the permission gate lets ``actor`` ``action`` (view, change …) the case."""
        return self.once(("may", actor.pk, action),
                         lambda: Case.objects.filter(pk=self.case.pk).restrict(actor, action).exists())

    @cached_property
    def open_items(self) -> list:
        """The open (and delegated) work items of the case's process, in order, with their assignees."""
        if self.case.process_id is None:
            return []
        return list(self.case.process.items.filter(status__in=OPEN).select_related("assignee")
                    .order_by("position", "id"))

    @cached_property
    def open_stages(self) -> set[str]:
        """The stage codes of the open steps of the case's procedure (empty for a 简易程序 case)."""
        return {item.stage for item in self.open_items if item.status == ItemStatus.OPEN}

    def open_item_of(self, user):
        """``user``'s open work item on the case's process, or ``None``."""
        return next((item for item in self.open_items if item.assignee_id == user.pk), None)

    @cached_property
    def hearing(self) -> Hearing | None:
        return Hearing.objects.filter(case=self.case).first()

    @cached_property
    def side_procedures(self) -> list[CaseSideProcedure]:
        """The case's side procedures, oldest first, each pointing at this case instance (so their checks
        read these facts too)."""
        sides = list(CaseSideProcedure.objects.filter(case=self.case).order_by("pk"))
        for side in sides:
            side.case = self.case
        return sides

    @cached_property
    def execution(self) -> CaseExecution | None:
        return CaseExecution.objects.filter(case=self.case).select_related("case").first()

    @cached_property
    def remedies(self) -> list[CaseRemedy]:
        """The case's 复议 and 诉讼, in the order they were applied for."""
        return list(CaseRemedy.objects.filter(case=self.case).order_by("applied_on", "pk"))

    @property
    def open_remedy(self) -> CaseRemedy | None:
        """The 复议 or 诉讼 still running, if any."""
        return next((remedy for remedy in self.remedies if not remedy.outcome), None)

    @cached_property
    def arrangements(self) -> list:
        """The execution's 延期/分期 applications with who recorded them (none before execution)."""
        if self.execution is None:
            return []
        return list(self.execution.arrangements.select_related("created_by").order_by("pk"))

    @cached_property
    def ledger(self):
        """What the party owes and has paid today (``None`` before execution)."""
        return None if self.execution is None else ledger(self.execution, as_of=timezone.localdate())


def facts(case: Case) -> CaseFacts:
    """The facts a page read once for ``case`` (``read_once``), else fresh ones for this call."""
    return getattr(case, ATTRIBUTE, None) or CaseFacts(case)


def read_once(case: Case) -> CaseFacts:
    """Let every action check of this request read ``case``'s facts once (the case page, a section page)."""
    attached = getattr(case, ATTRIBUTE, None)
    if attached is None:
        attached = CaseFacts(case)
        setattr(case, ATTRIBUTE, attached)
    return attached
