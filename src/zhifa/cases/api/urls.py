"""API routes of the case module: ``/api/cases/cases/``."""

from rest_framework.routers import DefaultRouter

from . import views

app_name = "cases-api"

router = DefaultRouter()
router.register("cases", views.CaseViewSet, basename="case")

urlpatterns = router.urls
