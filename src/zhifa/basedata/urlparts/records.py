"""Pages of the record library: ``/basedata/records/monitor/`` and ``/basedata/recordbatchs/…``."""

from django.urls import path

from zhifa.core.views.generic import get_model_urls

from ..views import records

urlpatterns = [
    path("records/monitor/", records.RecordMonitorView.as_view(), name="recordbatch_monitor"),
    *get_model_urls("basedata", "recordbatch", prefix="records/"),
]
