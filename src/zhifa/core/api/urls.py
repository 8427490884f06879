"""The API root: each app's router is included here."""

from django.urls import include, path

urlpatterns = [
    path("org/", include("zhifa.org.api.urls")),
    path("basedata/", include("zhifa.basedata.api.urls")),
]
