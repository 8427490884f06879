"""Registering a case (案件来源登记) and deciding a 简易程序 case on the spot (当场处罚).

Both are one transaction, authorised against the case's unit, and leave their audit rows; a
refusal is a ``ValidationError`` (legal refusals quote the article) and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhifa.basedata.models import InspectedObject, Officer
from zhifa.basedata.models.objects import ObjectKind
from zhifa.basedata.services.objects import object_counts_add
from zhifa.basedata.services.officers import officer_can_be_assigned
from zhifa.core import audit
from zhifa.core.models import AuditAction
from zhifa.core.services.numbering import NumberingError, next_number
from zhifa.core.gate import can_add_in
from zhifa.workflow import guards
from zhifa.workflow.models import ProcessDefinition
from zhifa.workflow.requirements import ProcedureType
from zhifa.workflow.services import start_instance

from ..choices import CaseStatus, OfficerRole, PartyType, ProcedureKind
from ..models import Case, CaseOfficer, CaseParty
from ..rules import notice_refusal, officers_refusal, onsite_collection_refusal, simple_procedure_refusal
from ..search_text import refresh_case

NUMBER_KIND = "case"
GENERAL_PROCEDURE = "punishment_general"
MSG_NOT_ALLOWED = "您没有在“{unit}”登记案件的权限"
MSG_NOT_ALLOWED_CHANGE = "您没有办理该案件的权限"
MSG_NO_PARTY = "请至少选择一个当事人"
MSG_PARTY_NOT_VISIBLE = "当事人“{name}”不在您可查看的检查对象范围内"
MSG_NO_LEAD = "请指定主办人员"
MSG_SAME_OFFICER = "同一执法人员不能既是主办又是协办"
MSG_NOT_SIMPLE_CASE = "该案件不是简易程序案件"
MSG_ALREADY_DECIDED = "该案件已经作出决定（{status}），不能再次决定"
MSG_NO_PROCEDURE = "尚未发布“行政处罚一般程序”流程，请先在流程配置中发布"
SIMPLE_DECIDED = "简易程序当场作出行政处罚决定：罚款 {amount} 元"
BACKDATED = "补录案件：登记日期 {on}，立案审批通过后以该日为立案日期"
MSG_BACKDATED_FUTURE = "补录的登记日期不能晚于今天"

PARTY_TYPES = {
    ObjectKind.INDIVIDUAL: PartyType.CITIZEN,
    ObjectKind.ENTERPRISE: PartyType.LEGAL_PERSON,
    ObjectKind.ORGANISATION: PartyType.OTHER_ORG,
}


def _checked_parties(parties: list[InspectedObject], actor) -> list[InspectedObject]:
    if not parties:
        raise ValidationError({"parties": MSG_NO_PARTY})
    visible = set(InspectedObject.objects.filter(pk__in=[p.pk for p in parties]).restrict(actor, "view")
                  .values_list("pk", flat=True))
    for party in parties:
        if party.pk not in visible:
            raise ValidationError({"parties": MSG_PARTY_NOT_VISIBLE.format(name=party.name)})
    return list(dict.fromkeys(parties))


def _checked_officers(lead: Officer | None, assistants: list[Officer], on_date: dt.date) -> list[tuple[Officer, str]]:
    if lead is None:
        raise ValidationError({"lead": MSG_NO_LEAD})
    if lead in assistants:
        raise ValidationError({"assistants": MSG_SAME_OFFICER})
    team = [(lead, OfficerRole.LEAD)] + [(o, OfficerRole.ASSISTANT) for o in dict.fromkeys(assistants)]
    for officer, role in team:
        ok, reason = officer_can_be_assigned(officer, on_date)
        if not ok:
            raise ValidationError({"lead" if role == OfficerRole.LEAD else "assistants": reason})
    return team


def _start_general_procedure(case: Case, actor, variables: dict) -> None:
    definition = ProcessDefinition.objects.filter(key=GENERAL_PROCEDURE,
                                                  procedure_type=ProcedureType.PUNISHMENT_GENERAL).first()
    if definition is None:
        raise ValidationError(MSG_NO_PROCEDURE)
    handlers = list(case.officers.values_list("officer__user_id", flat=True))
    case.process = start_instance(
        definition=definition, unit=case.unit, actor=actor, title=f"{case.parties.first()}{case.cause}案"[:200],
        variables={"procedure_type": GENERAL_PROCEDURE, "party_type": case.party_type,
                   "fine_amount": float(case.fine_amount), **variables},
        people={"handlers": handlers}, subject=case,
    )
    case.save(update_fields=["process", "updated_at"])


@transaction.atomic
def case_register(*, unit, actor, procedure_type: str, source: str, cause: str, parties: list[InspectedObject],
                  lead: Officer | None, assistants: list[Officer] = (), source_note: str = "", facts: str = "",
                  fine_amount: Decimal = Decimal("0"), party_type: str = "", requires_legal_review: bool = False,
                  requires_collective_discussion: bool = False, occurred_on: dt.date | None = None) -> Case:
    """登记 a case with its parties and officers; a 一般程序 case starts its procedure at 立案审批.

    The parties come from the objects library (each one's case count goes up by one); every
    officer must hold a valid certificate that day (行政处罚法第42条).

    ``occurred_on`` is for 补录 only — commands and imports entering a case handled before it was
    entered, never a form: the case was registered that day, and approving its 立案审批 files it on
    that day (the ``filed_on`` variable), so its legal deadlines count from it. It is audited.
    """
    if not can_add_in(actor, Case, unit):
        raise ValidationError(MSG_NOT_ALLOWED.format(unit=unit))
    today = timezone.localdate()
    if occurred_on is not None and occurred_on > today:
        raise ValidationError(MSG_BACKDATED_FUTURE)
    parties = _checked_parties(list(parties), actor)
    team = _checked_officers(lead, list(assistants), occurred_on or today)
    case = Case(
        unit=unit, procedure_type=procedure_type, source=source, source_note=source_note.strip(),
        cause=(cause or "").strip(), facts=facts.strip(), fine_amount=Decimal(fine_amount),
        party_type=party_type or PARTY_TYPES[parties[0].kind], created_by=actor,
    )
    case.full_clean(exclude=["process"])
    case.save()
    for party in parties:
        CaseParty.objects.create(case=case, inspected_object=party, created_by=actor)
        object_counts_add(inspected_object_id=party.pk, cases=1)
    for officer, role in team:
        CaseOfficer.objects.create(case=case, officer=officer, role=role, created_by=actor)
    refresh_case(case)
    if procedure_type == ProcedureKind.GENERAL:
        _start_general_procedure(case, actor, {
            "requires_legal_review": requires_legal_review,
            "requires_collective_discussion": requires_collective_discussion,
            **({"filed_on": occurred_on.isoformat()} if occurred_on else {}),
        })
    if occurred_on is not None:
        audit.record(AuditAction.ACTION, case, message=BACKDATED.format(on=occurred_on), user=actor)
    return case


def _take_number(case: Case, on_date: dt.date) -> None:
    """Give ``case`` its number and filing date (立案), unsaved; inside the caller's transaction."""
    try:
        case.number = next_number(unit=case.unit, kind=NUMBER_KIND, on_date=on_date)
    except NumberingError as error:
        raise ValidationError(str(error)) from None
    case.filed_on = on_date


def file_case(case: Case, on_date: dt.date) -> None:
    """立案: number, filing date and status; called when the 立案审批 step of its procedure completes."""
    _take_number(case, on_date)
    case.status = CaseStatus.FILED
    case.save(update_fields=["number", "filed_on", "status", "updated_at"])
    refresh_case(case)


@transaction.atomic
def simple_decide(*, case: Case, actor, fine_amount: Decimal, notified: bool, notice_waived: bool = False,
                  decided_on: dt.date | None = None, onsite_collected: bool = False,
                  hard_to_enforce_later: bool = False, remote_area_requested: bool = False,
                  payment_instructions: str = "") -> Case:
    """Decide a 简易程序 case on the spot: 立案 (its number) and 决定 together.

    Refused, quoting the article, above the thresholds of 行政处罚法第51条, with fewer than two
    officers holding valid certificates (第42条), without 告知 unless waived in writing (第44条),
    or with 当场收缴 outside the cases of 第68、69条 (``hard_to_enforce_later``,
    ``remote_area_requested``). ``payment_instructions`` tell the party where and how to pay.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not Case.objects.filter(pk=case.pk).restrict(actor, "change").exists():
        raise ValidationError(MSG_NOT_ALLOWED_CHANGE)
    if case.procedure_type != ProcedureKind.SIMPLE:
        raise ValidationError(MSG_NOT_SIMPLE_CASE)
    if case.status != CaseStatus.REGISTERED:
        raise ValidationError(MSG_ALREADY_DECIDED.format(status=case.get_status_display()))
    decided_on = decided_on or timezone.localdate()
    fine_amount = Decimal(fine_amount)
    officers = [row.officer for row in case.officers.select_related("officer__user")]
    refusals = [r for r in (
        simple_procedure_refusal(party_type=case.party_type, fine_amount=fine_amount, decided_on=decided_on),
        officers_refusal(officers, decided_on),
        notice_refusal(notified=notified, waived=notice_waived),
        onsite_collection_refusal(fine_amount=fine_amount, hard_to_enforce_later=hard_to_enforce_later,
                                  remote_area_requested=remote_area_requested, decided_on=decided_on)
        if onsite_collected else None,
    ) if r is not None]
    if refusals:
        raise guards.GuardRefused(refusals)
    case.fine_amount = fine_amount
    case.notified_on = decided_on if notified else None
    case.notice_waived = notice_waived
    case.decided_on = decided_on
    case.onsite_collected, case.payment_instructions = onsite_collected, (payment_instructions or "").strip()
    case.status = CaseStatus.DECIDED
    _take_number(case, decided_on)
    case.save()
    refresh_case(case)
    audit.record(AuditAction.ACTION, case, message=SIMPLE_DECIDED.format(amount=fine_amount), user=actor)
    return case
