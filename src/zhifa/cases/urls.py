"""Pages of the case module (mounted at ``/cases/``, names ``cases:*``): the list and case page, registration and
简易程序, every action with a form (``cases:<action key>``, one view), the 办案程序 and 执行与救济 pages, and the
缺项 rules."""

from django.urls import path

from zhifa.core.views.generic import get_model_urls

from .page import form_actions
from .views import case_page, lists, screens, warning_rules  # noqa: F401  (registers the model views)
from .views.actions import CaseActionView, CaseExecutionView, ProcedureView

app_name = "cases"

urlpatterns = [
    path("<int:pk>/simple-decide/", screens.SimpleDecideView.as_view(), name="case_simple_decide"),
    path("<int:pk>/task/", screens.CaseTaskView.as_view(), name="case_task"),
    path("<int:pk>/procedure/", ProcedureView.as_view(), name="procedure"),
    path("<int:pk>/execution/", CaseExecutionView.as_view(), name="case_execution"),
    *(path(f"<int:pk>/actions/{action.key.replace('_', '-')}/", CaseActionView.as_view(key=action.key),
           name=action.key) for action in form_actions()),
    path("filter-choices/<str:name>/", lists.CaseFilterChoicesView.as_view(), name="case_filter_choices"),
    *get_model_urls("cases", "stagerequirementrule", prefix="requirement-rules/"),
    *get_model_urls("cases", "case", prefix=""),
]
