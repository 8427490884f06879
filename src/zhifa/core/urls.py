"""URLs of the framework layer: workbench, notifications, audit viewer."""

from django.urls import path

from .views import workbench

app_name = "core"

urlpatterns = [
    path("", workbench.WorkbenchView.as_view(), name="workbench"),
    path("notifications/", workbench.NotificationListView.as_view(), name="notification_list"),
]
