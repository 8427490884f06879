"""Pages of the rules engine (mounted at ``/legal/``)."""

from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("", views.CalculatorView.as_view(), name="calculator"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/add/", views.CalendarDayCreateView.as_view(), name="calendar_add"),
    path("calendar/<int:pk>/delete/", views.CalendarDayDeleteView.as_view(), name="calendar_delete"),
    path("calendar/<int:year>/complete/", views.CalendarYearCompleteView.as_view(), name="calendar_complete"),
    path("calendar/import/", views.CalendarImportView.as_view(), name="calendar_import"),
    path("calendar/export/", views.CalendarExportView.as_view(), name="calendar_export"),
    path("thresholds/", views.ThresholdListView.as_view(), name="thresholds"),
    path("thresholds/add/", views.ThresholdCreateView.as_view(), name="threshold_add"),
    path("thresholds/<int:pk>/delete/", views.ThresholdDeleteView.as_view(), name="threshold_delete"),
]
