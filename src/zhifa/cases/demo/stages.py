"""Moving a demo case on, one stage at a time, only through the services and as the people who hold the step.

``ADVANCE`` maps each stage code of 一般程序 to the small function that completes it; a case is
driven until its open stage is the one its plan rests at. Most stages are one approval with the
usual opinion. Where the procedure records more than an approval, the stage's entry first calls
the services of ``records``: side procedures after 立案, the served notice (and hearing request) at
告知, the hearing, the decision, payments, arrangements and remedies once served, the last payment
before 执行 ends. A 简易程序 decision opens its execution at once.
"""

from __future__ import annotations

from collections.abc import Callable

from zhifa.workflow import services as workflow
from zhifa.workflow.choices import ItemStatus
from zhifa.workflow.models import WorkItem

from ..choices import ProcedureKind
from ..models import Case
from ..services import case_register, simple_decide
from . import records
from .catalogue import OPINIONS
from .plan import ARCHIVED, DECIDED, DEMO_USERNAMES, GENERAL_STAGES, CasePlan

#: More steps than the longest path of the model: a stage function that does not move the case on is a bug.
MAX_STEPS = len(GENERAL_STAGES) + 2
STUCK = "演示案例第{number:04d}号停在“{stage}”环节，未能继续办理"


def open_items(case: Case) -> list[WorkItem]:
    """The open work on the case's procedure, the demo accounts' share first."""
    items = WorkItem.objects.filter(instance_id=case.process_id, status=ItemStatus.OPEN).select_related("assignee")
    return sorted(items, key=lambda item: (item.assignee.username not in DEMO_USERNAMES, item.pk))


def open_stage(case: Case) -> str:
    """The stage code of the case's open step; ``""`` when its procedure has ended (or it has none)."""
    items = open_items(case)
    return items[0].stage if items else ""


def approve_step(case: Case, plan: CasePlan, data: dict | None = None) -> None:
    """通过 the open step with its usual opinion, as whoever holds it (a demo account when one does)."""
    item = open_items(case)[0]
    workflow.approve(item=item, actor=item.assignee, opinion=OPINIONS[item.stage], data=data)


def file_case(case: Case, plan: CasePlan) -> None:
    """立案审批, then the side procedures some cases have (延期, or 中止 of a case resting at 调查取证)."""
    approve_step(case, plan)
    records.side_procedures(case, plan, resting=plan.target == "investigation")


def notify_party(case: Case, plan: CasePlan) -> None:
    """告知: the notice is served (and a hearing requested where the plan says so), then the step is done."""
    approve_step(case, plan, records.serve_notice(case, plan))


def hold_hearing(case: Case, plan: CasePlan) -> None:
    """听证: arranged, held and reported before the step is done (第65条)."""
    records.hold_hearing(case, plan)
    approve_step(case, plan)


def decide(case: Case, plan: CasePlan) -> None:
    """处罚决定: the decision (penalty, mitigated or none) is recorded, then the leader approves it."""
    records.record_decision(case, plan)
    approve_step(case, plan)


def serve_decision(case: Case, plan: CasePlan) -> None:
    """送达: approving it opens the execution; then payments, arrangements and remedies follow."""
    approve_step(case, plan)
    records.after_service(case, plan)


def finish_execution(case: Case, plan: CasePlan) -> None:
    """执行: the rest of the fine is paid, so that 结案 may follow."""
    records.settle(case, plan)
    approve_step(case, plan)


ADVANCE: dict[str, Callable[[Case, CasePlan], None]] = {stage: approve_step for stage in GENERAL_STAGES}
ADVANCE.update(filing=file_case, notification=notify_party, hearing=hold_hearing, decision=decide,
               service=serve_decision, execution=finish_execution)


def register(plan: CasePlan) -> Case:
    """案件来源登记 by the lead officer (a 一般程序 case starts its procedure at 立案审批), 补录 on its own day."""
    return case_register(
        unit=plan.unit, actor=plan.lead.user, procedure_type=plan.procedure, source=plan.source,
        source_note=plan.source_note, cause=plan.cause, facts=plan.facts, parties=[plan.party], lead=plan.lead,
        assistants=[plan.assistant], fine_amount=plan.fine, requires_legal_review=plan.requires_legal_review,
        requires_collective_discussion=plan.requires_collective_discussion, occurred_on=plan.filed_on,
    )


def drive(case: Case, plan: CasePlan) -> None:
    """Move a registered case to the place its plan rests at."""
    if case.procedure_type == ProcedureKind.SIMPLE:
        if plan.target == DECIDED:
            decided = simple_decide(case=case, actor=plan.lead.user, fine_amount=plan.fine, notified=True,
                                    decided_on=plan.opened_on)
            records.simple_execution(decided, plan)
        return
    order = (*GENERAL_STAGES, ARCHIVED)
    for _ in range(MAX_STEPS):
        stage = open_stage(case)
        if not stage or order.index(stage) >= order.index(plan.target):
            return
        case.refresh_from_db()  # the services wrote through their own locked copies
        ADVANCE[stage](case, plan)
    raise RuntimeError(STUCK.format(number=plan.number, stage=open_stage(case)))


def place_of(case: Case) -> str:
    """Where a case rests, in the terms of the plan: a stage code, ``archived``, ``registered`` or ``decided``."""
    if case.procedure_type == ProcedureKind.SIMPLE:
        return DECIDED if case.decided_on else "registered"
    return open_stage(case) or ARCHIVED
