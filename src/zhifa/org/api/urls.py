"""API routes of the organisation context: ``/api/org/<resource>/``, names ``org-api:<basename>-list``."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

app_name = "org-api"

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("units", views.UnitViewSet, basename="unit")
router.register("users", views.UserViewSet, basename="user")
router.register("roles", views.RoleViewSet, basename="role")
router.register("scope-grants", views.ScopeGrantViewSet, basename="scopegrant")
urlpatterns = [path("me/", views.MeView.as_view(), name="me"), *router.urls]
