"""API routes of the process engine (mounted at ``/api/workflow/``)."""

from django.urls import path

from .views import MyTasksView, TaskActionView, TimelineView

urlpatterns = [
    path("tasks/", MyTasksView.as_view(), name="workflow-my-tasks"),
    path("tasks/<int:pk>/actions/", TaskActionView.as_view(), name="workflow-task-action"),
    path("instances/<int:pk>/timeline/", TimelineView.as_view(), name="workflow-timeline"),
]
