"""API routes of the base-data context: ``/api/basedata/laws/`` and ``/api/basedata/articles/``."""

from rest_framework.routers import DefaultRouter

from . import views

app_name = "basedata-api"

router = DefaultRouter()
router.register("laws", views.LawViewSet, basename="law")
router.register("articles", views.ArticleViewSet, basename="article")

urlpatterns = router.urls
