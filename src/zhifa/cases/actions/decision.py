"""告知 and 决定 on the case page: 送达告知书, 作出决定 (一般程序) and 备案 (简易程序), ``services/decision.py``."""

from __future__ import annotations

from ..forms import procedure as forms
from ..page import ActionForm, form_action, register_action
from ..services import decision
from .common import PROCEDURE_PAGE, asked, general, simple, with_case

ACTIONS = (
    form_action(key="notice_serve", label="送达告知书", order=20, style="primary", applies=general,
                refusal=asked(decision.notice_refusal),
                page=ActionForm(form=forms.NoticeForm, service=decision.notice_serve, **PROCEDURE_PAGE)),
    form_action(key="decision_record", label="作出决定", order=30, style="primary", applies=general,
                refusal=asked(decision.decision_refusal),
                page=ActionForm(form=forms.DecisionForm, service=decision.decision_record,
                                extras=with_case, **PROCEDURE_PAGE)),
    form_action(key="simple_file", label="备案", order=60, applies=simple,
                refusal=asked(decision.simple_filing_refusal),
                page=ActionForm(form=forms.SimpleFileForm, service=decision.simple_file, **PROCEDURE_PAGE)),
)

register_action(*ACTIONS)
