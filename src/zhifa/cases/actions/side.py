"""Side procedures on the case page (延期, 中止, 恢复, 终止, 撤销立案, 变更承办人, 案件移送, their approval)
and the 期限 tab (each deadline with its basis, the citations of the 案由, the side procedures)."""

from __future__ import annotations

from functools import partial

from ..choices import SideKind, SideStatus
from ..deadlines import case_deadlines
from ..facts import facts
from ..forms import procedure as forms
from ..page import ActionForm, CaseAction, CaseTab, form_action, register_action, register_tab
from ..services.side import side_decide, side_decide_refusal, side_request, side_request_refusal
from ..services.record import case_citations
from .common import PROCEDURE_PAGE, asked, general, with_case

MSG_NOTHING_PENDING = "没有待审批的程序事项"


def deadlines_context(case, user) -> dict:
    """Every deadline of the case with its legal basis, the citations of its 案由 and its side procedures."""
    return {
        "deadlines": case_deadlines(case),
        "citations": case_citations(case),
        "side_procedures": list(case.side_procedures.select_related("decided_by")),
    }


def pending_refusal(case, user) -> str:
    """Why ``user`` cannot decide a side procedure of ``case`` now: none is pending, or ``side_decide_refusal``."""
    pending = next((s for s in facts(case).side_procedures if s.status == SideStatus.PENDING), None)
    if pending is None:
        return MSG_NOTHING_PENDING
    return side_decide_refusal(side=pending, actor=user)


def decide_pending(*, case, actor, side, approved: bool, opinion: str = ""):
    """``side_decide`` for the pending side procedure of ``case`` chosen on its form."""
    return side_decide(side=side, actor=actor, approved=approved, opinion=opinion)


def _request(kind: SideKind, order: int) -> CaseAction:
    return form_action(
        key=f"side_{kind.value}", label="申请延期" if kind == SideKind.EXTENSION else kind.label, order=order,
        applies=general, refusal=asked(side_request_refusal, kind=kind),
        page=ActionForm(form=forms.SideRequestForm, service=partial(side_request, kind=kind),
                        extras=lambda case: {"kind": kind, "case": case}, **PROCEDURE_PAGE),
    )


ACTIONS = (
    *(_request(kind, 40 + n) for n, kind in enumerate(SideKind)),
    form_action(key="side_decide", label="审批程序事项", order=50, applies=general, refusal=pending_refusal,
                page=ActionForm(form=forms.SideDecideForm, service=decide_pending,
                                extras=with_case, **PROCEDURE_PAGE)),
)

register_tab(CaseTab(key="deadlines", label="期限", template="cases/tabs/deadlines.html", context=deadlines_context,
                     order=60))
register_action(*ACTIONS)
