"""The case list and its export, on the generic list path (scope, filters, columns, Excel)."""

from __future__ import annotations

from zhifa.core.views.generic import ObjectExportView, ObjectListView, register_model_view

from ..filtersets import CaseFilterSet
from ..listing import with_people, with_stage
from ..models import Case
from ..tables import CaseTable

LIST_QUERYSET = with_people(with_stage(Case.objects.select_related("unit")))


@register_model_view(Case, "list")
class CaseListView(ObjectListView):
    """案件查询: the cases the user may view, newest first."""

    queryset = LIST_QUERYSET
    filterset = CaseFilterSet
    table = CaseTable


@register_model_view(Case, "export")
class CaseExportView(ObjectExportView):
    list_view = CaseListView
