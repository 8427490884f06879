"""Pages of the case module (mounted at ``/cases/``, names ``cases:*``): the list and case page, registration and
简易程序, the procedure actions (``cases:<action>``), execution and remedies, and the 缺项 rules."""

from django.urls import path

from zhifa.core.views.generic import get_model_urls

from .steps import STEPS
from .views import case_page, lists, screens, warning_rules  # noqa: F401  (registers the model views)
from .views import execution as execution_views
from .views.procedure import ProcedureActionView, ProcedureView

app_name = "cases"

EXECUTION_ACTIONS = {
    "execution_open": execution_views.ExecutionOpenView,
    "payment_register": execution_views.PaymentView,
    "arrangement_apply": execution_views.ArrangementApplyView,
    "arrangement_decide": execution_views.ArrangementDecideView,
    "reminder_issue": execution_views.ReminderView,
    "court_apply": execution_views.CourtApplyView,
    "execution_end": execution_views.ExecutionEndView,
    "confiscated_add": execution_views.ConfiscatedView,
    "remedy_register": execution_views.RemedyView,
    "remedy_conclude": execution_views.RemedyConclusionView,
}

urlpatterns = [
    path("<int:pk>/simple-decide/", screens.SimpleDecideView.as_view(), name="case_simple_decide"),
    path("<int:pk>/task/", screens.CaseTaskView.as_view(), name="case_task"),
    path("<int:pk>/procedure/", ProcedureView.as_view(), name="procedure"),
    *(path(f"<int:pk>/procedure/{key}/", ProcedureActionView.as_view(key=key), name=key) for key in STEPS),
    path("<int:pk>/execution/", execution_views.CaseExecutionView.as_view(), name="case_execution"),
    *(path(f"<int:pk>/execution/{name.replace('_', '-')}/", view.as_view(), name=name)
      for name, view in EXECUTION_ACTIONS.items()),
    path("filter-choices/<str:name>/", lists.CaseFilterChoicesView.as_view(), name="case_filter_choices"),
    *get_model_urls("cases", "stagerequirementrule", prefix="requirement-rules/"),
    *get_model_urls("cases", "case", prefix=""),
]
