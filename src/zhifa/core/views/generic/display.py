"""Readable values of model fields for detail pages: choice labels, related names, 是/否, masking."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch

from zhifa.core import masking
from zhifa.core.audit import SECRET_FIELDS

RECORD_FIELDS = ("created_at", "updated_at", "created_by")


@dataclass(frozen=True)
class FieldRow:
    """One line of a detail card: label, value (text or list of texts) and an optional link."""

    name: str
    label: str
    value: object
    url: str = ""
    many: bool = False


def default_field_names(model) -> list[str]:
    """Editable concrete and many-to-many fields, secrets left out, record fields last."""
    names = []
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if field.primary_key or not field.editable or field.name in SECRET_FIELDS or field.name in RECORD_FIELDS:
            continue
        names.append(field.name)
    return names + [name for name in RECORD_FIELDS if _field(model, name) is not None]


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_row(obj, name: str, user) -> FieldRow:
    """The display row of field (or attribute) ``name`` of ``obj`` as ``user`` may see it."""
    model = type(obj)
    field = _field(model, name)
    if field is None:
        value = getattr(obj, name)
        return FieldRow(name, name, value() if callable(value) else value)
    label = str(field.verbose_name)
    if field.many_to_many:
        return FieldRow(name, label, [str(item) for item in getattr(obj, name).all()], many=True)
    if field.is_relation:
        related = getattr(obj, name)
        return FieldRow(name, label, related, _url_of(related, user))
    if field.choices:
        return FieldRow(name, label, getattr(obj, f"get_{name}_display")())
    value = getattr(obj, field.attname)
    if isinstance(value, bool):
        value = "是" if value else "否"
    return FieldRow(name, label, masking.display(user, obj, name, value))


def _url_of(obj, user) -> str:
    """The related object's page, only when ``user`` may open it (a link must never lead to a 404)."""
    if obj is None or not hasattr(obj, "get_absolute_url"):
        return ""
    manager = type(obj)._default_manager
    if hasattr(manager, "restrict") and not manager.filter(pk=obj.pk).restrict(user, "view").exists():
        return ""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""


def field_rows(obj, names, user) -> list[FieldRow]:
    return [field_row(obj, name, user) for name in names]
