from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zhifa.documents"
    label = "documents"
    verbose_name = "执法文书"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .contexts import case, case_sections  # noqa: F401  (the case as a subject, and its sections)
        from . import requirements  # noqa: F401  (the 文书 requirement of the case warnings' 缺项 rules)
        from . import actions  # noqa: F401  (the documents tab and action of the case page)
