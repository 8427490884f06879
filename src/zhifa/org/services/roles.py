"""Services of roles: the rules of deleting one."""

from __future__ import annotations

from ..models import Role

MSG_BUILTIN_ROLE = "内置角色“{role}”不能删除"


def role_delete_refusal(role: Role) -> str:
    """Built-in roles are part of the installation and are never deleted: the reason, or ``""``."""
    return MSG_BUILTIN_ROLE.format(role=role) if role.is_builtin else ""
