"""The case page (案件详情): header, tabs registered by the case modules, and the action bar."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse

from zhifa.core.audit import record_read
from zhifa.core.views.generic import ObjectDetailView, register_model_view
from zhifa.workflow.deadlines import COLOUR_LABELS, colour

from ..facts import facts, read_once
from ..listing import officer_names_of, with_people, with_stage
from ..models import Case
from ..page import actions_for, tabs_for


def nearest_deadline(case: Case) -> dict | None:
    """The open step with the nearest deadline: its name, due time and colour, or None."""
    dated = [item for item in facts(case).open_items if item.due_at is not None]
    if not dated:
        return None
    item = min(dated, key=lambda open_item: (open_item.due_at, open_item.pk))
    state = colour(item.due_at)
    return {"step": item.step_name, "due_at": item.due_at, "colour": state, "label": COLOUR_LABELS[state]}


def render_tab(request, case: Case, shown) -> str:
    """The body of one tab: its template with ``case`` and the tab's own context."""
    if shown is None:
        return ""
    return render_to_string(shown.tab.template, {**shown.context, "case": case}, request=request)


@register_model_view(Case, "detail")
class CasePageView(ObjectDetailView):
    """One case: who, what, where it stands and what is due; a tab per module; the actions open to the user."""

    queryset = with_people(with_stage(Case.objects.select_related("unit", "process", "created_by")))
    template_name = "cases/case_detail.html"

    def get(self, request, *args, **kwargs):
        case = self.get_object()
        read_once(case)
        record_read(case)
        tabs = tabs_for(case, request.user)
        chosen = request.GET.get("tab") or (tabs[0].tab.key if tabs else "")
        current = next((shown for shown in tabs if shown.tab.key == chosen), tabs[0] if tabs else None)
        actions = actions_for(case, request.user)
        context = {
            **self.base_context(case),
            "object": case,
            "case": case,
            "parties": case.party_names,
            "officers": officer_names_of(case),
            "deadline": nearest_deadline(case),
            "tabs": tabs,
            "current": current,
            "tab_html": render_tab(request, case, current),
            "actions": actions,
            # Refused actions other than the primary one fold away, each with its reason.
            "refused_actions": [o for o in actions if not o.allowed and o.action.style != "primary"],
        }
        if request.htmx and request.htmx.target == "case-tab":
            return HttpResponse(context["tab_html"])
        return TemplateResponse(request, self.template_name, context)
