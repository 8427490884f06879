"""Demo enforcement elements per agency sector, and about sixty days of received record batches."""

from __future__ import annotations

import datetime as dt
import random

from zhifa.org.choices import Sector

from ..models.elements import (
    AnswerType,
    CheckItem,
    Checklist,
    ChecklistItem,
    CheckModule,
    DocumentField,
    Phrase,
)
from ..models.records import RecordKind
from ..services.records import record_batch_receive

PHRASES = {
    DocumentField.FACTS: ("经查，当事人未取得相关许可擅自从事经营活动", "当事人在检查中未能提供相关证明材料"),
    DocumentField.INVESTIGATION: ("执法人员出示执法证件，表明身份，告知当事人陈述申辩权利", "现场制作检查笔录，当事人签字确认"),
    DocumentField.OPINION: ("建议责令当事人限期改正", "建议依法给予警告"),
    DocumentField.CHECK_RESULT: ("现场检查未发现违法行为", "发现问题，已当场责令整改"),
}

# sector → (module name, [(content, answer type, photo required)])
MODULES = {
    Sector.MARKET_REGULATION: [
        ("证照公示", [("是否在显著位置公示营业执照", AnswerType.YES_NO_NA, False),
                      ("是否公示食品经营许可证", AnswerType.YES_NO_NA, True)]),
        ("食品贮存", [("冷藏设施温度（℃）", AnswerType.VALUE, False),
                      ("贮存场所现场照片", AnswerType.PHOTO, True)]),
    ],
    Sector.URBAN_MANAGEMENT: [
        ("市容秩序", [("是否存在占道经营", AnswerType.YES_NO_NA, True),
                      ("店外堆放物品面积（㎡）", AnswerType.VALUE, False)]),
        ("户外广告", [("户外广告是否经审批", AnswerType.YES_NO_NA, False)]),
    ],
    Sector.ECOLOGY_ENVIRONMENT: [
        ("排污管理", [("是否持有排污许可证", AnswerType.YES_NO_NA, False),
                      ("排放口现场照片", AnswerType.PHOTO, True)]),
    ],
}
GENERAL_MODULES = [("通用检查", [("经营场所是否与登记一致", AnswerType.YES_NO_NA, False),
                                  ("现场情况照片", AnswerType.PHOTO, True)])]

SOURCE_SYSTEMS = {RecordKind.INSPECTION: "双随机监管系统", RecordKind.PUNISHMENT: "行政处罚办案系统",
                  RecordKind.COERCION: "行政强制系统", RecordKind.PERMIT: "行政许可审批系统"}


def demo_elements(unit) -> dict:
    """Phrases, check modules with items and one checklist of all items for ``unit``'s sector."""
    phrases = [
        Phrase.objects.create(unit=unit, field_key=field, text=text, order=order)
        for field, texts in PHRASES.items() for order, text in enumerate(texts, start=1)
    ]
    sector = unit.sector if unit.sector in MODULES else Sector.GENERAL
    items = []
    for name, contents in MODULES.get(sector, GENERAL_MODULES):
        module = CheckModule.objects.create(unit=unit, name=name, sector=sector)
        for order, (content, answer_type, photo) in enumerate(contents, start=1):
            items.append(CheckItem.objects.create(module=module, content=content, answer_type=answer_type,
                                                  photo_required=photo, order=order))
    checklist = Checklist.objects.create(unit=unit, name=f"{Sector(sector).label}日常检查单", sector=sector)
    for order, item in enumerate(items, start=1):
        ChecklistItem.objects.create(checklist=checklist, item=item, order=order)
    return {"phrases": len(phrases), "items": len(items)}


def demo_record(kind: str, serial: int, day: dt.date, rng: random.Random) -> dict:
    """One received record of ``kind``; about one in twenty lacks its date (to show validation errors)."""
    date = "" if rng.random() < 0.05 else day.isoformat()
    record = {"record_id": f"{kind[:2].upper()}{serial:06d}", "object_name": f"演示经营户{serial % 500:03d}"}
    record.update({
        RecordKind.INSPECTION: {"inspected_on": date},
        RecordKind.PUNISHMENT: {"decision_number": f"罚字〔{day.year}〕{serial}号", "decided_on": date},
        RecordKind.COERCION: {"measure": "查封场所、设施或者财物", "started_on": date},
        RecordKind.PERMIT: {"permit_number": f"许{serial:08d}", "issued_on": date},
    }[kind])
    return record


def demo_batches(units, *, today: dt.date, days: int = 60, seed: int = 2026) -> int:
    """Daily batches of each kind from each unit over ``days`` days (workdays busier); returns the count."""
    rng = random.Random(seed)
    serial = 0
    count = 0
    for offset in range(days, 0, -1):
        day = today - dt.timedelta(days=offset - 1)
        for unit in units:
            for kind in RecordKind.values:
                if rng.random() < (0.3 if day.weekday() >= 5 else 0.8):
                    size = rng.randint(1, 25)
                    records = []
                    for _ in range(size):
                        serial += 1
                        records.append(demo_record(kind, serial, day, rng))
                    received = dt.datetime.combine(day, dt.time(rng.randint(8, 20), rng.randint(0, 59)),
                                                   tzinfo=dt.UTC)
                    record_batch_receive(source_unit=unit, source_system=SOURCE_SYSTEMS[kind], kind=kind,
                                         records=records, received_at=received)
                    count += 1
    return count
