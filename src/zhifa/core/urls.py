"""URLs of the framework layer: workbench, notifications, notices, logs, attachments, audit viewer, table columns."""

from django.urls import path

from zhifa.core.views import attachments, audit, notices, workbench
from zhifa.core.views.generic.preferences import TableColumnsView

app_name = "core"

urlpatterns = [
    path("", workbench.WorkbenchView.as_view(), name="workbench"),
    path("todos/", workbench.TodoListView.as_view(), name="todo_list"),
    path("notifications/", workbench.NotificationListView.as_view(), name="notification_list"),
    path("notifications/read-all/", workbench.NotificationReadAllView.as_view(), name="notification_read_all"),
    path("notifications/<int:pk>/open/", workbench.NotificationOpenView.as_view(), name="notification_open"),
    path("notifications/<int:pk>/read/", workbench.NotificationReadView.as_view(), name="notification_read"),
    path("sms/", workbench.SmsMessageListView.as_view(), name="sms_list"),
    path("deliveries/", workbench.DeliveryListView.as_view(), name="delivery_list"),
    path("notices/", notices.NoticeListView.as_view(), name="notice_list"),
    path("notices/manage/", notices.NoticeManageView.as_view(), name="notice_manage"),
    path("notices/new/", notices.NoticeCreateView.as_view(), name="notice_create"),
    path("notices/<int:pk>/", notices.NoticeDetailView.as_view(), name="notice_detail"),
    path("notices/<int:pk>/edit/", notices.NoticeEditView.as_view(), name="notice_edit"),
    path("notices/<int:pk>/publish/", notices.NoticePublishView.as_view(), name="notice_publish"),
    path("notices/<int:pk>/delete/", notices.NoticeDeleteView.as_view(), name="notice_delete"),
    path("notices/<int:pk>/receipts/", notices.NoticeReceiptsView.as_view(), name="notice_receipts"),
    path("attachments/<int:pk>/download/", attachments.attachment_download, name="attachment_download"),
    path("audit/", audit.AuditListView.as_view(), name="audit_list"),
    path("audit/<int:pk>/", audit.AuditDetailView.as_view(), name="audit_detail"),
    path("audit/history/<str:object_type>/<str:pk>/", audit.object_history, name="object_history"),
    path("tables/<str:name>/columns/", TableColumnsView.as_view(), name="table_columns"),
]
