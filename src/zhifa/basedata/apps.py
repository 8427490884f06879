"""Base data: laws library, power list, discretion standards, personnel, inspection objects, elements."""
from django.apps import AppConfig


class BasedataConfig(AppConfig):
    """Base data: laws, powers, discretion standards, officers, inspection objects, elements, records."""

    name = "zhifa.basedata"
    label = "basedata"
    verbose_name = "基础数据"

    def ready(self):
        from . import menu, menu_elements, menu_people, menu_powers, workbench  # noqa: F401  (menus, figures)
        # The model services of generic writes, registered at start-up (see zhifa.org.apps).
        from .forms import laws, objects, officers  # noqa: F401
        from .powers import forms  # noqa: F401
        from .officers import units

        units.connect()
