"""The editable part of a case record: 案由 from the power list, facts, amounts, discretion, evidence.

Each service is one transaction on the locked case, authorised against it, audited through the
models; a refusal is a ``ValidationError`` naming the field and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from zhifa.basedata.models import Officer, Power
from zhifa.basedata.models.powers import PowerKind
from zhifa.basedata.services.discretion import check_deviation, suggest_penalty
from zhifa.core.services.attachments import attachment_store

from ..choices import CaseStatus
from ..models import Case, CaseEvidence
from ..search_text import refresh_case
from .common import locked_case, may_handle, refuse

MSG_NOT_EDITABLE = "案件已{status}，案件信息不能再修改"
MSG_NOT_PENALTY_POWER = "“{power}”不是行政处罚类职权，不能作为案由"
MSG_POWER_NOT_VISIBLE = "职权“{power}”不在您可查看的权责清单范围内"
MSG_ACT_AFTER_END = "违法行为终了日期不能早于发生日期"
MSG_EVIDENCE_NAME = "请填写证据名称"
MSG_COLLECTOR = "收集人须是本案的办案人员"
EDITABLE = (CaseStatus.REGISTERED, CaseStatus.FILED)


def record_refusal(*, case: Case, actor) -> str:
    """"" when ``actor`` may edit the record of ``case`` now, else the reason (the page and the service)."""
    if not may_handle(case, actor):
        return "您没有办理该案件的权限"
    if case.status not in EDITABLE:
        return MSG_NOT_EDITABLE.format(status=case.get_status_display().removeprefix("已"))
    return ""


def _checked_power(power: Power | None, actor) -> Power | None:
    if power is None:
        return None
    if power.kind != PowerKind.PENALTY:
        raise ValidationError({"power": MSG_NOT_PENALTY_POWER.format(power=power.name)})
    if not Power.objects.filter(pk=power.pk).restrict(actor, "view").exists():
        raise ValidationError({"power": MSG_POWER_NOT_VISIBLE.format(power=power.name)})
    return power


def apply_discretion(case: Case, circumstance: str, deviation_reason: str) -> None:
    """Fill the applicable standard and its range; a fine outside it needs a written reason."""
    case.discretion_circumstance = (circumstance or "").strip()
    case.deviation_reason = (deviation_reason or "").strip()
    if case.power is None or not case.discretion_circumstance:
        case.discretion_standard = case.suggested_fine_min = case.suggested_fine_max = None
        return
    suggestion = suggest_penalty(power=case.power, facts={
        "circumstance": case.discretion_circumstance, "unit": case.unit, "gains": case.amount_involved,
        "goods_value": case.amount_involved,
    })
    case.discretion_standard = suggestion.standard
    case.suggested_fine_min, case.suggested_fine_max = suggestion.fine_min, suggestion.fine_max
    check_deviation(suggestion=suggestion, decided_amount=case.fine_amount, reason=case.deviation_reason)


@transaction.atomic
def case_update_record(*, case: Case, actor, power: Power | None, facts: str = "", act_on: dt.date | None = None,
                       act_ended_on: dt.date | None = None, serious_harm: bool = False,
                       amount_involved: Decimal = Decimal("0"), fine_amount: Decimal = Decimal("0"),
                       circumstance: str = "", deviation_reason: str = "") -> Case:
    """Save the editable part of the record until the decision: 案由 (the power, whose name becomes
    ``cause``), facts and dates, amounts and discretion (``suggest_penalty`` for the case's unit;
    ``check_deviation`` asks for a reason when the fine leaves the suggested range)."""
    case = locked_case(case)
    refuse(record_refusal(case=case, actor=actor))
    case.power = _checked_power(power, actor)
    if case.power is not None:
        case.cause = case.power.name[:300]
    if act_on and act_ended_on and act_ended_on < act_on:
        raise ValidationError({"act_ended_on": MSG_ACT_AFTER_END})
    case.facts, case.act_on, case.act_ended_on = (facts or "").strip(), act_on, act_ended_on
    case.serious_harm = serious_harm
    case.amount_involved, case.fine_amount = Decimal(amount_involved), Decimal(fine_amount)
    apply_discretion(case, circumstance, deviation_reason)
    case.full_clean(exclude=["process"])
    case.save()
    refresh_case(case)
    return case


def case_citations(case: Case) -> list[str]:
    """The articles of the chosen power (the violated and the penalty provisions), as citations."""
    if case.power_id is None:
        return []
    return [str(article) for article in case.power.basis.select_related("law")]


@transaction.atomic
def evidence_add(*, case: Case, actor, name: str, kind: str, collected_on: dt.date, collected_by: Officer,
                 note: str = "", uploaded_file=None) -> CaseEvidence:
    """Add one item to the evidence list; its file goes through the attachment service."""
    case = locked_case(case)
    refuse(record_refusal(case=case, actor=actor))
    if not (name or "").strip():
        raise ValidationError({"name": MSG_EVIDENCE_NAME})
    if not case.officers.filter(officer=collected_by).exists():
        raise ValidationError({"collected_by": MSG_COLLECTOR})
    evidence = CaseEvidence(case=case, name=name.strip(), kind=kind, collected_on=collected_on,
                            collected_by=collected_by, note=(note or "").strip(), created_by=actor)
    evidence.full_clean()
    evidence.save()
    if uploaded_file is not None:
        attachment_store(uploaded_file=uploaded_file, target=evidence, unit=case.unit, label="证据文件")
    return evidence
