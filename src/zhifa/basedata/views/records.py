"""Screens of the record library (执法全记录库): batch list and detail, and the arrival monitor."""

from __future__ import annotations

import datetime as dt

import django_filters
import django_tables2 as tables
from django import forms
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone

from zhifa.core.filtersets import ZhifaFilterSet
from zhifa.core.forms import ZhifaForm
from zhifa.core.tables import ZhifaTable
from zhifa.core.views.generic import GenericView, ObjectDetailView, ObjectListView, register_model_view
from zhifa.org.models import Unit

from ..models.records import RecordBatch, RecordKind
from ..services.records import CHART_TOP_UNITS, arrival_chart, arrivals_by_day

PERIODS = (("7", "近7天"), ("30", "近30天"), ("60", "近60天"), ("90", "近90天"))
DEFAULT_PERIOD = 30
ROWS_PER_PAGE = 50


class RecordBatchFilterSet(ZhifaFilterSet):
    search_fields = ("source_system",)
    form_fields = ("q", "source_unit_id", "kind")

    kind = django_filters.ChoiceFilter(choices=RecordKind.choices, label="记录类型")

    class Meta:
        model = RecordBatch
        fields = ["kind"]


class RecordBatchTable(ZhifaTable):
    received_at = tables.Column(linkify=True)

    class Meta(ZhifaTable.Meta):
        model = RecordBatch
        fields = ("pk", "received_at", "source_unit", "source_system", "kind", "record_count", "error_count",
                  "payload_sha256")
        default_columns = ("received_at", "source_unit", "source_system", "kind", "record_count", "error_count")


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


class MonitorFilterForm(ZhifaForm):
    """Period, source unit and kind of the arrival monitor; the source choices are the user's scope."""

    period = forms.ChoiceField(label="统计期间", choices=PERIODS, required=False, initial=str(DEFAULT_PERIOD))
    source_unit = forms.ModelChoiceField(label="来源单位", queryset=Unit.objects.none(), required=False)
    kind = forms.ChoiceField(label="记录类型", choices=[("", "全部"), *RecordKind.choices], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_unit"].queryset = Unit.objects.all().restrict(self.user, "view").order_by("name")


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
