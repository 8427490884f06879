"""Services of units: where a unit sits (parent and region), creating and changing it with a version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from zhifa.core.audit import snapshot

from ..authority import is_unlimited
from ..models import Unit, UnitVersion

MSG_PARENT_CYCLE = "上级单位不能是本单位或其下级单位"
MSG_REGION_OUTSIDE_PARENT = "所在区划必须是上级单位所在区划或其下级区划"
MSG_MOVE_OWN_UNIT = "{field}只能由上级调整：您不能调整本单位或上级单位的{field}"
PLACEMENT_FIELDS = {"parent": "上级单位", "region": "所在区划"}


def check_placement(*, unit: Unit, stored: Unit | None, actor) -> None:
    """Where a unit sits (parent and region) is decided from above.

    A unit lies in its parent's region or below it, so that whoever supervises the parent's region
    keeps seeing it. Nobody moves their own unit or a unit above it (to another parent or region):
    that is for the level above, which reaches the unit through a wider scope.
    """
    moved = [name for name in PLACEMENT_FIELDS if stored is None or getattr(stored, f"{name}_id") != getattr(unit, f"{name}_id")]
    if not moved:
        return
    if unit.parent_id and unit.region_id and not unit.region.path.startswith(unit.parent.region.path):
        raise ValidationError({"region": MSG_REGION_OUTSIDE_PARENT})
    if stored is None or is_unlimited(actor) or actor.unit is None or not actor.unit.is_within(stored):
        return
    raise ValidationError({name: MSG_MOVE_OWN_UNIT.format(field=PLACEMENT_FIELDS[name]) for name in moved})


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
    check_placement(unit=unit, stored=None, actor=changed_by)
    unit.save()
    _refresh_paths(unit)
    UnitVersion.objects.create(
        unit=unit, version=1, data=snapshot(unit), reason=reason or "新建", changed_by=changed_by, effective_on=effective_on
    )
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, reason: str, effective_on=None, changed_by=None) -> Unit:
    """Save changes to a unit as a new version (主体变更), moving its subtree if the parent changed.

    ``changed_by`` is the acting user; a change of parent or region must come from above
    (``check_placement``).
    """
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.parent_id and unit.parent.is_within(locked):
        raise ValidationError({"parent": MSG_PARENT_CYCLE})
    unit.version = locked.version + 1
    unit.full_clean(exclude=["path"])
    check_placement(unit=unit, stored=locked, actor=changed_by)
    unit.save()
    _refresh_paths(unit)
    UnitVersion.objects.create(
        unit=unit, version=unit.version, data=snapshot(unit), reason=reason, changed_by=changed_by, effective_on=effective_on
    )
    return unit
