"""Pages of the enforcement elements: ``/basedata/phrases/``, ``checkmodules/``, ``checkitems/``, ``checklists/``."""

from zhifa.core.views.generic import get_model_urls

from ..views import elements  # noqa: F401  (registers the model views)

urlpatterns = [
    *get_model_urls("basedata", "phrase"),
    *get_model_urls("basedata", "checkmodule"),
    *get_model_urls("basedata", "checkitem"),
    *get_model_urls("basedata", "checklist"),
]
