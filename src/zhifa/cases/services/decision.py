"""告知 and 决定 of a 一般程序 case, and the 备案 of a 简易程序 decision.

``notice_serve`` records the served 行政处罚告知书 (its date, the fine notified and whether the
hearing right was notified); ``decision_record`` records what the 处罚决定 step will decide:
a penalty, a mitigated penalty, no penalty (with its ground — 第30、31、33、36条 — and the
education record, 第33条第3款) or exemption, each with its reason. The 处罚决定 step's guards then
check the record again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.basedata.models import Officer
from zhifa.legal import evaluate
from zhifa.workflow import guards
from zhifa.workflow.requirements import Stage

from ..choices import CaseStatus, DecisionKind, NoPenaltyGround, ProcedureKind
from ..models import Case
from ..rules import heavier_refusal, no_penalty_ground_refusal
from .common import locked_case, may_handle, refuse, running_general_refusal
from .record import apply_discretion

MSG_REASON = "请填写{kind}的理由"
MSG_EDUCATION = "不予行政处罚的，应当对当事人进行教育：请填写教育日期、内容和执法人员"
MSG_EDUCATION_OFFICER = "教育执法人员须是本案的办案人员"
MSG_GROUND = "请选择不予行政处罚的情形"
MSG_NOT_SIMPLE_DECIDED = "只有已作出决定的简易程序案件需要备案"
MSG_ALREADY_FILED = "该决定已于 {on} 备案"
MSG_FILED_BEFORE = "备案日期不能早于决定日期"
NO_FINE = (DecisionKind.NO_PENALTY, DecisionKind.EXEMPTED)


def notice_refusal(*, case: Case, actor) -> str:
    """"" when the 告知书 may be recorded now (the 行政处罚告知 step is open), else the reason."""
    return running_general_refusal(case, actor, stage=Stage.NOTIFICATION, stage_name="行政处罚告知")


def _penalty_kinds(fine_amount: Decimal) -> list[str]:
    return ["fine"] if fine_amount > 0 else ["warning"]


@transaction.atomic
def notice_serve(*, case: Case, actor, served_on: dt.date, waived: bool = False) -> Case:
    """The 告知书 was served on ``served_on`` (or the party waived in writing): the fine notified is
    kept for 第45条 and the hearing right (第63条, ``hearing_right``) decides whether the party may ask."""
    case = locked_case(case)
    refuse(notice_refusal(case=case, actor=actor))
    answer = evaluate("hearing_right", party_type=case.party_type, penalty_kinds=_penalty_kinds(case.fine_amount),
                      fine_amount=case.fine_amount, decided_on=served_on)
    case.notified_on, case.notice_waived = served_on, waived
    case.notified_fine_amount, case.hearing_right = case.fine_amount, bool(answer["required"])
    case.save()
    instance = case.process
    instance.variables.update(hearing_right=case.hearing_right, notified_on=served_on.isoformat(),
                              waived_statement=waived)
    instance.save(update_fields=["variables", "updated_at"])
    return case


def decision_refusal(*, case: Case, actor) -> str:
    """"" when the decision may be recorded now (the 处罚决定 step is open), else the reason."""
    return running_general_refusal(case, actor, stage=Stage.DECISION, stage_name="处罚决定")


def _education(case: Case, on: dt.date | None, content: str, officer: Officer | None) -> None:
    if on is None or not (content or "").strip() or officer is None:
        raise ValidationError({"education_content": MSG_EDUCATION})
    if not case.officers.filter(officer=officer).exists():
        raise ValidationError({"education_officer": MSG_EDUCATION_OFFICER})
    case.education_on, case.education_content, case.education_officer = on, content.strip(), officer


def _no_penalty_ground(case: Case, ground: str) -> str:
    """The ground of 不予行政处罚, checked against the case where its data allow (``rules.no_penalty_ground_refusal``)."""
    if ground not in NoPenaltyGround.values:
        raise ValidationError({"ground": MSG_GROUND})
    id_numbers = [party.inspected_object.id_number for party in case.parties.select_related("inspected_object")]
    refusal = no_penalty_ground_refusal(
        ground=ground, party_type=case.party_type, id_numbers=[number for number in id_numbers if number],
        act_on=case.act_on, act_ended_on=case.act_ended_on, registered_on=timezone.localdate(case.created_at),
        serious_harm=case.serious_harm,
    )
    if refusal is not None:
        raise ValidationError({"ground": refusal.text()})
    return ground


@transaction.atomic
def decision_record(*, case: Case, actor, kind: str, fine_amount: Decimal = Decimal("0"), reason: str = "",
                    deviation_reason: str = "", ground: str = "", education_on: dt.date | None = None,
                    education_content: str = "", education_officer: Officer | None = None) -> Case:
    """Record the decision the 处罚决定 step will take, refused as that step's guards would refuse it.

    不予行政处罚 needs its ``ground`` (``NoPenaltyGround``) and the education record (第33条第3款)."""
    case = locked_case(case)
    refuse(decision_refusal(case=case, actor=actor))
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": "请选择决定类型"})
    reason = (reason or "").strip()
    if kind != DecisionKind.PENALTY and not reason:
        raise ValidationError({"reason": MSG_REASON.format(kind=DecisionKind(kind).label)})
    fine_amount = Decimal("0") if kind in NO_FINE else Decimal(fine_amount)
    heavier = heavier_refusal(notified_amount=case.notified_fine_amount, decided_amount=fine_amount)
    if heavier is not None:
        raise guards.GuardRefused([heavier])
    case.education_on, case.education_content, case.education_officer = None, "", None
    case.no_penalty_ground = ""
    if kind == DecisionKind.NO_PENALTY:
        _education(case, education_on, education_content, education_officer)
        case.no_penalty_ground = _no_penalty_ground(case, ground)
    case.decision_kind, case.decision_reason, case.fine_amount = kind, reason, fine_amount
    if kind in (DecisionKind.PENALTY, DecisionKind.MITIGATED):
        apply_discretion(case, case.discretion_circumstance, deviation_reason or case.deviation_reason)
    case.save()
    instance = case.process
    instance.variables["fine_amount"] = float(fine_amount)
    instance.save(update_fields=["variables", "updated_at"])
    return case


def simple_filing_refusal(*, case: Case, actor) -> str:
    """"" when the on-the-spot decision may be filed (备案, 第52条第3款) now, else the reason."""
    if not may_handle(case, actor):
        return "您没有办理该案件的权限"
    if case.procedure_type != ProcedureKind.SIMPLE or case.status != CaseStatus.DECIDED:
        return MSG_NOT_SIMPLE_DECIDED
    if case.simple_filed_on:
        return MSG_ALREADY_FILED.format(on=case.simple_filed_on)
    return ""


@transaction.atomic
def simple_file(*, case: Case, actor, filed_on: dt.date | None = None) -> Case:
    """备案: the officer reports the on-the-spot decision to the agency (行政处罚法第52条第3款)."""
    case = locked_case(case)
    refuse(simple_filing_refusal(case=case, actor=actor))
    filed_on = filed_on or timezone.localdate()
    if filed_on < case.decided_on:
        raise ValidationError({"filed_on": MSG_FILED_BEFORE})
    case.simple_filed_on = filed_on
    case.save()
    return case
