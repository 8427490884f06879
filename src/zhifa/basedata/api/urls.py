"""API routes of the base-data context: ``/api/basedata/laws/`` and ``/api/basedata/articles/``."""

from rest_framework.routers import DefaultRouter

from . import objects, officers, views

app_name = "basedata-api"

router = DefaultRouter()
router.register("laws", views.LawViewSet, basename="law")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("officers", officers.OfficerViewSet, basename="officer")
router.register("objects", objects.InspectedObjectViewSet, basename="inspectedobject")

urlpatterns = router.urls
