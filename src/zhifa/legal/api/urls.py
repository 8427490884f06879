"""API routes of the rules engine (mounted at ``/api/legal/``)."""

from django.urls import path

from .views import EvaluateView, RuleListView

urlpatterns = [
    path("evaluate", EvaluateView.as_view(), name="legal-evaluate"),
    path("rules", RuleListView.as_view(), name="legal-rules"),
]
