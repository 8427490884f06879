"""Root URL configuration."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from zhifa.core.views.health import health

urlpatterns = [
    path("", include("zhifa.core.urls")),
    path("org/", include("zhifa.org.urls")),
    path("legal/", include("zhifa.legal.urls")),
    path("basedata/", include("zhifa.basedata.urls")),
    path("workflow/", include("zhifa.workflow.urls")),
    path("cases/", include("zhifa.cases.urls")),
    path("documents/", include("zhifa.documents.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", login_required(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("api/org/", include("zhifa.org.api.urls")),
    path("api/basedata/", include("zhifa.basedata.api.urls")),
    path("api/legal/", include("zhifa.legal.api.urls")),
    path("api/workflow/", include("zhifa.workflow.api.urls")),
    path("api/cases/", include("zhifa.cases.api.urls")),
    path("healthz", health, name="health"),
]

handler403 = "zhifa.core.views.errors.permission_denied"
handler404 = "zhifa.core.views.errors.page_not_found"
handler500 = "zhifa.core.views.errors.server_error"
