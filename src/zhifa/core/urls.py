"""URLs of the framework layer; each feature keeps its routes in its own module."""

from zhifa.core.urlparts import audit, generic, workbench

app_name = "core"

urlpatterns = [*workbench.urlpatterns, *audit.urlpatterns, *generic.urlpatterns]
