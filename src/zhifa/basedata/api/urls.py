"""API routes of the base-data context: ``/api/basedata/laws/`` and ``/api/basedata/articles/``."""

from rest_framework.routers import DefaultRouter

from . import elements, objects, officers, powers, views

app_name = "basedata-api"

router = DefaultRouter()
router.register("laws", views.LawViewSet, basename="law")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("officers", officers.OfficerViewSet, basename="officer")
router.register("objects", objects.InspectedObjectViewSet, basename="inspectedobject")
router.register("powers", powers.PowerViewSet, basename="power")
router.register("discretion-standards", powers.DiscretionStandardViewSet, basename="discretionstandard")
router.register("phrases", elements.PhraseViewSet, basename="phrase")
router.register("checkmodules", elements.CheckModuleViewSet, basename="checkmodule")
router.register("checkitems", elements.CheckItemViewSet, basename="checkitem")
router.register("checklists", elements.ChecklistViewSet, basename="checklist")

urlpatterns = router.urls
