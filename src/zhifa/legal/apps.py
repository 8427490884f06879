from django.apps import AppConfig


class LegalConfig(AppConfig):
    """Legal rules engine: calendar, periods, thresholds, rule catalogue."""

    name = "zhifa.legal"
    label = "legal"
    verbose_name = "法律规则"

    def ready(self):
        from . import engine, loader, menu  # noqa: F401  (signal handlers and menu entries)

        engine.set_provider(loader.database_rules)
