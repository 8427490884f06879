"""Checks the case page asks before offering an action; each is the check its service makes.

``simple_decide_refusal`` answers whether ``simple_decide`` would accept the case at all (who may
decide, which procedure, which status); the legal thresholds are checked by the 简易程序 screen
live, through the same rule functions the service calls (``zhifa.cases.rules``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from zhifa.workflow.guards import Refusal

from ..choices import CaseStatus, ProcedureKind
from ..models import Case
from ..rules import notice_refusal, officers_refusal, simple_procedure_refusal
from .cases import MSG_ALREADY_DECIDED, MSG_NOT_ALLOWED_CHANGE, MSG_NOT_SIMPLE_CASE
from .common import may_handle


def simple_decide_refusal(*, case: Case, actor) -> str:
    """``""`` when ``actor`` may decide ``case`` by 简易程序 now, else the Chinese reason."""
    if case.procedure_type != ProcedureKind.SIMPLE:
        return MSG_NOT_SIMPLE_CASE
    if case.status != CaseStatus.REGISTERED:
        return MSG_ALREADY_DECIDED.format(status=case.get_status_display())
    if not may_handle(case, actor):
        return MSG_NOT_ALLOWED_CHANGE
    return ""


def simple_decide_refusals(*, case: Case, fine_amount: Decimal, notified: bool, notice_waived: bool,
                           decided_on: dt.date | None = None) -> list[Refusal]:
    """The legal refusals ``simple_decide`` would give for these inputs (第51条, 第42条, 第44条), each with its article."""
    decided_on = decided_on or timezone.localdate()
    officers = [row.officer for row in case.officers.select_related("officer__user")]
    checks = (
        simple_procedure_refusal(party_type=case.party_type, fine_amount=Decimal(fine_amount), decided_on=decided_on),
        officers_refusal(officers, decided_on),
        notice_refusal(notified=notified, waived=notice_waived),
    )
    return [refusal for refusal in checks if refusal is not None]
