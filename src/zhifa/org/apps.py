from django.apps import AppConfig


class OrgConfig(AppConfig):
    """Regions, units, users, roles, data scopes, login (A1–A3)."""

    name = "zhifa.org"
    label = "org"
    verbose_name = "组织与用户"

    def ready(self):
        from . import menu  # noqa: F401  (menu entries)
