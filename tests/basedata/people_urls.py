"""URLs for the tests of the officer and inspection-object screens.

Mounts ``zhifa.basedata.urlparts.officers`` / ``.objects`` under the ``basedata`` namespace and the
two API viewsets under ``basedata-api``, in front of the project's URLs, exactly where the
project mounts them through ``zhifa.basedata.urls`` and ``zhifa.basedata.api.urls``.
"""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from zhifa.basedata.api.objects import InspectedObjectViewSet
from zhifa.basedata.api.officers import OfficerViewSet
from zhifa.basedata.urlparts import objects, officers

router = DefaultRouter()
router.register("officers", OfficerViewSet, basename="officer")
router.register("objects", InspectedObjectViewSet, basename="inspectedobject")

urlpatterns = [
    path("basedata/", include(([*officers.urlpatterns, *objects.urlpatterns], "basedata"))),
    path("api/basedata/", include((router.urls, "basedata-api"))),
    path("", include("zhifa.urls")),
]
