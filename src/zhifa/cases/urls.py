"""Pages of the case module (mounted at ``/cases/``)."""

from .urlparts import execution as execution_urls

app_name = "cases"

urlpatterns = [
    *execution_urls.urlpatterns,
]
