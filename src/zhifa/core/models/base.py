"""The abstract base model every business model inherits."""

import inspect

from django.conf import settings
from django.db import models
from django.db.models.base import DEFERRED, ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

from ..querysets import AuditedManager
from ..scoping import ScopeSpec


class ZhifaModel(models.Model):
    """Base of every audited, permission-scoped business model.

    Gives creation/update timestamps, the creating user (filled from the actor context), the
    ``restrict`` manager, and the audit trail (every save and delete writes an ``AuditEntry``).
    Subclasses declare ``scope`` to tell the permission gate where the owning unit is, and may set
    ``personal_data = True`` so that reading their detail page is audited too.
    """

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AuditedManager()

    scope = ScopeSpec()
    personal_data = False
    audit_exclude: tuple[str, ...] = ("updated_at",)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        """Django's ``from_db`` without ``Model.__init__`` for a model whose fields only store what they are
        given (``plainly_built``): the row's values go straight into the new object's attributes, as
        ``__init__`` would set them (≈ 12 µs less a row; a list page reads 51, an export thousands).
        Otherwise Django's, except that a row read with ``only()`` or ``defer()`` has its missing fields
        marked from a layout worked out once per query (``with_deferred``)."""
        if plainly_built(cls):
            new = cls.__new__(cls)
            state = ModelState()
            state.adding = False
            state.db = db
            if fetch_mode is not None:
                state.fetch_mode = fetch_mode
            attributes = new.__dict__
            attributes["_state"] = state
            attributes.update(zip(field_names, values))  # a field not read stays missing: deferred
            return new
        if len(values) != len(cls._meta.concrete_fields):
            values = with_deferred(cls, field_names, values)
        return super().from_db(db, field_names, values, fetch_mode=fetch_mode)


PLAIN_ATTRIBUTES = (DeferredAttribute, ForeignKeyDeferredAttribute)
"""The attribute classes of fields whose setting on a new row only stores the value."""

_plain_models: dict[type, bool] = {}
"""Per model: whether ``Model.__init__`` of a row only stores its values (``plainly_built``)."""


def plainly_built(model) -> bool:
    """Whether a row of ``model`` can be built without ``Model.__init__``: the model keeps Django's
    ``__init__`` and ``__setattr__``, nothing listens to ``pre_init`` or ``post_init``, and every concrete
    field's attribute is Django's plain one (setting it stores the value, or also forgets a cached related
    object, which a new row does not have)."""
    if pre_init.receivers or post_init.receivers:
        return False
    plain = _plain_models.get(model)
    if plain is None:
        plain = (
            model.__init__ is models.Model.__init__
            and model.__setattr__ is models.Model.__setattr__
            and all(type(inspect.getattr_static(model, field.attname, None)) in PLAIN_ATTRIBUTES
                    for field in model._meta.concrete_fields)
        )
        _plain_models[model] = plain
    return plain


_layouts: dict[type, tuple[object, tuple[bool, ...]]] = {}
"""Per model: the names last read (the list a query passes for each of its rows) and, per concrete field,
whether it was read."""


def with_deferred(model, field_names, values) -> list:
    """The row ``values`` read for ``field_names`` spread over every concrete field of ``model``, ``DEFERRED``
    where a field was not read. The layout is kept while the same ``field_names`` object comes (a query passes
    one list for all its rows), so it is worked out once per query."""
    layout = _layouts.get(model)
    if layout is None or layout[0] is not field_names:
        read = set(field_names)
        layout = (field_names, tuple(field.attname in read for field in model._meta.concrete_fields))
        _layouts[model] = layout
    row = iter(values)
    return [next(row) if was_read else DEFERRED for was_read in layout[1]]
