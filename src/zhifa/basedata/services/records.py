"""Receiving record batches from other systems (执法全记录库) and the arrival statistics behind the monitor."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from ..models.records import RecordBatch, RecordKind

MSG_NOT_OBJECT = "记录格式错误：应为对象（键值对）"
MSG_MISSING = "缺少必填字段“{label}”"
MSG_BAD_DATE = "“{label}”不是有效日期（应为年-月-日，如 2026-12-06）：{value}"
MSG_BAD_CREDIT_CODE = "统一社会信用代码无效：{value}"
MSG_UNKNOWN_KIND = "记录类型“{kind}”无效，可选：检查、处罚、强制、许可"
MSG_NO_SOURCE_SYSTEM = "来源系统不能为空"

FIELD_LABELS = {
    "record_id": "记录编号",
    "object_name": "当事人名称",
    "credit_code": "统一社会信用代码",
    "inspected_on": "检查日期",
    "decision_number": "决定书文号",
    "decided_on": "决定日期",
    "measure": "强制措施",
    "started_on": "实施日期",
    "permit_number": "许可证号",
    "issued_on": "许可日期",
}

REQUIRED_KEYS = {
    RecordKind.INSPECTION: ("record_id", "object_name", "inspected_on"),
    RecordKind.PUNISHMENT: ("record_id", "object_name", "decision_number", "decided_on"),
    RecordKind.COERCION: ("record_id", "object_name", "measure", "started_on"),
    RecordKind.PERMIT: ("record_id", "object_name", "permit_number", "issued_on"),
}
"""Keys every record of a kind must carry (non-empty); the ``*_on`` keys are dates."""


def record_errors(kind: str, record) -> list[str]:
    """Chinese messages for everything wrong with one received record (empty when it is valid)."""
    if not isinstance(record, dict):
        return [MSG_NOT_OBJECT]
    messages = []
    for key in REQUIRED_KEYS[kind]:
        value = record.get(key)
        if value is None or str(value).strip() == "":
            messages.append(MSG_MISSING.format(key=key, label=FIELD_LABELS[key]))
        elif key.endswith("_on"):
            try:
                dt.date.fromisoformat(str(value).strip())
            except ValueError:
                messages.append(MSG_BAD_DATE.format(key=key, label=FIELD_LABELS[key], value=value))
    code = str(record.get("credit_code") or "").strip()
    if code:
        try:
            uscc.validate(code)
        except StdnumError:
            messages.append(MSG_BAD_CREDIT_CODE.format(value=code))
    return messages


def payload_digest(records: list) -> str:
    """SHA-256 of the records as canonical JSON (sorted keys), identifying the received content."""
    text = json.dumps(records, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_batch_receive(*, source_unit, source_system: str, kind: str, records: list[dict],
                         received_at: dt.datetime | None = None) -> RecordBatch:
    """Validate every record of a received batch and store the batch with its error list.

    A batch is always stored (the monitor must show what arrived, bad rows included); each bad
    record adds ``{"row": n, "message": "…"}`` per problem, ``row`` counting from 1, and the
    batch's ``error_count`` is the number of bad records. An unknown kind or a missing source
    system is refused with ``ValueError`` and nothing is stored.
    """
    if kind not in RecordKind.values:
        raise ValueError(MSG_UNKNOWN_KIND.format(kind=kind))
    if not (source_system or "").strip():
        raise ValueError(MSG_NO_SOURCE_SYSTEM)
    errors = []
    bad_rows = 0
    for row, record in enumerate(records, start=1):
        messages = record_errors(kind, record)
        bad_rows += bool(messages)
        errors.extend({"row": row, "message": message} for message in messages)
    with transaction.atomic():
        batch = RecordBatch(
            source_unit=source_unit, source_system=source_system.strip(), kind=kind,
            received_at=received_at or timezone.now(), record_count=len(records), error_count=bad_rows,
            errors=errors, payload_sha256=payload_digest(records),
        )
        batch.save()
    return batch


def arrivals_by_day(batches) -> list[dict]:
    """Per day, source unit and kind: batches, records and bad records of ``batches`` (a queryset).

    Rows are ``{"day", "source_unit_id", "source_unit", "kind", "batches", "records", "errors"}``,
    ordered by day, source and kind. The caller restricts ``batches`` to the user's scope.
    """
    rows = (
        batches.order_by()
        .annotate(day=TruncDate("received_at"))
        .values("day", "source_unit_id", "source_unit__name", "kind")
        .annotate(batches=Count("id"), records=Sum("record_count"), errors=Sum("error_count"))
        .order_by("day", "source_unit__name", "kind")
    )
    return [
        {"day": row["day"], "source_unit_id": row["source_unit_id"], "source_unit": row["source_unit__name"],
         "kind": row["kind"], "batches": row["batches"], "records": row["records"] or 0,
         "errors": row["errors"] or 0}
        for row in rows
    ]


#: Source units drawn as lines of their own; the rest are summed into one "其他" line.
CHART_TOP_UNITS = 8
OTHERS = "其他{count}个单位"


def arrival_chart(rows: list[dict], start: dt.date, end: dt.date, *, top: int = CHART_TOP_UNITS) -> dict:
    """ECharts data: the records received on each day from start to end, one line for each of the ``top``
    source units that sent the most, and one line summing all the others (every kind of ``rows`` together)."""
    days = [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]
    index = {day.isoformat(): position for position, day in enumerate(days)}
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["source_unit"]] = totals.get(row["source_unit"], 0) + row["records"]
    ranked = sorted(totals, key=lambda unit: (-totals[unit], unit))
    shown = set(ranked[:top])
    others = OTHERS.format(count=len(ranked) - len(shown))
    lines = {name: [0] * len(days) for name in [*ranked[:top], *([others] if len(ranked) > top else [])]}
    for row in rows:
        position = index.get(row["day"].isoformat())
        if position is not None:
            lines[row["source_unit"] if row["source_unit"] in shown else others][position] += row["records"]
    return {"days": list(index), "series": [{"name": name, "data": data} for name, data in lines.items()]}
