"""Pages of the officer records: ``/basedata/officers/…`` (names ``basedata:officer_*``)."""

from zhifa.core.views.generic import get_model_urls

from ..views import officers  # noqa: F401  (registers the model views)

urlpatterns = [*get_model_urls("basedata", "officer")]
