from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zhifa.cases"
    label = "cases"
    verbose_name = "案件办理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import guards  # noqa: F401  (registers the legal guards on the engine's stage codes)
        from . import actions  # noqa: F401  (the case page's tabs and actions, one module per topic)
        from . import execution_guards, menu, workbench  # noqa: F401  (结案 guard, menu, figures)
        from . import listed_names, search_text

        search_text.connect()  # a party renamed in the objects library: its cases' search text and names follow
        listed_names.connect()  # a user or officer record renamed: the names of the cases they lead follow
