"""Querysets of business models: the permission gate (``restrict``) and audited bulk writes.

Saving or deleting one instance is audited by the signal handlers of ``zhifa.core.audit_signals``;
``QuerySet.delete()`` sends those signals for every row it deletes. ``bulk_create``, ``update``
(which ``bulk_update`` calls) send no signals, so ``AuditedQuerySet`` writes the audit rows itself:
one per created or changed row, with its before/after values, in the same transaction as the write.
"""

from __future__ import annotations

from django.db import models, transaction

MSG_NO_CONFLICT_OPTIONS = "审计对象的批量新增不能忽略或覆盖冲突行（无法逐行留痕）"

from .gate import restrict_queryset


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can be narrowed to what a user may do (NetBox's ``restrict`` idea).

    When the user's scope is exactly a set of units, ``restrict`` notes it (``unit_partition``:
    the unit lookup and the unit keys) so that the paginator can read a page unit by unit
    (``zhifa.core.paging``). Combining with another queryset by ``|`` forgets the note.
    """

    unit_partition: tuple[str, tuple[int, ...]] | None = None

    def _clone(self):
        clone = super()._clone()
        clone.unit_partition = self.unit_partition
        return clone

    def __or__(self, other):
        return self._forget_units(super().__or__(other))

    def __xor__(self, other):
        return self._forget_units(super().__xor__(other))

    @staticmethod
    def _forget_units(combined):
        combined = combined._chain()  # may be one of the operands itself (an empty one was dropped)
        combined.unit_partition = None
        return combined

    def within_units(self, lookup: str, keys):
        """This queryset, noting that every row lies in one of the units ``keys`` (by ``lookup``)."""
        clone = self._chain()
        clone.unit_partition = (lookup, tuple(sorted(set(keys))))
        return clone

    def restrict(self, user, action: str = "view"):
        """Rows of this queryset on which ``user`` may perform ``action`` (view/add/change/delete).

        Applies the role permission for the action and the union of the data scopes of the roles
        that grant it, plus explicit cross-unit grants. No permission means no rows.
        """
        return restrict_queryset(self, user, action)


class AuditedQuerySet(RestrictedQuerySet):
    """``RestrictedQuerySet`` whose bulk writes reach the audit hash chain row by row.

    ``recorded_by_caller()`` marks a queryset whose caller appends its own audit row for the same
    change in the same transaction (the login counters, audited as login events); it is the only
    way around the per-row rows and is allowed only in the modules listed in
    ``tests/core/test_audit_coverage.py``.
    """

    _caller_records = False

    def _clone(self):
        clone = super()._clone()
        clone._caller_records = self._caller_records
        return clone

    def recorded_by_caller(self):
        """This queryset's bulk writes are audited by the caller (see the class docstring)."""
        clone = self._chain()
        clone._caller_records = True
        return clone

    def bulk_create(self, objs, *args, **kwargs):
        if self._caller_records:
            return super().bulk_create(objs, *args, **kwargs)
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise TypeError(MSG_NO_CONFLICT_OPTIONS)
        from .audit import diff, record_many, snapshot
        from .audit_signals import stamp_creator
        from .models.audit import AuditAction

        objs = list(objs)
        for obj in objs:
            stamp_creator(obj)
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            record_many([(AuditAction.CREATE, obj, diff(None, snapshot(obj))) for obj in created])
        return created

    def update(self, **kwargs):
        if self._caller_records:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            pks = list(self.select_for_update(of=("self",)).values_list("pk", flat=True))
            before = self._snapshots(pks)
            # the queryset's own conditions stay in the UPDATE (e.g. "count >= k" guards)
            rows = self if self.query.can_filter() else self.model._base_manager.using(self.db)
            count = models.QuerySet.update(rows.filter(pk__in=pks), **kwargs)
            self._record_changes(before)
        return count

    update.alters_data = True

    def _snapshots(self, pks) -> dict:
        from .audit import snapshot

        rows = self.model._base_manager.using(self.db).filter(pk__in=pks)
        return {row.pk: snapshot(row) for row in rows}

    def _record_changes(self, before: dict) -> None:
        """One UPDATE row per row whose audited values changed, comparing ``before`` with the database now."""
        from .audit import diff, record_many, snapshot
        from .models.audit import AuditAction

        items = []
        for row in self.model._base_manager.using(self.db).filter(pk__in=list(before)).order_by("pk"):
            changes = diff(before[row.pk], snapshot(row))
            if changes:
                items.append((AuditAction.UPDATE, row, changes))
        record_many(items)


RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)
AuditedManager = models.Manager.from_queryset(AuditedQuerySet)
