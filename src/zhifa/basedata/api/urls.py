"""API routes of the base-data context: ``/api/basedata/<resource>/``, names ``basedata-api:<basename>-list``."""

from rest_framework.routers import DefaultRouter

from . import views

app_name = "basedata-api"

router = DefaultRouter()
router.register("laws", views.LawViewSet, basename="law")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("officers", views.OfficerViewSet, basename="officer")
router.register("objects", views.InspectedObjectViewSet, basename="inspectedobject")
router.register("powers", views.PowerViewSet, basename="power")
router.register("discretion-standards", views.DiscretionStandardViewSet, basename="discretionstandard")
router.register("phrases", views.PhraseViewSet, basename="phrase")
router.register("checkmodules", views.CheckModuleViewSet, basename="checkmodule")
router.register("checkitems", views.CheckItemViewSet, basename="checkitem")
router.register("checklists", views.ChecklistViewSet, basename="checklist")

urlpatterns = router.urls
