"""Who may record execution, remedy and warning facts on a case: one check for the page and the service."""

from __future__ import annotations

from zhifa.core.gate import scope_q, scopes_for_permission, unit_model

from ..models import Case

MSG_NO_ACCESS = "您没有{what}的权限"


def reaches(actor, permission: str, unit) -> bool:
    """Whether ``actor`` holds ``permission`` (``app.codename``) with a data scope or grant reaching ``unit``."""
    scopes = scopes_for_permission(actor, permission)
    if not scopes:
        return False
    action = permission.split(".", 1)[1].split("_", 1)[0]
    units = unit_model().objects.filter(pk=unit.pk)
    condition = scope_q(actor, unit_model(), scopes, action if action in ("view", "add", "change", "delete") else "change")
    return units.exists() if condition is None else units.filter(condition).exists()


def access_refusal(actor, case: Case, permission: str, what: str) -> str:
    """``""`` when ``actor`` may see ``case`` and holds ``permission`` over its unit, else the Chinese reason."""
    if not reaches(actor, permission, case.unit) or not Case.objects.filter(pk=case.pk).restrict(actor, "view").exists():
        return MSG_NO_ACCESS.format(what=what)
    return ""
