"""Routes of the case module (``cases:``); each module adds its part from ``urlparts``."""

from .urlparts import execution, procedure

app_name = "cases"

urlpatterns = [
    *procedure.urlpatterns,
    *execution.urlpatterns,
]
