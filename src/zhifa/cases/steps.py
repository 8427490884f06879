"""The procedure actions of a case that the case page offers: label, form, refusal and service call.

Each ``ProcedureStep`` ties one form to one service of ``zhifa.cases.services``; its ``refusal``
is the service's own check, so the page greys out exactly what the service would refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .forms import procedure as f
from .choices import ProcedureKind, SideKind
from .services import decision, hearing, record, side


@dataclass(frozen=True)
class ProcedureStep:
    """One action: its URL key, Chinese label, form, the reason it is closed, and what it does."""

    key: str
    label: str
    form: type
    refusal: Callable[[Any, Any], str]
    perform: Callable[[Any, Any, dict], Any]
    form_kwargs: Callable[[Any, Any], dict] = field(default=lambda case, user: {})
    applies: Callable[[Any], bool] = field(default=lambda case: case.procedure_type == ProcedureKind.GENERAL)
    order: int = 100
    style: str = "secondary"
    files: bool = False


def _side_step(kind: SideKind, order: int) -> ProcedureStep:
    label = "申请延期" if kind == SideKind.EXTENSION else kind.label
    return ProcedureStep(
        key=f"side_{kind.value}", label=label, form=f.SideRequestForm, order=order,
        refusal=lambda case, user: side.side_request_refusal(case=case, actor=user, kind=kind),
        perform=lambda case, user, d: side.side_request(case=case, actor=user, kind=kind, **d),
        form_kwargs=lambda case, user: {"kind": kind, "case": case, "user": user},
    )


def _record_initial(case) -> dict:
    """The record form starts from what the case holds."""
    return {"power": case.power_id, "facts": case.facts, "act_on": case.act_on, "act_ended_on": case.act_ended_on,
            "serious_harm": case.serious_harm, "amount_involved": case.amount_involved,
            "fine_amount": case.fine_amount, "circumstance": case.discretion_circumstance,
            "deviation_reason": case.deviation_reason}


def _pending_refusal(case, user) -> str:
    pending = case.side_procedures.filter(status="pending").first()
    if pending is None:
        return "没有待审批的程序事项"
    return side.side_decide_refusal(side=pending, actor=user)


STEPS: dict[str, ProcedureStep] = {step.key: step for step in (
    ProcedureStep(
        key="record", label="编辑案件信息", form=f.RecordForm, order=10, applies=lambda case: True,
        refusal=lambda case, user: record.record_refusal(case=case, actor=user),
        perform=lambda case, user, d: record.case_update_record(case=case, actor=user, **d),
        form_kwargs=lambda case, user: {"user": user, "initial": _record_initial(case)},
    ),
    ProcedureStep(
        key="evidence_add", label="添加证据", form=f.EvidenceForm, order=11, applies=lambda case: True, files=True,
        refusal=lambda case, user: record.record_refusal(case=case, actor=user),
        perform=lambda case, user, d: record.evidence_add(case=case, actor=user, uploaded_file=d.pop("file"), **d),
        form_kwargs=lambda case, user: {"case": case},
    ),
    ProcedureStep(
        key="notice_serve", label="送达告知书", form=f.NoticeForm, order=20, style="primary",
        refusal=lambda case, user: decision.notice_refusal(case=case, actor=user),
        perform=lambda case, user, d: decision.notice_serve(case=case, actor=user, **d),
    ),
    ProcedureStep(
        key="hearing_request", label="申请听证", form=f.HearingRequestForm, order=21,
        refusal=lambda case, user: hearing.hearing_request_refusal(case=case, actor=user),
        perform=lambda case, user, d: hearing.hearing_request(case=case, actor=user, **d),
    ),
    ProcedureStep(
        key="hearing_schedule", label="安排听证", form=f.HearingScheduleForm, order=22,
        refusal=lambda case, user: hearing.hearing_schedule_refusal(case=case, actor=user),
        perform=lambda case, user, d: hearing.hearing_schedule(case=case, actor=user, **d),
        form_kwargs=lambda case, user: {"user": user},
    ),
    ProcedureStep(
        key="hearing_minutes", label="听证笔录", form=f.HearingMinutesForm, order=23,
        refusal=lambda case, user: hearing.hearing_minutes_refusal(case=case, actor=user),
        perform=lambda case, user, d: hearing.hearing_minutes(case=case, actor=user, **d),
    ),
    ProcedureStep(
        key="hearing_report", label="听证报告", form=f.HearingReportForm, order=24,
        refusal=lambda case, user: hearing.hearing_report_refusal(case=case, actor=user),
        perform=lambda case, user, d: hearing.hearing_report(case=case, actor=user, **d),
    ),
    ProcedureStep(
        key="decision_record", label="作出决定", form=f.DecisionForm, order=30, style="primary",
        refusal=lambda case, user: decision.decision_refusal(case=case, actor=user),
        perform=lambda case, user, d: decision.decision_record(case=case, actor=user, **d),
        form_kwargs=lambda case, user: {"case": case},
    ),
    *(_side_step(kind, 40 + n) for n, kind in enumerate(SideKind)),
    ProcedureStep(
        key="side_decide", label="审批程序事项", form=f.SideDecideForm, order=50,
        refusal=_pending_refusal,
        perform=lambda case, user, d: side.side_decide(actor=user, **d),
        form_kwargs=lambda case, user: {"case": case},
    ),
    ProcedureStep(
        key="simple_file", label="备案", form=f.SimpleFileForm, order=60,
        applies=lambda case: case.procedure_type == ProcedureKind.SIMPLE,
        refusal=lambda case, user: decision.simple_filing_refusal(case=case, actor=user),
        perform=lambda case, user, d: decision.simple_file(case=case, actor=user, **d),
    ),
)}
