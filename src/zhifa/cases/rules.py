"""The legal checks of a punishment decision, shared by the 简易程序 service and the 一般程序 guards.

Each check returns ``None`` when the law is satisfied, or a ``Refusal`` quoting the article.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zhifa.basedata.services.officers import officer_can_be_assigned
from zhifa.legal import evaluate
from zhifa.legal.basis import CF_42, CF_44, CF_51
from zhifa.workflow.guards import Refusal

MSG_TOO_FEW_OFFICERS = "执法人员不得少于两人且须持有有效执法证，本案符合条件的只有 {count} 人{reasons}"
MSG_NOT_NOTIFIED = "作出行政处罚决定前必须告知当事人拟作出的处罚内容及其陈述、申辩权利；当事人书面放弃的除外"
MSG_NOT_SIMPLE = "不能适用简易程序当场处罚：{reasons}"


def officers_refusal(officers, on_date: dt.date) -> Refusal | None:
    """At least two officers with certificates valid on ``on_date`` (行政处罚法第42条)."""
    answers = [officer_can_be_assigned(officer, on_date) for officer in officers]
    valid = sum(1 for ok, _ in answers if ok)
    if valid >= 2:
        return None
    reasons = [reason for ok, reason in answers if not ok]
    detail = f"（{'；'.join(reasons)}）" if reasons else ""
    return Refusal(MSG_TOO_FEW_OFFICERS.format(count=valid, reasons=detail), CF_42)


def notice_refusal(*, notified: bool, waived: bool) -> Refusal | None:
    """告知 before the decision unless the party waived in writing (行政处罚法第44条)."""
    return None if notified or waived else Refusal(MSG_NOT_NOTIFIED, CF_44)


def simple_procedure_refusal(*, party_type: str, fine_amount: Decimal, decided_on: dt.date) -> Refusal | None:
    """The 简易程序 thresholds of the legal engine (行政处罚法第51条)."""
    kinds = ["fine"] if fine_amount > 0 else ["warning"]
    answer = evaluate("simple_procedure", party_type=party_type, penalty_kinds=kinds, fine_amount=fine_amount,
                      decided_on=decided_on)
    if answer["allowed"]:
        return None
    return Refusal(MSG_NOT_SIMPLE.format(reasons="；".join(answer["warnings"])), CF_51)
