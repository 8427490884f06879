from django.apps import AppConfig


class OrgConfig(AppConfig):
    """Regions, units, users, roles, data scopes, login (A1–A3)."""

    name = "zhifa.org"
    label = "org"
    verbose_name = "组织与用户"

    def ready(self):
        # Menu entries, and the model services every generic write (page, bulk, import, API) goes
        # through: registered at start-up, not whenever a view happens to import the forms first.
        from . import menu  # noqa: F401
        from .forms import administration  # noqa: F401
