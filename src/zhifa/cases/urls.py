"""Pages of the case module (mounted at ``/cases/``, names ``cases:*``).

Other case modules add their pages in ``urlparts/<module>.py`` (a ``urlpatterns`` list) and one
line below.
"""

from django.urls import path

from zhifa.core.views.generic import get_model_urls

from .urlparts import execution, procedure
from .views import case_page, lists, screens  # noqa: F401  (registers the model views)

app_name = "cases"

urlpatterns = [
    path("<int:pk>/simple-decide/", screens.SimpleDecideView.as_view(), name="case_simple_decide"),
    path("<int:pk>/task/", screens.CaseTaskView.as_view(), name="case_task"),
    *procedure.urlpatterns,
    *execution.urlpatterns,
    *get_model_urls("cases", "case", prefix=""),
]
