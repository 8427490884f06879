"""Pages of the discretion standards: ``/basedata/discretionstandards/…`` (names ``basedata:discretionstandard_*``)."""

from zhifa.core.views.generic import get_model_urls

from ..views import discretion  # noqa: F401  (registers the model views)

urlpatterns = [*get_model_urls("basedata", "discretionstandard")]
