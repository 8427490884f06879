from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zhifa.cases"
    label = "cases"
    verbose_name = "案件办理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import guards  # noqa: F401  (registers the legal guards on the engine's stage codes)
        from . import actions_core  # noqa: F401  (the record and procedure actions and tabs of the case page)
        from . import actions_execution, execution_guards  # noqa: F401  (execution, remedies, warnings)
        from . import case_page_base, menu, workbench  # noqa: F401  (base tabs and actions, menu, figures)
        from . import search_text

        search_text.connect()  # a party renamed in the objects library: its cases' search text follows
