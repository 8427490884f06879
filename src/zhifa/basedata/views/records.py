"""Screens of the record library (执法全记录库): batch list and detail, and the arrival monitor."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone

from zhifa.core.views.generic import GenericView, ObjectDetailView, ObjectListView, register_model_view

from ..filtersets.records import RecordBatchFilterSet
from ..forms.records import DEFAULT_PERIOD, MonitorFilterForm
from ..models.records import RecordBatch, RecordKind
from ..services.records import CHART_TOP_UNITS, arrival_chart, arrivals_by_day
from ..tables.records import RecordBatchTable

ROWS_PER_PAGE = 50


@register_model_view(RecordBatch, "list")
class RecordBatchListView(ObjectListView):
    queryset = RecordBatch.objects.select_related("source_unit")
    filterset = RecordBatchFilterSet
    table = RecordBatchTable


@register_model_view(RecordBatch, "detail")
class RecordBatchDetailView(ObjectDetailView):
    """A received batch with the list of its validation errors."""

    queryset = RecordBatch.objects.select_related("source_unit", "created_by")
    template_name = "basedata/records/recordbatch_detail.html"
    fields = ("source_unit", "source_system", "kind", "received_at", "record_count", "error_count", "payload_sha256")


class RecordMonitorView(GenericView):
    """Arrivals over time: an ECharts line chart of the source units that sent the most (the rest summed as
    "其他"), and the table behind it per day, source unit and kind, 50 rows a page."""

    queryset = RecordBatch.objects.all()
    template_name = "basedata/records/monitor.html"

    def get(self, request, *args, **kwargs):
        form = MonitorFilterForm(request.GET or None, user=request.user)
        cleaned = form.cleaned_data if form.is_bound and form.is_valid() else {}
        days = int(cleaned.get("period") or DEFAULT_PERIOD)
        end = timezone.localdate()
        start = end - dt.timedelta(days=days - 1)
        since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
        batches = self.get_queryset().filter(received_at__gte=since)
        if cleaned.get("source_unit"):
            batches = batches.filter(source_unit=cleaned["source_unit"])
        if cleaned.get("kind"):
            batches = batches.filter(kind=cleaned["kind"])
        rows = arrivals_by_day(batches)
        labels = dict(RecordKind.choices)
        for row in rows:
            row["kind_label"] = labels.get(row["kind"], row["kind"])
        newest_first = sorted(rows, key=lambda row: row["day"], reverse=True)  # stable: units stay in order
        page = Paginator(newest_first, ROWS_PER_PAGE).get_page(request.GET.get("page"))
        context = {
            **self.base_context(),
            "form": form,
            "rows": page.object_list,
            "page_obj": page,
            "chart": arrival_chart(rows, start, end),
            "top_units": CHART_TOP_UNITS,
            "totals": {"records": sum(r["records"] for r in rows), "errors": sum(r["errors"] for r in rows),
                       "batches": sum(r["batches"] for r in rows)},
            "start": start,
            "end": end,
        }
        return TemplateResponse(request, self.template_name, context)
