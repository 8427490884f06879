"""The record of a case on its page: 编辑案件信息 and 添加证据 (``services/record.py``)."""

from __future__ import annotations

from ..forms import procedure as forms
from ..page import ActionForm, form_action, register_action
from ..services import record
from .common import PROCEDURE_PAGE, asked, with_case


def record_initial(case) -> dict:
    """The record form starts from what the case holds."""
    return {
        "power": case.power_id, "facts": case.facts, "act_on": case.act_on, "act_ended_on": case.act_ended_on,
        "serious_harm": case.serious_harm, "amount_involved": case.amount_involved, "fine_amount": case.fine_amount,
        "circumstance": case.discretion_circumstance, "deviation_reason": case.deviation_reason,
    }


ACTIONS = (
    form_action(key="record", label="编辑案件信息", order=10, refusal=asked(record.record_refusal),
                page=ActionForm(form=forms.RecordForm, service=record.case_update_record, initial=record_initial,
                                **PROCEDURE_PAGE)),
    form_action(key="evidence_add", label="添加证据", order=11, refusal=asked(record.record_refusal),
                page=ActionForm(form=forms.EvidenceForm, service=record.evidence_add, files=True,
                                extras=with_case, **PROCEDURE_PAGE)),
)

register_action(*ACTIONS)
