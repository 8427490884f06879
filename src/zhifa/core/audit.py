"""Writing and verifying the audit trail.

``record`` appends one row under a lock on the chain head, inside the caller's transaction, so
an audit row exists exactly when the change it describes was committed.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .actor import current_actor
from .models.audit import AuditAction, AuditChainHead, AuditEntry

MASKED = "******"
SECRET_FIELDS = {"password", "totp_secret", "key_hash"}


def json_value(value: Any) -> Any:
    """A JSON primitive for a model field value, stable across SQLite and PostgreSQL."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, float, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if hasattr(value, "name"):  # FieldFile
        return value.name or ""
    return str(value)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """Concrete field values of ``instance`` as JSON primitives, secrets masked."""
    excluded = set(getattr(instance, "audit_exclude", ()))
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in excluded:
            continue
        value = field.value_from_object(instance)
        if field.name in SECRET_FIELDS:
            value = MASKED if value else ""
        data[field.attname if not field.is_relation else field.name] = json_value(value)
    return data


def diff(before: dict | None, after: dict | None) -> dict[str, dict[str, Any]]:
    """Fields that differ between two snapshots, as ``{field: {"before": x, "after": y}}``."""
    before = before or {}
    after = after or {}
    changes = {}
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            changes[key] = {"before": before.get(key), "after": after.get(key)}
    return changes


def object_type_of(instance_or_model) -> str:
    meta = instance_or_model._meta
    return f"{meta.app_label}.{meta.model_name}"


@dataclass(frozen=True)
class ObjectRef:
    """What an audit row is about when it is not a model instance (e.g. a failed login name)."""

    object_type: str = ""
    object_id: str = ""
    object_repr: str = ""


def _ref_of(instance: models.Model | ObjectRef | None) -> ObjectRef:
    if isinstance(instance, models.Model):
        return ObjectRef(object_type_of(instance), str(instance.pk or ""), str(instance)[:300])
    return instance or ObjectRef()


def record(
    action: str,
    instance: models.Model | ObjectRef | None = None,
    *,
    changes: dict | None = None,
    message: str = "",
    user=None,
) -> AuditEntry:
    """Append an audit row for ``action`` on ``instance`` by the current actor."""
    return record_many([(action, instance, changes or {})], message=message, user=user)[0]


def record_many(
    items: list[tuple[str, models.Model | ObjectRef | None, dict]], *, message: str = "", user=None
) -> list[AuditEntry]:
    """Append one audit row per ``(action, instance, changes)`` item, in order, under one lock of the chain head.

    Bulk writes (``bulk_create``, ``bulk_update``, ``update``) use it so that every affected row gets
    its own entry without paying one lock round trip per row.
    """
    if not items:
        return []
    actor = current_actor()
    user = user or actor.resolved_user()
    common = {
        "user_id_copy": getattr(user, "pk", None),
        "username": getattr(user, "username", "") if user else "",
        "user_display": (getattr(user, "display_name", "") or getattr(user, "username", "")) if user else "",
        "unit_id_copy": getattr(user, "unit_id", None) if user else None,
        "channel": actor.effective_channel,
        "ip": actor.ip,
        "request_id": actor.request_id,
        "message": message[:500],
    }
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        now = timezone.now().astimezone(dt.timezone.utc)
        entries, seq, prev = [], head.last_seq, head.last_hash
        for action, instance, changes in items:
            ref = _ref_of(instance)
            seq += 1
            entry = AuditEntry(
                seq=seq, timestamp=now, action=action, object_type=ref.object_type, object_id=ref.object_id,
                object_repr=ref.object_repr, changes=changes or {}, prev_hash=prev, **common,
            )
            entry.hash = prev = entry.compute_hash()
            entries.append(entry)
        if len(entries) == 1:
            entries[0].save()
        else:
            AuditEntry.objects.bulk_create(entries, batch_size=500)
        head.last_seq, head.last_hash = seq, prev
        head.save(update_fields=["last_seq", "last_hash"])
    return entries


def bulk_link(model: type[models.Model], field_name: str, pairs: list[tuple[models.Model, int]]) -> None:
    """Add many-to-many links ``(owner, target pk)`` of ``model.field_name`` in bulk, audited.

    ``through.objects.bulk_create`` sends no ``m2m_changed`` signal; this writes the same audit row the
    signal would (``{field: {"added": [...]}}``), one per owner.
    """
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    through.objects.bulk_create([through(**{f"{source}_id": owner.pk, f"{target}_id": pk}) for owner, pk in pairs])
    owners, added = {}, {}
    for owner, pk in pairs:
        owners[owner.pk] = owner
        added.setdefault(owner.pk, []).append(pk)
    record_many([(AuditAction.UPDATE, owners[key], {field_name: {"added": sorted(pks)}}) for key, pks in added.items()])


def record_read(instance: models.Model) -> None:
    """Audit that one record was shown to a person, when its model holds personal data.

    The one rule of every entry point that shows a single record (detail page, API): a model with
    ``personal_data = True`` gets a read row, any other model none.
    """
    if getattr(type(instance), "personal_data", False):
        record(AuditAction.READ, instance)


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a chain verification: ``ok`` or the first broken row and why."""

    ok: bool
    checked: int
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str = ""


def verify_chain(batch_size: int = 5000) -> VerifyResult:
    """Walk the whole chain in order and name the first row whose content or link is wrong."""
    expected_prev = "0" * 64
    expected_seq = 1
    checked = 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=batch_size):
        if entry.seq != expected_seq:
            return VerifyResult(False, checked, entry.seq, entry.pk, f"序号不连续：应为 {expected_seq}，实为 {entry.seq}（有记录被删除）")
        if entry.prev_hash != expected_prev:
            return VerifyResult(False, checked, entry.seq, entry.pk, "前序哈希与上一条记录不符")
        if entry.compute_hash() != entry.hash:
            return VerifyResult(False, checked, entry.seq, entry.pk, "记录内容与哈希不符（记录被改动）")
        expected_prev = entry.hash
        expected_seq += 1
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and (head.last_seq != checked or head.last_hash != expected_prev):
        return VerifyResult(False, checked, head.last_seq, None, "链尾与链头记录不符（末尾记录被删除）")
    return VerifyResult(True, checked)
