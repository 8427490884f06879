"""Routes of the audit viewer and object history."""

from django.urls import path

from zhifa.core.views import audit

urlpatterns = [
    path("audit/", audit.AuditListView.as_view(), name="audit_list"),
    path("audit/<int:pk>/", audit.AuditDetailView.as_view(), name="audit_detail"),
    path("audit/history/<str:object_type>/<str:pk>/", audit.object_history, name="object_history"),
]
