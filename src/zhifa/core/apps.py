from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Framework layer shared by every module."""

    name = "zhifa.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models import fields

        from .form_rendering import BLANK_CHOICE_LABEL

        fields.BLANK_CHOICE_LABEL = BLANK_CHOICE_LABEL  # Django's documented hook for the empty choice
        from . import audit_signals  # noqa: F401  (connects the audit handlers)
        from . import menu  # noqa: F401  (registers the workbench, notification and notice menu entries)
        from . import search_grams_sqlite, usercache
        from .notifications import inbox

        usercache.connect()
        inbox.connect()
        connection_created.connect(search_grams_sqlite.register_functions, dispatch_uid="zhifa_grams")
