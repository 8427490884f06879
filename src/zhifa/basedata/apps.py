"""Base data: laws library, power list, discretion standards, personnel, inspection objects, elements."""
from django.apps import AppConfig


class BasedataConfig(AppConfig):
    """Base data: laws, powers, discretion standards, officers, inspection objects, elements, records."""

    name = "zhifa.basedata"
    label = "basedata"
    verbose_name = "基础数据"

    def ready(self):
        from . import menu, workbench  # noqa: F401  (menu entries, workbench figures)
        # The model services of generic writes, registered at start-up (see zhifa.org.apps).
        from .forms import laws, objects, officers, powers  # noqa: F401
        from .services import officer_units

        officer_units.connect()
