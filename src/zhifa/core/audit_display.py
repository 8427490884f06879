"""How audit rows read to people: field labels, choice labels, related objects by name, masked personal data.

``ChangeReader`` turns the stored ``changes`` of a page of audit rows into ``[{field, label, before,
after}]`` for one viewer. Stored values are raw (ids, codes) so the chain stays stable; here ids
become names (one query per related model for the whole page), codes become their Chinese labels,
and personal data goes through ``zhifa.core.masking`` for the object the row is about.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import ForeignObjectRel
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import masking

CHANGE_VERBS = {"added": "新增", "removed": "移除", "cleared": "清空", "created": "新增", "updated": "修改",
                "deleted": "删除"}
"""Keys of a change that is not a before/after pair: many-to-many edits and counts of dependent rows."""
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
DELETED = "（已删除）"


def model_for(object_type: str):
    """The model class named by an audit ``object_type`` such as ``org.unit``, or ``None``."""
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    """Field ``name`` of ``model``, reverse relations included, or ``None``."""
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def forward_field(model, name: str):
    """The field ``name`` of ``model`` as stored in audit rows, or ``None`` (unknown, or a reverse relation)."""
    field = _field(model, name)
    return None if isinstance(field, ForeignObjectRel) else field


def field_label(model, name: str) -> str:
    """The Chinese name of ``name``: the field's, or for dependent rows (an import's ``articles``) their model's."""
    field = _field(model, name)
    if field is None:
        return name
    if isinstance(field, ForeignObjectRel):
        return str(field.related_model._meta.verbose_name_plural)
    return str(field.verbose_name)


def display(value: Any) -> str:
    """A stored before/after value as people read it."""
    if value is None:
        return "—"
    if value == "":
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(display(v) for v in value) or "（无）"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str) and ISO_DATETIME.match(value):
        moment = parse_datetime(value)
        if moment is not None and timezone.is_aware(moment):
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def _values(change) -> list:
    """Every stored value of one field's change (before/after, or the ids of a many-to-many edit)."""
    if not isinstance(change, dict):
        return [change]
    values = []
    for value in change.values():
        values.extend(value if isinstance(value, list) else [value])
    return values


class ChangeReader:
    """Readable change rows of a page of audit rows, for one viewer.

    ``objects`` maps ``(object_type, object_id)`` to the live object a row is about (for masking by
    that object's data scope); rows of objects not given are looked up once per page, and rows of
    deleted objects are masked unless the viewer sees the model unmasked everywhere.
    """

    def __init__(self, user, entries, objects: dict | None = None):
        self.user = user
        self.entries = list(entries)
        self.objects = dict(objects or {})
        self.names: dict = {}
        self.unmasking: dict = {}
        self._load_names()
        self._load_masked_objects()

    def _related_ids(self) -> dict:
        wanted = defaultdict(set)
        for entry in self.entries:
            model = model_for(entry.object_type)
            for name, change in (entry.changes or {}).items():
                field = forward_field(model, name)
                if field is not None and field.is_relation and field.related_model is not None:
                    wanted[field.related_model].update(v for v in _values(change) if v not in (None, ""))
        return wanted

    def _load_names(self) -> None:
        for related, ids in self._related_ids().items():
            try:
                found = related._base_manager.in_bulk(ids)
            except (TypeError, ValueError):
                found = {}
            self.names.update({(related, pk): str(obj) for pk, obj in found.items()})

    def _load_masked_objects(self) -> None:
        missing = defaultdict(set)
        for entry in self.entries:
            model = model_for(entry.object_type)
            key = (entry.object_type, entry.object_id)
            if model is None or key in self.objects or not entry.object_id:
                continue
            if set(masking.masked_fields(model)) & set(entry.changes or {}):
                missing[model].add(entry.object_id)
        for model, ids in missing.items():
            label = f"{model._meta.app_label}.{model._meta.model_name}"
            try:
                found = model._base_manager.in_bulk([model._meta.pk.to_python(pk) for pk in ids])
            except ValidationError:  # an id the model's key cannot hold: no such object
                found = {}
            self.objects.update({(label, str(pk)): obj for pk, obj in found.items()})

    def value(self, entry, model, name: str, value) -> str:
        """One stored value of field ``name`` as the viewer may read it."""
        field = forward_field(model, name)
        if value is None or value == "" or field is None:
            return display(value)
        if isinstance(value, list):
            return "、".join(self.value(entry, model, name, v) for v in value) or "（无）"
        if field.is_relation and field.related_model is not None:
            return self.names.get((field.related_model, value), DELETED)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if name in masking.masked_fields(model):
            if model not in self.unmasking:
                self.unmasking[model] = masking.Unmasking(self.user, model)
            obj = self.objects.get((entry.object_type, entry.object_id))
            return display(self.unmasking[model].value(obj, name, value))
        return display(value)

    def rows(self, entry) -> list[dict[str, str]]:
        """The row's ``changes`` as ``[{field, label, before, after}]`` (many-to-many edits and counts in ``after``)."""
        model = model_for(entry.object_type)
        rows = []
        for name, change in sorted((entry.changes or {}).items()):
            row = {"field": name, "label": field_label(model, name), "before": "", "after": ""}
            if isinstance(change, dict) and ({"before", "after"} & change.keys()):
                row["before"] = self.value(entry, model, name, change.get("before"))
                row["after"] = self.value(entry, model, name, change.get("after"))
            elif isinstance(change, dict):
                row["after"] = "；".join(
                    f"{CHANGE_VERBS.get(verb, verb)}：{self.value(entry, model, name, v)}" for verb, v in change.items()
                )
            else:
                row["after"] = self.value(entry, model, name, change)
            rows.append(row)
        return rows
