"""Benchmark of the inspection-object import: 100,000 market-registration rows, checked and written.

Run: ``.venv/bin/python benchmarks/bench_object_import.py [--rows 100000] [--format csv|xlsx]``.
The rows are realistic Shenzhen enterprises with valid credit codes (check characters computed with
python-stdnum by ``zhifa.basedata.demo.objects``). The benchmark works in a scratch database that
it creates and deletes: a SQLite file in a temporary directory, or — with ``DATABASE_URL`` set —
a ``test_…`` database next to the configured PostgreSQL one. It times, on the same file:

1. the dry run (every row checked, nothing written),
2. the import into an empty table (every row new),
3. the same import again (every row matched by credit code and updated in place).

The result is reported in docs/performance.md ("Inspection-object import").
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

SCRATCH = Path(tempfile.mkdtemp(prefix="zhifa-bench-"))
os.environ.setdefault("ZHIFA_DEMO", "1")  # DEBUG off, as in production; a local secret key
os.environ.setdefault("ZHIFA_DATA_DIR", str(SCRATCH))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.base")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from zhifa.basedata.models.objects import InspectedObject  # noqa: E402
from zhifa.basedata.demo.objects import TRADES, Place, csv_bytes, rows  # noqa: E402
from zhifa.basedata.services.object_import import import_objects  # noqa: E402
from zhifa.core.actor import Channel, actor_context  # noqa: E402
from zhifa.org.choices import RegionLevel, Sector, UnitKind, UnitLevel  # noqa: E402
from zhifa.org.models import Region, Unit  # noqa: E402
from zhifa.org.services.units import unit_create  # noqa: E402

ENTERPRISE_TRADES = tuple(trade for trade in TRADES if trade.sector != Sector.URBAN_MANAGEMENT)
"""Lines of business whose rows are all enterprises (urban management also yields some individuals)."""
STREETS = (("440308001", "沙头角街道"), ("440308002", "海山街道"), ("440308003", "盐田街道"), ("440308004", "梅沙街道"))


def scratch_database() -> str:
    """Create (and migrate) the scratch database; return its name."""
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(SCRATCH / "bench.sqlite3")
    return connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)


def owner() -> tuple[Unit, list[Place]]:
    """盐田区 with its streets and a district market-regulation branch that owns the imported rows."""
    province = Region.objects.create(code="440000", name="广东省", level=RegionLevel.PROVINCE)
    city = Region.objects.create(code="440300", name="深圳市", level=RegionLevel.CITY, parent=province)
    district = Region.objects.create(code="440308", name="盐田区", level=RegionLevel.DISTRICT, parent=city)
    places = []
    for code, name in STREETS:
        Region.objects.create(code=code, name=name, level=RegionLevel.STREET, parent=district)
        places.append(Place(district.code, district.name, code, name))
    unit = Unit(name="深圳市市场监督管理局盐田监管局", kind=UnitKind.ENFORCEMENT_SUBJECT, level=UnitLevel.DISTRICT,
                sector=Sector.MARKET_REGULATION, region=district)
    return unit_create(unit=unit, reason="基准测试"), places


def xlsx_bytes(records: list[dict]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("商事主体")
    sheet.append(list(records[0]))
    for record in records:
        sheet.append(list(record.values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(label: str, data: bytes, filename: str, unit: Unit, *, commit: bool):
    started = time.perf_counter()
    outcome = import_objects(handle=io.BytesIO(data), filename=filename, unit=unit, check_scope=False, commit=commit)
    elapsed = time.perf_counter() - started
    if not outcome.ok:
        raise SystemExit(f"{label}: 导入失败：{outcome.errors[:3]}")
    print(f"{label:<24} {elapsed:7.2f} s  {outcome.rows / elapsed:9,.0f} 行/秒  "
          f"新增 {outcome.created:,}  更新 {outcome.updated:,}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    name = scratch_database()
    try:
        with actor_context(channel=Channel.CLI):
            unit, places = owner()
            started = time.perf_counter()
            records = list(rows(options.seed, options.rows, places, ENTERPRISE_TRADES))
            data = csv_bytes(records) if options.format == "csv" else xlsx_bytes(records)
            print(f"生成 {options.rows:,} 行（{options.format}，{len(data) / 1e6:.1f} MB）用时 "
                  f"{time.perf_counter() - started:.1f} s（不计入）")
            filename = f"商事主体.{options.format}"
            timed("试运行（只检查）", data, filename, unit, commit=False)
            timed("导入（全部新增）", data, filename, unit, commit=True)
            timed("再次导入（全部更新）", data, filename, unit, commit=True)
            assert InspectedObject.objects.count() == options.rows
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    print(f"数据库 {connection.vendor}；Python {platform.python_version()}；{platform.machine()} × {os.cpu_count()} 核")


if __name__ == "__main__":
    main()
