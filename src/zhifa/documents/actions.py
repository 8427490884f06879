"""The case page's parts of the documents module: the 文书 tab and 制作文书 (``zhifa.cases.page``)."""

from __future__ import annotations

from zhifa.cases.facts import facts
from zhifa.cases.page import CaseAction, CaseTab, register_action, register_tab

from .selectors import documents_overview
from .services import preparation_refusal


def _tab_context(case, user) -> dict | None:
    overview = documents_overview(case, user)
    return None if overview is None else {**overview, "case": case}


register_tab(CaseTab(key="documents", label="文书", template="cases/tabs/documents.html", context=_tab_context, order=40))
register_action(CaseAction(
    key="documents", label="制作文书", url_name="documents:case_documents", order=60,
    refusal=lambda case, user: facts(case).once(("documents", user.pk),
                                                lambda: preparation_refusal(subject=case, actor=user)),
))
