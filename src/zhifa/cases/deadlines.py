"""The legal deadlines of a case, each computed by ``zhifa.legal`` with its basis, and whether each was met.

The decision period (第60条) counts from 立案, adds the approved extensions (延期) and leaves out
the days of approved suspensions (中止 until 恢复, or until today while still suspended). Once the
decision is served, the service period (第61条) and the payment period (第67条第3款, replaced by
an approved 延期/分期缴纳 for the part it covers) follow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from zhifa.legal import evaluate
from zhifa.legal.basis import Citation

from .choices import SideKind, SideStatus
from .execution_choices import ExecutionStatus
from .execution_ledger import ledger, tranches
from .models import Case, CaseExecution, Hearing


@dataclass(frozen=True)
class CaseDeadline:
    """One deadline of a case: what it is, its last day, whether it was met, and the articles behind it."""

    label: str
    deadline: dt.date
    basis: list[Citation]
    met: bool | None = None  # None: still running (or not answerable yet)

    @property
    def state(self) -> str:
        """按期完成 / 逾期 / 进行中, as the deadlines tab shows it."""
        return "进行中" if self.met is None else "按期完成" if self.met else "逾期"


def decision_terms(case: Case, today: dt.date | None = None) -> dict:
    """The parameters of ``decision_deadline`` for this case: extensions and suspended periods."""
    today = today or timezone.localdate()
    # one read: an extension has no start date, so it sorts by its decision; a suspension by its start
    approved = case.side_procedures.filter(status=SideStatus.APPROVED, kind__in=(SideKind.EXTENSION, SideKind.SUSPENSION))
    rows = list(approved.order_by("started_on", "decided_on", "pk"))
    extensions = [row.days for row in rows if row.kind == SideKind.EXTENSION]
    suspended = [
        [row.started_on.isoformat(), (row.ended_on or today).isoformat()]
        for row in rows if row.kind == SideKind.SUSPENSION
    ]
    return {"extensions": extensions, "excluded_periods": suspended}


def decision_deadline(case: Case, today: dt.date | None = None):
    """The ``decision_deadline`` answer for a filed case (``None`` before 立案)."""
    if case.filed_on is None:
        return None
    params = decision_terms(case, today)
    if case.decided_on:
        params["decided_on"] = case.decided_on
    return evaluate("decision_deadline", filed_on=case.filed_on, **params)


def hearing_request_deadline(case: Case):
    """The ``hearing_request_deadline`` answer once the 告知 has been served (``None`` before)."""
    if case.notified_on is None:
        return None
    params = {"notice_served_on": case.notified_on}
    hearing = Hearing.objects.filter(case=case).first()
    if hearing is not None:
        params["requested_on"] = hearing.requested_on
    return evaluate("hearing_request_deadline", **params)


def payment_met(execution: CaseExecution, deadline: dt.date, today: dt.date) -> bool | None:
    """Paid in full with no 加处罚款 (every part by its deadline): met; late, or unpaid after the deadline: not.

    An execution ended otherwise (终结执行) answers ``None``: the period no longer runs.
    """
    if execution.status == ExecutionStatus.COMPLETE:
        return ledger(execution, as_of=today).surcharge == 0
    if execution.status == ExecutionStatus.ENDED:
        return None
    return False if today > deadline else None


def execution_deadlines(case: Case, today: dt.date) -> list[CaseDeadline]:
    """Once the decision was served: its service period (第61条) and the payment period (第67条第3款)."""
    execution = CaseExecution.objects.filter(case=case).select_related("case").first()
    if execution is None:
        return []
    rows = []
    if case.decided_on:
        answer = evaluate("service_deadline", announced_on=case.decided_on, served_on=execution.served_on)
        rows.append(CaseDeadline("送达行政处罚决定书的期限", answer["deadline"], answer.basis, answer["timely"]))
    answer = evaluate("payment_deadline", received_on=execution.served_on)
    last = max([part.due_on for part in tranches(execution)] + [execution.due_on])
    rows.append(CaseDeadline("缴纳罚款的期限", last, answer.basis, payment_met(execution, last, today)))
    return rows


def case_deadlines(case: Case, today: dt.date | None = None) -> list[CaseDeadline]:
    """Every deadline the case has reached so far, in the order of the procedure."""
    rows = []
    answer = hearing_request_deadline(case) if case.hearing_right else None
    if answer is not None:
        rows.append(CaseDeadline("当事人要求听证的期限", answer["deadline"], answer.basis, answer["timely"]))
    hearing = Hearing.objects.filter(case=case).first()
    if hearing is not None and hearing.notice_served_on and hearing.scheduled_on:
        answer = evaluate("hearing_notice", notice_served_on=hearing.notice_served_on, hearing_on=hearing.scheduled_on)
        rows.append(CaseDeadline("最早听证日期（听证通知提前七个工作日）", answer["earliest_hearing_on"], answer.basis,
                                 answer["compliant"]))
    answer = decision_deadline(case)
    if answer is not None:
        met = None if answer["overdue"] is None else not answer["overdue"]
        rows.append(CaseDeadline("作出行政处罚决定的期限（办案期限）", answer["deadline"], answer.basis, met))
    return rows + execution_deadlines(case, today or timezone.localdate())
