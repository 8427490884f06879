from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zhifa.documents"
    label = "documents"
    verbose_name = "执法文书"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .contexts import case  # noqa: F401  (the case as a document subject, with its context providers)
        from . import case_page  # noqa: F401  (the documents tab and action of the case page)
