"""How the generic views write: through the model's service when it has one, then a scope re-check.

A model whose writes carry rules (e.g. a unit change is versioned with a reason) registers a
``ModelService``; every generic write path — edit, bulk edit, import, API — then calls it instead
of ``form.save()``. After any save, still inside the transaction, ``ensure_in_scope`` checks that
the object is still one the user may act on, so nobody can move a row out of their own reach
(to another unit, say); a violation raises and the transaction rolls back.

Deletes — single, bulk and API — go through ``delete_with_service``: the model's service may refuse
(``delete_refusal``) or delete in its own way (``delete``); the default deletes the locked row, and
the audit trail records it with every value before the delete.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

OUT_OF_SCOPE_MESSAGE = "保存后的记录超出了您的数据权限范围（例如被移到了其他单位），未保存"


class ScopeViolation(ValidationError):
    """The saved object left the user's data scope; the write is rolled back."""

    def __init__(self):
        super().__init__(OUT_OF_SCOPE_MESSAGE, code="out_of_scope")


class DeleteRefused(ValidationError):
    """The model's service refuses to delete this object; nothing is deleted."""


class ModelService(ABC):
    """Adapter between the generic views and a model's service functions.

    Subclasses implement ``create`` and ``update`` (the unsaved or changed instance plus the
    cleaned form data, which also holds the values of ``extra_fields``) and may declare form
    fields the service needs, such as a reason for the change. ``delete_refusal`` and ``delete``
    carry the model's delete rules; the defaults allow every delete and delete the row.
    """

    def extra_fields(self, *, creating: bool) -> dict[str, forms.Field]:
        """Additional form fields for the edit, bulk-edit and import forms."""
        return {}

    @abstractmethod
    def create(self, instance, *, data: dict, user):
        """Save the new ``instance`` and return it."""

    @abstractmethod
    def update(self, instance, *, data: dict, user):
        """Save the changed ``instance`` and return it."""

    def delete_refusal(self, instance, *, user) -> str:
        """Why ``user`` may not delete ``instance`` (a Chinese sentence), or ``""`` when they may."""
        return ""

    def delete(self, instance, *, user) -> None:
        """Delete ``instance`` (called inside the transaction, after ``delete_refusal``)."""
        delete_object(instance=instance, user=user)


_services: dict[type, ModelService] = {}


def register_model_service(model):
    """Class decorator: route generic writes of ``model`` through this ``ModelService`` subclass."""

    def decorator(service_class):
        _services[model] = service_class()
        return service_class

    return decorator


def service_for(model) -> ModelService | None:
    return _services.get(model)


def with_service_fields(form_class, model, *, creating: bool):
    """``form_class`` extended with the fields the model's service asks for (unchanged if none)."""
    service = service_for(model)
    extra = service.extra_fields(creating=creating) if service else {}
    if not extra:
        return form_class
    return type(form_class.__name__, (form_class,), dict(extra))


def ensure_in_scope(obj, user, action: str) -> None:
    """Raise ``ScopeViolation`` unless ``user`` may still ``action`` the saved ``obj``."""
    model = type(obj)
    if not model._default_manager.filter(pk=obj.pk).restrict(user, action).exists():
        raise ScopeViolation()


def save_form(form, *, user, action: str):
    """Save a valid model form through the service (if any), re-check the scope; all in one transaction.

    Raises ``ValidationError`` (from the service or the scope check) after rolling back.
    """
    model = form._meta.model
    service = service_for(model)
    with transaction.atomic():
        if service is None:
            obj = form.save()
        else:
            instance = form.save(commit=False)
            if instance._state.adding:
                obj = service.create(instance, data=form.cleaned_data, user=user)
            else:
                obj = service.update(instance, data=form.cleaned_data, user=user)
            form.instance = obj
            form.save_m2m()
        ensure_in_scope(obj, user, action)
    return obj


def save_changes(obj, values: dict, *, data: dict, user):
    """Apply ``values`` to ``obj`` and save it (bulk edit), through the service when there is one."""
    model = type(obj)
    for name, value in values.items():
        setattr(obj, name, value)
    service = service_for(model)
    with transaction.atomic():
        if service is None:
            unchanged = [f.name for f in model._meta.fields if f.name not in values]
            obj.full_clean(exclude=unchanged)
            obj.save()
        else:
            obj = service.update(obj, data=data, user=user)
        ensure_in_scope(obj, user, "change")
    return obj


def delete_object(*, instance, user) -> None:
    """The generic delete: lock the row, delete it; the audit trail records its values before the delete.

    Raises ``ProtectedError``/``RestrictedError`` when other records still use it.
    """
    with transaction.atomic():
        list(type(instance)._base_manager.select_for_update().filter(pk=instance.pk).values_list("pk", flat=True))
        instance.delete()


def delete_refusal(instance, *, user) -> str:
    """Why the model's service refuses to delete ``instance`` for ``user``, or ``""``."""
    service = service_for(type(instance))
    return service.delete_refusal(instance, user=user) if service else ""


def delete_with_service(instance, *, user) -> None:
    """Every generic delete (page, bulk, API): the model's service, else ``delete_object``, in one transaction.

    Raises ``DeleteRefused`` with the service's reason, or ``ProtectedError``/``RestrictedError``.
    """
    service = service_for(type(instance))
    with transaction.atomic():
        refusal = delete_refusal(instance, user=user)
        if refusal:
            raise DeleteRefused(refusal, code="delete_refused")
        if service is None:
            delete_object(instance=instance, user=user)
        else:
            service.delete(instance, user=user)


def attach_errors(form, exc: ValidationError) -> None:
    """Show a ``ValidationError`` raised while saving on the form, next to the right fields."""
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            target = name if name in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)
