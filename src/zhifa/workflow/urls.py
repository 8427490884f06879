"""URLs of the process engine."""

from django.urls import path

from . import views

app_name = "workflow"

urlpatterns = [
    path("tasks/", views.MyTasksView.as_view(), name="my_tasks"),
    path("tasks/<int:pk>/", views.WorkItemView.as_view(), name="workitem_detail"),
    path("instances/<int:pk>/", views.InstanceView.as_view(), name="processinstance_detail"),
    path("procedures/", views.DefinitionListView.as_view(), name="processdefinition_list"),
    path("procedures/<int:pk>/", views.DefinitionView.as_view(), name="processdefinition_detail"),
    path("versions/<int:pk>/", views.VersionView.as_view(), name="processversion_detail"),
    path("versions/<int:pk>/bpmn/", views.VersionDownloadView.as_view(), name="processversion_download"),
    path("deputies/", views.DeputyView.as_view(), name="deputy_list"),
]
