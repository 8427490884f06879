"""The punishment case as a document subject: agency, case, parties, officers, approvals, issued documents.

Documents addressed to the party carry its full identity (name, 统一社会信用代码 or 公民身份号码,
address), as 行政处罚法第59条 requires of a decision; the frozen context and the PDF therefore hold
personal data, and reading them is limited and audited like the case (docs/documents.md).
The sections read from the case's other records (``hearing``, ``execution``, ``legal_basis``,
``decision``, ``evidence``) come from the providers of ``case_sections``.
"""

from __future__ import annotations

from django.utils import timezone

from zhifa.basedata.models.objects import ObjectKind
from zhifa.cases.choices import ProcedureKind
from zhifa.cases.models import Case
from zhifa.workflow.choices import ItemStatus
from zhifa.workflow.models import WorkItem

from ..services import issued_documents
from . import SubjectKind, register_subject
from .formatting import amount, cn_date

PENALTY_FINE = "罚款人民币{amount}元"


def _person_name(user) -> str:
    return user.display_name or user.username


def _party(inspected) -> dict:
    individual = inspected.kind == ObjectKind.INDIVIDUAL
    return {
        "name": inspected.name,
        "kind": inspected.get_kind_display(),
        "id_label": "公民身份号码" if individual else "统一社会信用代码",
        "id_value": (inspected.id_number if individual else inspected.credit_code) or "",
        "legal_representative": "" if individual else inspected.legal_representative,
        "address": inspected.business_address or inspected.registered_address,
        "phone": inspected.phone,
    }


def _officer(row) -> dict:
    return {
        "name": _person_name(row.officer.user),
        "certificate_number": row.officer.certificate_number,
        "role": row.get_role_display(),
    }


def approvals_of(case: Case) -> dict[str, list[dict]]:
    """The opinions of the case's completed procedure steps, by stage code, in the order given."""
    if case.process_id is None:
        return {}
    items = (WorkItem.objects.filter(instance_id=case.process_id, status=ItemStatus.DONE).exclude(stage="")
             .select_related("assignee").order_by("completed_at", "id"))
    approvals: dict[str, list[dict]] = {}
    for item in items:
        approvals.setdefault(item.stage, []).append({
            "step": item.step_name, "name": _person_name(item.assignee), "opinion": item.opinion,
            "date": cn_date(timezone.localtime(item.completed_at).date() if item.completed_at else None),
        })
    return approvals


def issued_of(case: Case) -> dict[str, dict]:
    """The documents already issued for the case, newest of each kind: ``{kind: {number, title, issued_on}}``."""
    issued: dict[str, dict] = {}
    for document in issued_documents(case).order_by("issued_at", "id"):
        issued[document.kind] = {"number": document.number, "title": document.title,
                                 "issued_on": cn_date(timezone.localtime(document.issued_at).date())}
    return issued


def case_context(case: Case) -> dict:
    """The base context of a case's documents (see ``docs/documents.md`` for every key)."""
    unit = case.unit
    parties = [_party(row.inspected_object) for row in case.parties.select_related("inspected_object")]
    officers = [_officer(row) for row in case.officers.select_related("officer__user")]
    variables = case.process.variables if case.process_id else {}
    fine = amount(case.fine_amount)
    issued = issued_of(case)
    return {
        "agency": {"name": unit.name, "address": unit.address, "phone": unit.phone},
        "case": {
            "number": case.number,
            "cause": case.cause,
            "facts": case.facts,
            "source": case.get_source_display(),
            "source_note": case.source_note,
            "procedure": case.get_procedure_type_display(),
            "party_type": case.get_party_type_display(),
            "filed_on": cn_date(case.filed_on),
            "notified_on": cn_date(case.notified_on),
            "decided_on": cn_date(case.decided_on),
            "fine_amount": fine,
            "penalty": PENALTY_FINE.format(amount=fine) if fine else "",
            "requires_legal_review": bool(variables.get("requires_legal_review")),
            "requires_collective_discussion": bool(variables.get("requires_collective_discussion")),
            "status": case.get_status_display(),
        },
        "parties": parties,
        "party": parties[0] if parties else {},
        "officers": officers,
        "lead": officers[0] if officers else {},
        "approvals": approvals_of(case),
        "documents": issued,
        "served": [document for document in issued.values() if document["number"]],
        "today": cn_date(timezone.localdate()),
    }


register_subject(SubjectKind(
    model=Case,
    unit=lambda case: case.unit,
    procedure=lambda case: "simple" if case.procedure_type == ProcedureKind.SIMPLE else "general",
    base_context=case_context,
    lock=lambda case: Case.objects.select_for_update().get(pk=case.pk),
))
