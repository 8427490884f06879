"""Root URL configuration."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from zhifa.core.views.health import health

urlpatterns = [
    path("", include("zhifa.core.urls")),
    path("org/", include("zhifa.org.urls")),
    path("legal/", include("zhifa.legal.urls")),
    path("basedata/", include("zhifa.basedata.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("zhifa.core.api.urls")),
    path("api/legal/", include("zhifa.legal.api.urls")),
    path("healthz", health, name="health"),
]

handler403 = "zhifa.core.views.errors.permission_denied"
handler404 = "zhifa.core.views.errors.page_not_found"
handler500 = "zhifa.core.views.errors.server_error"
