"""The sections of a case's documents that come from the case records: legal basis, decision, evidence,
hearing and execution (keys in ``docs/documents.md``).

Each provider reads the records the case services wrote and returns plain JSON data formatted for
print, or ``{}`` when the case has none yet, so the documents needing them are refused by name.
"""

from __future__ import annotations

from django.utils import timezone

from zhifa.basedata.models import BasisRole
from zhifa.cases.choices import DecisionKind, NoPenaltyGround, SpeakerRole
from zhifa.cases.deadlines import hearing_request_deadline
from zhifa.cases.execution_choices import ArrangementKind, ExecutionStatus
from zhifa.cases.models import Case, CaseEvidence, Hearing
from zhifa.cases.rules import GROUND_BASIS
from zhifa.cases.services.execution import execution_of, ledger_of

from . import register_context_provider
from .formatting import amount, cn_date

CITATION_SEPARATOR = "、"
EDUCATION = "{on}，{officer}对当事人进行了教育：{content}"
DEFERRAL_PLAN = "延期至{on}缴纳{amount}元"
INSTALMENT_PLAN = "分{count}期缴纳：{parts}"
INSTALMENT_PART = "第{sequence}期于{on}前缴纳{amount}元"
ARRANGEMENT_STEP = "负责人审批"
RESULT_COMPLETE = "罚款人民币{fine}元已于{on}全部缴纳{surcharge}"
RESULT_SURCHARGE = "（含加处罚款{surcharge}元）"
RESULT_ENDED = "已于{on}终结执行：{reason}"
RESULT_COURT = "已于{on}申请{court}强制执行"
RESULT_UNPAID = "已缴纳{paid}元，尚欠{outstanding}元"
RESULT_NO_FINE = "本案未处罚款，无需执行"


def _name(user) -> str:
    return (user.display_name or user.username) if user is not None else ""


def legal_basis_section(case: Case) -> dict:
    """The violated provisions and the penalty provisions among the articles of the case's power (案由),
    each article in the role the power list gives it (``PowerBasis``: 违反的规定 / 处罚依据)."""
    if case.power_id is None:
        return {}
    cited = {BasisRole.VIOLATED: [], BasisRole.PENALTY: []}
    for row in case.power.citations.select_related("article__law").order_by("article__law", "article__order"):
        cited[row.stated_role].append(str(row.article))
    return {"violated": CITATION_SEPARATOR.join(cited[BasisRole.VIOLATED]),
            "penalty": CITATION_SEPARATOR.join(cited[BasisRole.PENALTY])}


def citation_text(citation) -> str:
    """``《law》article`` as a document prints it."""
    return f"《{citation.law}》{citation.article}"


def decision_section(case: Case) -> dict:
    """The decision of the 处罚决定 step: its kind, reason, basis and, for 不予行政处罚, its ground with that
    ground's article (``GROUND_BASIS``) and the education given."""
    if not case.decision_kind:
        return {}
    no_penalty = case.decision_kind == DecisionKind.NO_PENALTY
    if not no_penalty:
        ground, basis = "", legal_basis_section(case).get("penalty", "")
    elif case.no_penalty_ground:
        ground = NoPenaltyGround(case.no_penalty_ground).label
        basis = citation_text(GROUND_BASIS[case.no_penalty_ground])
    else:
        ground = basis = ""  # recorded before the ground was asked for: the document names what is missing
    education = ""
    if case.education_on:
        officer = case.education_officer.user if case.education_officer else None
        education = EDUCATION.format(on=cn_date(case.education_on), officer=_name(officer),
                                     content=case.education_content)
    return {
        "kind": case.get_decision_kind_display(),
        "no_penalty": no_penalty,
        "reason": case.decision_reason,
        "ground": ground,
        "basis": basis,
        "education": education,
    }


def evidence_section(case: Case) -> dict:
    """The evidence list: each item's name, kind and what it proves (证明对象)."""
    items = [{"name": item.name, "kind": item.get_kind_display(), "proves": item.note,
              "collected_on": cn_date(item.collected_on)}
             for item in CaseEvidence.objects.filter(case=case).order_by("collected_on", "pk")]
    return {"items": items} if items else {}


def hearing_section(case: Case) -> dict:
    """The hearing right, the party's request and, once held, the record (笔录) and the report.

    The recorder is the 书记员 of the record; the participants are the other speakers besides the
    presiding officer.
    """
    section: dict = {"right": bool(case.hearing_right), "requested": False}
    answer = hearing_request_deadline(case) if case.hearing_right else None
    if answer is not None:
        section["request_deadline"] = cn_date(answer["deadline"])
    hearing = Hearing.objects.filter(case=case).select_related("presiding_officer__user").first()
    if hearing is None:
        return section
    entries = list(hearing.entries.order_by("order", "pk"))
    participants = []
    for entry in entries:
        if entry.role not in (SpeakerRole.PRESIDING, SpeakerRole.CLERK) and str(entry) not in participants:
            participants.append(str(entry))
    section.update(
        requested=True,
        requested_on=cn_date(hearing.requested_on),
        held_at=cn_date(hearing.held_on or hearing.scheduled_on),
        place=hearing.place,
        host=_name(hearing.presiding_officer.user) if hearing.presiding_officer else "",
        recorder=next((entry.speaker for entry in entries if entry.role == SpeakerRole.CLERK), ""),
        participants=participants,
        statements=[{"speaker": str(entry), "text": entry.text} for entry in entries],
        summary=hearing.conclusion,
        opinion=hearing.suggestion,
    )
    return section


def _deferral(execution) -> dict:
    """The party's newest application to defer or pay in instalments, with the leader's answer once given."""
    arrangement = (execution.arrangements.select_related("decided_by").prefetch_related("instalments")
                   .order_by("-applied_on", "-pk").first())
    if arrangement is None:
        return {}
    if arrangement.kind == ArrangementKind.DEFERRAL:
        plan = DEFERRAL_PLAN.format(on=cn_date(arrangement.deferred_to), amount=amount(arrangement.amount))
    else:
        parts = [INSTALMENT_PART.format(sequence=row.sequence, on=cn_date(row.due_on),
                                        amount=amount(row.amount)) for row in arrangement.instalments.all()]
        plan = INSTALMENT_PLAN.format(count=len(parts), parts="；".join(parts))
    approvals = []
    if arrangement.decided_on:
        approvals.append({"step": ARRANGEMENT_STEP, "name": _name(arrangement.decided_by),
                          "opinion": arrangement.opinion, "date": cn_date(arrangement.decided_on)})
    return {"kind": arrangement.get_kind_display(), "reason": arrangement.reason, "plan": plan,
            "status": arrangement.get_status_display(), "approvals": approvals}


def _result(execution, money) -> str:
    """执行情况 for the 结案审批表, from the execution's status."""
    if execution.status == ExecutionStatus.COMPLETE:
        last = execution.payments.order_by("-paid_on").values_list("paid_on", flat=True).first()
        surcharge = RESULT_SURCHARGE.format(surcharge=amount(money.surcharge)) if money.surcharge else ""
        return RESULT_COMPLETE.format(fine=amount(money.fine), on=cn_date(last), surcharge=surcharge)
    if execution.status == ExecutionStatus.ENDED:
        return RESULT_ENDED.format(on=cn_date(execution.ended_on), reason=execution.end_reason)
    if execution.status == ExecutionStatus.COURT:
        return RESULT_COURT.format(on=cn_date(execution.court_applied_on), court=execution.court_name)
    return RESULT_UNPAID.format(paid=amount(money.paid) or "0.00", outstanding=amount(money.outstanding))


def execution_section(case: Case) -> dict:
    """The fine's execution as of today: deadline, what is unpaid, 加处罚款 (the execution service's
    ledger), the deferral or instalment application and the result; a decided case without a fine
    needs no execution."""
    execution = execution_of(case)
    if execution is None:
        return {"result": RESULT_NO_FINE} if case.decided_on and case.fine_amount <= 0 else {}
    money = ledger_of(execution, timezone.localdate())
    return {
        "status": execution.get_status_display(),
        "payment_deadline": cn_date(money.next_due_on or execution.due_on),
        "outstanding": amount(money.outstanding),
        "surcharge": amount(money.surcharge),
        "deferral": _deferral(execution),
        "result": _result(execution, money),
    }


register_context_provider("legal_basis", legal_basis_section, model=Case)
register_context_provider("decision", decision_section, model=Case)
register_context_provider("evidence", evidence_section, model=Case)
register_context_provider("hearing", hearing_section, model=Case)
register_context_provider("execution", execution_section, model=Case)
