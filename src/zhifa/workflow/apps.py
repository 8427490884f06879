from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "zhifa.workflow"
    label = "workflow"
    verbose_name = "流程引擎"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import menu  # noqa: F401  (registers the menu entries)
