"""Pages of the organisation context: login and administration screens."""

from django.urls import include, path

from zhifa.core.views.generic import get_model_urls

from . import views  # noqa: F401  (registers the model views)

app_name = "org"

urlpatterns = [
    path("", include("zhifa.org.auth.urls")),
    *get_model_urls("org", "region"),
    *get_model_urls("org", "unit"),
    *get_model_urls("org", "user"),
    *get_model_urls("org", "role"),
    *get_model_urls("org", "scopegrant", prefix="scope-grants/"),
]
