"""Legal rules engine: working-day calendar, periods, thresholds and the rule catalogue.

Every deadline, block and warning of the product comes from here; docs/legal.md lists every rule with its legal basis. The core is pure
Python; the Django parts (models, loader, views, API, commands) live beside it.

    >>> from zhifa.legal import evaluate
    >>> evaluate("payment_deadline", received_on="2026-01-31").as_json()["deadline"]
    '2026-02-24'
"""

from . import rules  # noqa: F401  (registers the catalogue)
from .catalogue import all_rules, get as get_rule
from .engine import Answer, Rules, builtin_rules, current_rules, evaluate
from .errors import RuleError

__all__ = ["Answer", "RuleError", "Rules", "all_rules", "builtin_rules", "current_rules", "evaluate", "get_rule"]
