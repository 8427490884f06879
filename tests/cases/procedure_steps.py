"""Helpers of the procedure tests: a 一般程序 case, its steps taken by the right people, and a snapshot.

The snapshot holds every row a refused action could touch, so a test can assert nothing changed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tests import factories
from tests.workflow.conftest import the_item
from zhifa.cases.models import Case, CaseEvidence, CaseOfficer, CaseSideProcedure, Hearing, HearingRecordEntry
from zhifa.cases.services import case_register
from zhifa.core.models import AuditEntry, NumberSequence
from zhifa.core.scoping import DataScope
from zhifa.legal import evaluate
from zhifa.workflow import services
from zhifa.workflow.models import ProcessInstance, ProcessState, TimelineEvent, WorkItem

WHO = {
    "filing": "leader", "investigation": "officer", "investigation_report": "officer", "case_review": "squad",
    "legal_review": "reviewer", "collective_discussion": "leader", "notification": "officer", "hearing": "reviewer",
    "decision": "leader", "service": "officer", "execution": "officer", "closing": "leader", "archiving": "officer",
}
ARTICLE = "中华人民共和国行政处罚法{}"


def register(agency, fine_amount=Decimal("20000"), **values) -> Case:
    """A 一般程序 case of the 盐田 agency against the company, 张执法 主办 and 李执法 协办."""
    return case_register(
        unit=agency["unit"], actor=agency["officer"], procedure_type="general", source="inspection",
        cause="未按规定设置油烟净化设施", parties=[agency["company"]], lead=agency["certificates"]["officer"],
        assistants=[agency["certificates"]["officer2"]], fine_amount=fine_amount, **values,
    )


def open_stage(case: Case) -> str:
    stages = sorted(set(case.process.items.filter(status="open").values_list("stage", flat=True)))
    return stages[0] if len(stages) == 1 else ",".join(stages)


def approve(agency, case: Case, **data) -> None:
    """The open step of ``case`` approved by the person the procedure assigns it to."""
    case.process.refresh_from_db()
    who = agency[WHO[open_stage(case)]]
    services.approve(item=the_item(case.process, who), actor=who, opinion="同意", data=data or None)
    case.refresh_from_db()


def advance(agency, case: Case, stage: str) -> Case:
    """Approve step after step until ``stage`` is open."""
    for _ in range(len(WHO)):
        if open_stage(case) == stage:
            return case
        approve(agency, case)
    raise AssertionError(f"{stage} never opened")


def hearing_day(served_on: dt.date) -> dt.date:
    """The earliest day a hearing may be held after its notice was served on ``served_on`` (第64条第2项)."""
    return evaluate("hearing_notice", notice_served_on=served_on, hearing_on=served_on)["earliest_hearing_on"]


def on_hearing_day(clock, day: dt.date) -> None:
    """Move the clock (the ``time_machine`` fixture) to ten in the morning of ``day``: a hearing is recorded once held."""
    clock.move_to(timezone.make_aware(dt.datetime.combine(day, dt.time(10))))


def grant_approval(agency) -> None:
    """The leader may approve side procedures of the unit (as the built-in 领导 role does)."""
    agency["leader"].roles.add(factories.role(["cases.approve_casesideprocedure"], DataScope.SUBTREE))


def snapshot():
    """Every row a refused procedure action could have changed."""
    return (
        list(Case.objects.order_by("pk").values()),
        list(CaseOfficer.objects.order_by("pk").values()),
        list(Hearing.objects.order_by("pk").values()), HearingRecordEntry.objects.count(),
        list(CaseSideProcedure.objects.order_by("pk").values()), CaseEvidence.objects.count(),
        list(ProcessInstance.objects.order_by("pk").values("status", "variables", "people")),
        list(ProcessState.objects.order_by("pk").values_list("data", flat=True)),
        list(WorkItem.objects.order_by("pk").values_list("status", "assignee_id")),
        TimelineEvent.objects.count(), AuditEntry.objects.count(),
        list(NumberSequence.objects.values_list("last_value", flat=True)),
    )
