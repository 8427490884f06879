"""Masking of personal data wherever it is shown: lists, detail pages, exports, the API, the history card.

A field is masked by its name, so the same rule holds for every model that stores the datum:
``id_number`` (身份证号) shows only its first six and last four characters. A model may mask more
fields with a class attribute ``masked_fields = {"name": "kind"}``.

Who sees a row in full is decided per row: the permission that unmasks the model
(``unmask_permission``, else its ``change`` permission) must reach *that row* under its own data
scopes and grants — holding it for one's own unit does not unmask another unit's rows that a wider
view role lets one read. ``display`` (one object) and ``Unmasking`` (many rows of a page, one query)
are the only ways a personal-data value reaches a person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import FieldDoesNotExist

from . import gate


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


def unmask_permission(model) -> str:
    """The permission (``"app.codename"``) whose holders may read ``model``'s masked fields in full."""
    meta = model._meta
    return getattr(model, "unmask_permission", "") or f"{meta.app_label}.change_{meta.model_name}"


class Unmasking:
    """Which rows of ``model`` ``user`` sees unmasked; remembers answers, asks for a page in one query."""

    def __init__(self, user, model):
        self.user = user
        self.model = model
        self.fields = masked_fields(model)
        authenticated = user is not None and getattr(user, "is_authenticated", False)
        permission = unmask_permission(model)
        self.scopes = gate.scopes_for_permission(user, permission) if self.fields and authenticated else set()
        self.everywhere = bool(self.scopes) and gate.scope_q(user, model, self.scopes, "view") is None
        self._known: dict = {}
        self._reached: set | None = None

    def prime(self, rows: Iterable) -> None:
        """Decide for all ``rows`` at once (one query), so that a page costs the same for any length."""
        if not self.scopes or self.everywhere:
            return
        wanted = {row.pk for row in rows if row is not None and row.pk is not None and row.pk not in self._known}
        if not wanted:
            return
        queryset = self.model._default_manager.filter(pk__in=wanted)
        reached = set(gate.restrict_by_permission(queryset, self.user, self.scopes).values_list("pk", flat=True))
        self._known.update({pk: pk in reached for pk in wanted})

    def prime_queryset(self, queryset) -> None:
        """Decide for every row of ``queryset`` in one query (an export of a whole list)."""
        if not self.scopes or self.everywhere:
            return
        rows = self.model._default_manager.filter(pk__in=queryset.order_by().values("pk"))
        self._reached = set(gate.restrict_by_permission(rows, self.user, self.scopes).values_list("pk", flat=True))

    def decided(self, obj) -> bool:
        """Whether ``obj`` needs no further query."""
        return (not self.scopes or self.everywhere or self._reached is not None or obj is None
                or obj.pk in self._known)

    def unmasked(self, obj) -> bool:
        """Whether the unmask permission reaches ``obj`` (``None``: a row that no longer exists)."""
        if not self.scopes:
            return False
        if self.everywhere:
            return True
        if obj is None or obj.pk is None:
            return False
        if self._reached is not None and obj.pk not in self._known:
            return obj.pk in self._reached
        self.prime([obj])
        return self._known[obj.pk]

    def value(self, obj, field_name: str, value):
        """``value`` of ``obj``'s field ``field_name`` as the user may see it."""
        kind = self.fields.get(field_name)
        if kind is None or value in (None, "") or self.unmasked(obj):
            return value
        return MASKERS[kind](value)


def display(user, obj, field_name: str, value, *, model=None):
    """``value`` of ``obj``'s field as ``user`` may see it (``obj=None`` with ``model``: a deleted row)."""
    return Unmasking(user, model or type(obj)).value(obj, field_name, value)


def sees_unmasked(user, obj) -> bool:
    """Whether ``user`` reads ``obj``'s personal data in full."""
    return Unmasking(user, type(obj)).unmasked(obj)


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True
