"""Services of the organisation context: every write with rules goes through here."""

from __future__ import annotations

from django.db import transaction

from zhifa.core.audit import snapshot

from .models import Role, Unit, UnitVersion

MSG_BUILTIN_ROLE = "内置角色“{role}”不能删除"


def _refresh_paths(unit: Unit) -> None:
    """Recompute the materialised path of ``unit`` and of its whole subtree after a move.

    One ``bulk_update``: the audited queryset writes an audit row for every unit whose path changed.
    """
    old_path = unit.path
    new_path = unit.expected_path()
    if old_path == new_path:
        return
    moved = [unit]
    if old_path:
        moved += list(Unit.objects.select_for_update().filter(path__startswith=old_path).exclude(pk=unit.pk))
    for row in moved:
        row.path = new_path + row.path[len(old_path):]
    Unit.objects.bulk_update(moved, ["path"])


@transaction.atomic
def unit_create(*, unit: Unit, reason: str = "", effective_on=None, changed_by=None) -> Unit:
    """Create a unit, place it in the tree and record its first version."""
    unit.full_clean(exclude=["path"])
    unit.save()
    _refresh_paths(unit)
    UnitVersion.objects.create(
        unit=unit, version=1, data=snapshot(unit), reason=reason or "新建", changed_by=changed_by, effective_on=effective_on
    )
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, reason: str, effective_on=None, changed_by=None) -> Unit:
    """Save changes to a unit as a new version (主体变更), moving its subtree if the parent changed."""
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.parent_id and unit.parent.is_within(locked):
        from django.core.exceptions import ValidationError

        raise ValidationError({"parent": "上级单位不能是本单位或其下级单位"})
    unit.version = locked.version + 1
    unit.full_clean(exclude=["path"])
    unit.save()
    _refresh_paths(unit)
    UnitVersion.objects.create(
        unit=unit, version=unit.version, data=snapshot(unit), reason=reason, changed_by=changed_by, effective_on=effective_on
    )
    return unit


def role_delete_refusal(role: Role) -> str:
    """Built-in roles are part of the installation and are never deleted: the reason, or ``""``."""
    return MSG_BUILTIN_ROLE.format(role=role) if role.is_builtin else ""
