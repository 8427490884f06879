"""Display masking of personal data in lists, detail pages, exports and the API.

A field is masked by its name, so the same rule holds for every model that stores the datum
(each datum has one field name across all models): ``id_number`` (身份证号) shows only its first six and last four
characters. A model may mask more fields with a class attribute ``masked_fields = {"name": "kind"}``.
Who holds the ``change`` permission of the model sees the full value.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import FieldDoesNotExist


def mask_id_number(value: str) -> str:
    """``440308199001011234`` → ``440308********1234``."""
    value = str(value or "")
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``."""
    value = str(value or "")
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


MASKERS: dict[str, Callable[[str], str]] = {"id_number": mask_id_number, "phone": mask_phone}
"""Mask functions by kind; the kind of a field is its name unless the model says otherwise."""

MASKED_BY_DEFAULT = ("id_number",)


def masked_fields(model) -> dict[str, str]:
    """``{field name: mask kind}`` for ``model``: ``id_number`` plus what the model declares."""
    names = {name: name for name in MASKED_BY_DEFAULT if _has_field(model, name)}
    names.update(getattr(model, "masked_fields", {}) or {})
    return names


def sees_unmasked(user, model) -> bool:
    """Whether ``user`` may read the full values of ``model``.

    A model names the permission that unmasks it in ``unmask_permission`` (e.g.
    ``basedata.view_personal_data``); otherwise its ``change`` permission does.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    meta = model._meta
    permission = getattr(model, "unmask_permission", "") or f"{meta.app_label}.change_{meta.model_name}"
    return user.has_perm(permission)


def masker_for(user, model, field_name: str) -> Callable[[str], str] | None:
    """The mask function to apply to ``field_name`` for ``user``, or None when shown in full."""
    kind = masked_fields(model).get(field_name)
    if kind is None or sees_unmasked(user, model):
        return None
    return MASKERS[kind]


def display(user, model, field_name: str, value):
    """``value`` as ``user`` may see it."""
    masker = masker_for(user, model, field_name)
    if masker is None or value in (None, ""):
        return value
    return masker(value)


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True
