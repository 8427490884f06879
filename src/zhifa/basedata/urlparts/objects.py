"""Pages of the inspection objects: ``/basedata/objects/…`` (names ``basedata:inspectedobject_*``)."""

from django.urls import path

from zhifa.core.views.generic import get_model_urls

from ..views import objects

urlpatterns = [
    path("objects/search/", objects.InspectedObjectSearchView.as_view(), name="inspectedobject_search"),
    path("objects/overview/", objects.InspectedObjectOverviewView.as_view(), name="inspectedobject_overview"),
    *get_model_urls("basedata", "inspectedobject", prefix="objects/"),
]
