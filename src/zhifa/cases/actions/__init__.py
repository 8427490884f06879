"""The case page's parts, one module per topic: its tabs and the actions one may take from it.

Each module registers its ``CaseTab`` and ``CaseAction`` declarations (``zhifa.cases.page``) when
``CasesConfig.ready`` imports this package. An action with a form page names its form and its
service; the one view of ``cases/views/actions.py`` serves them all.
"""

from . import base, decision, execution, hearing, record, remedies, side, warnings  # noqa: F401
