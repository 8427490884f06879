"""Pages of the power list: ``/basedata/powers/…`` (names ``basedata:power_*``)."""

from zhifa.core.views.generic import get_model_urls

from ..views import powers  # noqa: F401  (registers the model views)

urlpatterns = [*get_model_urls("basedata", "power")]
