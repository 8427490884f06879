"""Who may record execution, remedy and warning facts on a case: one check for the page and the service."""

from __future__ import annotations

from zhifa.core.gate import scope_q, scopes_for_permission, unit_model

from ..facts import facts
from ..models import Case

MSG_NO_ACCESS = "您没有{what}的权限"


def _gate_action(permission: str) -> str:
    action = permission.split(".", 1)[1].split("_", 1)[0]
    return action if action in ("view", "add", "change", "delete") else "change"


def _scopes_reach(actor, scopes: set[str], action: str, unit) -> bool:
    """Whether ``scopes`` (or a grant for ``action``) of ``actor`` reach ``unit``."""
    units = unit_model().objects.filter(pk=unit.pk)
    condition = scope_q(actor, unit_model(), scopes, action)
    return units.exists() if condition is None else units.filter(condition).exists()


def access_refusal(actor, case: Case, permission: str, what: str) -> str:
    """``""`` when ``actor`` may see ``case`` and holds ``permission`` over its unit, else the Chinese reason.

    Permissions held under the same scopes reach the case's unit alike, so a page asking many of them
    (``read_once``) reads each set of scopes once."""
    known = facts(case)
    scopes = scopes_for_permission(actor, permission)
    action = _gate_action(permission)
    reached = bool(scopes) and known.once(("reaches", actor.pk, frozenset(scopes), action),
                                          lambda: _scopes_reach(actor, scopes, action, case.unit))
    if not reached or not known.may(actor, "view"):
        return MSG_NO_ACCESS.format(what=what)
    return ""
