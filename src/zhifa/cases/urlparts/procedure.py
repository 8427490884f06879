"""Routes of the procedure actions: ``cases:<action>`` with the case's pk, and ``cases:procedure``."""

from django.urls import path

from ..steps import STEPS
from ..views.procedure import ProcedureActionView, ProcedureView

urlpatterns = [
    path("<int:pk>/procedure/", ProcedureView.as_view(), name="procedure"),
    *(path(f"<int:pk>/procedure/{key}/", ProcedureActionView.as_view(key=key), name=key) for key in STEPS),
]
