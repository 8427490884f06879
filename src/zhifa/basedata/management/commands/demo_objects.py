"""``zhifa demo-objects [--count 20000]``: inspection objects for the demo city (after ``zhifa demo-data``)."""

from __future__ import annotations

import io
import time

from django.core.management.base import CommandError
from django.db import transaction

from zhifa.core.commands import ZhifaCommand
from zhifa.org.choices import RegionLevel, Sector, UnitKind, UnitLevel
from zhifa.org.models import Region, Unit

from ...demo.objects import TRADES, Place, RowFactory, csv_bytes
from ...models.objects import InspectedObject
from ...services.object_import import import_objects

#: How many objects a district unit of each sector supervises, relative to the others.
SECTOR_WEIGHTS = {
    Sector.MARKET_REGULATION: 12,
    Sector.URBAN_MANAGEMENT: 4,
    Sector.ECOLOGY_ENVIRONMENT: 2,
    Sector.EMERGENCY_MANAGEMENT: 2,
    Sector.GENERAL: 1,
}


def demo_owners() -> list[tuple[Unit, list[Place], list, int]]:
    """District agencies and subjects that supervise objects: ``(unit, places, trades, weight)``."""
    owners = []
    units = (
        Unit.objects.filter(level=UnitLevel.DISTRICT, kind__in=[UnitKind.AGENCY, UnitKind.ENFORCEMENT_SUBJECT],
                            region__level=RegionLevel.DISTRICT, is_active=True)
        .select_related("region")
        .order_by("region__code", "path")
    )
    streets: dict[int, list[Region]] = {}
    for unit in units:
        trades = [trade for trade in TRADES if trade.sector == unit.sector]
        weight = SECTOR_WEIGHTS.get(unit.sector, 0)
        if not trades or not weight:
            continue
        district = unit.region
        if district.pk not in streets:
            streets[district.pk] = list(Region.objects.filter(parent=district).order_by("code")) or [district]
        places = [Place(district.code, district.name, street.code, street.name) for street in streets[district.pk]]
        owners.append((unit, places, trades, weight))
    return owners


def shares(total: int, weights: list[int]) -> list[int]:
    """``total`` split by ``weights`` (largest remainder), so the parts add up exactly."""
    quotas = [total * weight / sum(weights) for weight in weights]
    counts = [int(quota) for quota in quotas]
    for index in sorted(range(len(weights)), key=lambda i: counts[i] - quotas[i])[: total - sum(counts)]:
        counts[index] += 1
    return counts


class Command(ZhifaCommand):
    help = "为演示城市生成检查对象（企业、个体工商户和少量个人），分配给各区市场监管、城管、生态环境、应急等执法单位"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=20000, help="检查对象数量（默认 20000）")
        parser.add_argument("--seed", type=int, default=2026, help="随机种子；相同种子生成相同数据")
        parser.add_argument("--if-empty", action="store_true", help="已有检查对象时不做任何事")

    def run(self, *args, **options):
        started = time.monotonic()
        if options["count"] < 1:
            raise CommandError("--count 必须是正整数")
        if InspectedObject.objects.exists():
            if options["if_empty"]:
                self.stdout.write("已有检查对象，跳过演示检查对象。")
                return
            raise CommandError("已有检查对象；演示检查对象只能写入空的检查对象库（加 --if-empty 可在有数据时跳过）")
        owners = demo_owners()
        if not owners:
            raise CommandError("没有找到区级执法单位，请先运行 zhifa demo-data")
        factory = RowFactory(options["seed"])
        created = 0
        with transaction.atomic():
            for (unit, places, trades, _weight), count in zip(owners, shares(options["count"], [o[3] for o in owners])):
                if not count:
                    continue
                data = csv_bytes(factory.row(factory.rng.choice(places), factory.rng.choice(trades)) for _ in range(count))
                outcome = import_objects(handle=io.BytesIO(data), filename=f"演示数据-{unit.name}.csv", unit=unit,
                                         check_scope=False, commit=True)
                if not outcome.ok:
                    first = outcome.errors[0]
                    raise CommandError(f"演示数据有误（{unit.name} 第 {first.row} 行 {first.column}）：{first.message}")
                created += outcome.created
        elapsed = time.monotonic() - started
        self.stdout.write(f"已生成检查对象 {created} 条，分属 {len(owners)} 个区级执法单位；用时 {elapsed:.1f} 秒。")
