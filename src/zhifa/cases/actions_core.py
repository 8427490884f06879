"""The case page's parts of the record and the procedure: every procedure action, the 听证 and 期限 tabs."""

from __future__ import annotations

from .choices import ProcedureKind
from .deadlines import case_deadlines
from .models import Hearing
from .page import CaseAction, CaseTab, register_action, register_tab
from .services.record import case_citations
from .steps import STEPS

for _step in STEPS.values():
    register_action(CaseAction(key=_step.key, label=_step.label, url_name=f"cases:{_step.key}",
                               refusal=_step.refusal, applies=_step.applies, order=_step.order, style=_step.style))


def hearing_context(case, user) -> dict | None:
    """The hearing with its record, or ``None`` (no tab) for a 简易程序 case."""
    if case.procedure_type != ProcedureKind.GENERAL:
        return None
    hearing = Hearing.objects.filter(case=case).select_related("presiding_officer__user").first()
    entries = list(hearing.entries.all()) if hearing else []
    return {"hearing": hearing, "entries": entries}


def deadlines_context(case, user) -> dict:
    """Every deadline of the case with its legal basis, the citations of its 案由 and its side procedures."""
    return {
        "deadlines": case_deadlines(case),
        "citations": case_citations(case),
        "side_procedures": list(case.side_procedures.select_related("decided_by")),
    }


register_tab(CaseTab(key="hearing", label="听证", template="cases/tabs/hearing.html", context=hearing_context,
                     order=40))
register_tab(CaseTab(key="deadlines", label="期限", template="cases/tabs/deadlines.html", context=deadlines_context,
                     order=60))
