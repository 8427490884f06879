"""The case list, its export and the on-demand choices of its filter card, on the generic list path."""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse

from zhifa.core.views.generic import GenericView, ObjectExportView, ObjectListView, register_model_view

from ..forms.pickers import CHOICES_SHOWN, ON_DEMAND_FILTERS
from ..filtersets import CaseFilterSet
from ..listing import for_list, with_stage
from ..models import Case
from ..tables import CaseTable

LIST_QUERYSET = for_list(Case.objects.all(), officers=False)
"""The page's rows with their parties' and 主办 officers' names; ``CaseTable`` adds every officer's name when its
办案人员 column is shown, reads the stage in one query per page and the unit's name from ``listing.unit_names``."""


@register_model_view(Case, "list")
class CaseListView(ObjectListView):
    """案件查询: the cases the user may view, newest first."""

    queryset = Case.objects.all()
    rows_queryset = LIST_QUERYSET
    filterset = CaseFilterSet
    table = CaseTable


@register_model_view(Case, "export")
class CaseExportView(ObjectExportView):
    """The list as Excel: every row, each with its stage read alongside it."""

    list_view = CaseListView
    queryset = with_stage(for_list(Case.objects.all()))


class CaseFilterChoicesView(GenericView):
    """The choices of an on-demand picker of the filter card (``forms.pickers``) matching ``find`` (htmx).

    The choices are those of the filter itself (what the user may view); the keys already chosen,
    sent along, are left out.
    """

    queryset = Case.objects.all()
    template_name = "cases/widgets/_picker_results.html"

    def get(self, request, name: str):
        if name not in ON_DEMAND_FILTERS:
            raise Http404("没有该筛选项")
        field = CaseFilterSet(request=request).form.fields[name]
        text = request.GET.get("find", "").strip()
        entries, more = field.widget.matching(name, field, text, request.GET.getlist(name), request)
        context = {"entries": entries, "name": name, "searched": True, "query": text, "more": more,
                   "shown": CHOICES_SHOWN}
        return TemplateResponse(request, self.template_name, context)
