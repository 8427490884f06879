"""Pages of execution, remedies and warnings: ``/cases/<pk>/execution/…`` and the 缺项 rules."""

from django.urls import path

from zhifa.core.views.generic import get_model_urls

from ..views import execution as views
from ..views import warning_rules  # noqa: F401  (registers the model views)

ACTION_VIEWS = {
    "execution_open": views.ExecutionOpenView,
    "payment_register": views.PaymentView,
    "arrangement_apply": views.ArrangementApplyView,
    "arrangement_decide": views.ArrangementDecideView,
    "reminder_issue": views.ReminderView,
    "court_apply": views.CourtApplyView,
    "execution_end": views.ExecutionEndView,
    "confiscated_add": views.ConfiscatedView,
    "remedy_register": views.RemedyView,
    "remedy_conclude": views.RemedyConclusionView,
}

urlpatterns = [
    path("<int:pk>/execution/", views.CaseExecutionView.as_view(), name="case_execution"),
    *(path(f"<int:pk>/execution/{name.replace('_', '-')}/", view.as_view(), name=name)
      for name, view in ACTION_VIEWS.items()),
    *get_model_urls("cases", "stagerequirementrule", prefix="requirement-rules/"),
]
