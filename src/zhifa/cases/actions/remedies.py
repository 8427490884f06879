"""复议 and 诉讼 on the case page: the 复议诉讼 tab, 登记复议/诉讼 and 登记复议结果 (``services/remedies.py``)."""

from __future__ import annotations

from zhifa.core.gate import can_model

from ..forms import execution as forms
from ..models import CaseRemedy
from ..page import ActionForm, CaseTab, form_action, register_action, register_tab
from ..services import remedies
from .common import EXECUTION_PAGE, asked


def remedies_context(case, user) -> dict | None:
    """The remedies tab: every 复议 and 诉讼, late applications marked."""
    if not can_model(user, "view", CaseRemedy):
        return None
    rows = list(CaseRemedy.objects.filter(case=case).restrict(user, "view").order_by("applied_on", "pk"))
    return {"remedies": [(remedy, remedies.late_message(remedy)) for remedy in rows]}


ACTIONS = (
    form_action(key="remedy_register", label="登记复议/诉讼", order=70, refusal=asked(remedies.remedy_refusal),
                page=ActionForm(form=forms.RemedyForm, service=remedies.remedy_register, title="复议（诉讼）",
                                note=remedies.late_message, **EXECUTION_PAGE)),
    form_action(key="remedy_conclude", label="登记复议结果", order=71, refusal=asked(remedies.remedy_conclude_refusal),
                page=ActionForm(form=forms.RemedyConclusionForm, service=remedies.remedy_conclude,
                                title="复议（诉讼）结果", **EXECUTION_PAGE)),
)

register_tab(CaseTab(key="remedies", label="复议诉讼", template="cases/tabs/remedies.html", context=remedies_context,
                     order=70))
register_action(*ACTIONS)
