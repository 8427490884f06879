"""Inspection objects: registration and change with validation, and the counts other modules keep."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from ..models.objects import InspectedObject

MSG_NEGATIVE_COUNT = "计数不能小于0"
MSG_NO_OBJECT = "检查对象（ID {pk}）不存在"
COUNT_FIELDS = {"inspections": "inspections_count", "cases": "cases_count", "complaints": "complaints_count"}


@transaction.atomic
def object_create(*, inspected_object: InspectedObject) -> InspectedObject:
    """Register a new inspection object after checking every field (codes, kind rules, uniqueness)."""
    inspected_object.full_clean()
    inspected_object.save()
    return inspected_object


@transaction.atomic
def object_update(*, inspected_object: InspectedObject) -> InspectedObject:
    """Save a changed inspection object after the same checks as on registration."""
    inspected_object.full_clean()
    inspected_object.save()
    return inspected_object


def object_counts_add(*, inspected_object_id: int, inspections: int = 0, cases: int = 0, complaints: int = 0) -> None:
    """Add to (or, with negative numbers, take from) an object's inspection, case and complaint counts.

    Called by the inspection, case and complaint modules inside their own transaction when a record
    about the object is created or removed; one ``UPDATE … SET n = n + k`` so concurrent callers
    never lose a count. A count never goes below zero (``ValidationError``, nothing changed).
    """
    deltas = {COUNT_FIELDS[name]: value for name, value in
              (("inspections", inspections), ("cases", cases), ("complaints", complaints)) if value}
    if not deltas:
        return
    rows = InspectedObject.objects.filter(pk=inspected_object_id)
    for field, value in deltas.items():
        if value < 0:
            rows = rows.filter(**{f"{field}__gte": -value})
    updated = rows.update(**{field: F(field) + value for field, value in deltas.items()})
    if not updated:
        if not InspectedObject.objects.filter(pk=inspected_object_id).exists():
            raise InspectedObject.DoesNotExist(MSG_NO_OBJECT.format(pk=inspected_object_id))
        raise ValidationError(MSG_NEGATIVE_COUNT)
