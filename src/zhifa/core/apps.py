from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Framework layer shared by every module."""

    name = "zhifa.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models import fields
        from django.db.models.signals import post_migrate

        from .form_rendering import BLANK_CHOICE_LABEL

        fields.BLANK_CHOICE_LABEL = BLANK_CHOICE_LABEL  # Django's documented hook for the empty choice
        from . import audit_signals  # noqa: F401  (connects the audit handlers)
        from . import menu  # noqa: F401  (registers the workbench, notification and notice menu entries)
        from . import search_grams_sqlite, sqlite_statistics, usercache
        from .notifications import inbox

        usercache.connect()
        inbox.connect()
        connection_created.connect(search_grams_sqlite.register_functions, dispatch_uid="zhifa_grams")
        post_migrate.connect(sqlite_statistics.after_migrate, sender=self, dispatch_uid="zhifa_sqlite_statistics")
