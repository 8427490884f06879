"""Signal handlers that turn every save/delete of an audited model into an audit row.

This is infrastructure, not domain logic: it guarantees that no write escapes the trail, whatever
the entry point. Bulk queryset operations send no signals; ``zhifa.core.querysets.AuditedQuerySet``,
the queryset of every audited model, audits them row by row instead.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from .actor import current_actor
from .audit import diff, record, snapshot
from .models.audit import AuditAction


def is_audited(model) -> bool:
    """Models opt in by being a ``ZhifaModel`` or by setting ``audited = True``.

    A ``ZhifaModel`` whose rows are not records (the workbench's todos) opts out with ``audited = False``.
    """
    from .models.base import ZhifaModel

    return getattr(model, "audited", issubclass(model, ZhifaModel))


def stamp_creator(instance) -> None:
    """Fill ``created_by`` of a new ``ZhifaModel`` instance from the current actor."""
    from .models.base import ZhifaModel

    if isinstance(instance, ZhifaModel) and instance._state.adding and instance.created_by_id is None:
        user = current_actor().resolved_user()
        if user is not None:
            instance.created_by = user


@receiver(pre_save)
def remember_before(sender, instance, raw=False, **kwargs):
    if raw:
        return
    stamp_creator(instance)
    if not is_audited(sender):
        return
    before = None
    if not instance._state.adding and instance.pk is not None:
        old = sender._base_manager.filter(pk=instance.pk).first()
        before = snapshot(old) if old is not None else None
    instance._audit_before = before


@receiver(post_save)
def record_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_audited(sender):
        return
    before = None if created else getattr(instance, "_audit_before", None)
    changes = diff(before, snapshot(instance))
    if not changes and not created:
        return
    record(AuditAction.CREATE if created else AuditAction.UPDATE, instance, changes=changes)


@receiver(post_delete)
def record_delete(sender, instance, **kwargs):
    if not is_audited(sender):
        return
    record(AuditAction.DELETE, instance, changes=diff(snapshot(instance), None))


@receiver(m2m_changed)
def record_m2m(sender, instance, action, model, pk_set, reverse, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or not is_audited(type(instance)):
        return
    field = next(
        (f.name for f in type(instance)._meta.many_to_many if f.remote_field.through is sender), sender.__name__
    )
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    record(AuditAction.UPDATE, instance, changes={field: {verb: sorted(pk_set or [])}})
