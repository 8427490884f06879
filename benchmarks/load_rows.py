"""Grow any model's table to N rows for benchmarks, by cloning the rows it already has.

Run (on a demo database, never production)::

    ZHIFA_DEMO=1 ZHIFA_DATA_DIR=var/bench [DATABASE_URL=postgres://…] \\
        .venv/bin/python benchmarks/load_rows.py basedata.InspectedObject --rows 1000000

The existing rows (e.g. the demo city's 20,000 objects) are the templates: they are copied in turn
until the table holds ``--rows`` rows, so the spread over units, regions, statuses and names — and
with it the selectivity of every scope and filter — stays that of the demo. Unique text fields get
a fresh serial (``Z…``); one-to-one fields take related rows no row uses yet (load ``org.User``
first, then ``basedata.Officer``); many-to-many links are not copied. Rows are written with
``bulk_create`` in batches (no services, no audit rows: benchmark data only), then the table is
analysed so that the query planner sees its real size.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.base")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402

BATCH = 5000
TEMPLATES = 50_000
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def serial_text(serial: int, width: int) -> str:
    """``Z`` and ``serial`` in base 36, as short as possible but at most ``width`` characters."""
    digits = ""
    while True:
        serial, rest = divmod(serial, 36)
        digits = DIGITS[rest] + digits
        if not serial:
            break
    text = "Z" + digits
    if len(text) > width:
        raise SystemExit(f"序号 {text} 超出字段长度 {width}")
    return text


def unique_fields(model) -> list[models.Field]:
    """Concrete unique fields other than the primary key and one-to-one links."""
    return [
        f for f in model._meta.concrete_fields
        if f.unique and not f.primary_key and not f.is_relation
    ]


def one_to_one_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.is_relation and f.unique]


def free_related_keys(model, field, count: int) -> list:
    """``count`` keys of ``field``'s model that no row of ``model`` refers to yet."""
    used = model._base_manager.values(field.attname)
    keys = list(
        field.related_model._base_manager.exclude(pk__in=used).order_by("pk").values_list("pk", flat=True)[:count]
    )
    if len(keys) < count:
        raise SystemExit(
            f"{field.related_model._meta.label} 只有 {len(keys)} 行未被 {model._meta.label}.{field.name} 使用，"
            f"需要 {count} 行：请先加载它"
        )
    return keys


def clone_rows(model, templates, count: int, start_serial: int):
    """``count`` unsaved instances copied from ``templates`` in turn, unique fields renumbered."""
    uniques = unique_fields(model)
    links = {f.attname: iter(free_related_keys(model, f, count)) for f in one_to_one_fields(model)}
    copied = [f for f in model._meta.concrete_fields if not f.primary_key]
    serials = itertools.count(start_serial)
    for template in itertools.islice(itertools.cycle(templates), count):
        values = {f.attname: getattr(template, f.attname) for f in copied}
        serial = next(serials)
        for field in uniques:
            if values[field.attname] is not None:
                values[field.attname] = serial_text(serial, field.max_length or 30)
        for attname, keys in links.items():
            values[attname] = next(keys)
        yield model(**values)


def analyse(model) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="app_label.ModelName, e.g. basedata.InspectedObject")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows the table should hold")
    options = parser.parse_args()
    if not (settings.DEBUG or settings.DEMO_MODE):
        raise SystemExit("只能在演示或调试环境（ZHIFA_DEMO=1 或 ZHIFA_DEBUG=1）加载基准数据")
    model = apps.get_model(options.model)
    existing = model._base_manager.count()
    missing = options.rows - existing
    if missing <= 0:
        print(f"{model._meta.label} 已有 {existing} 行，无需加载")
        analyse(model)
        return
    templates = list(model._base_manager.order_by("pk")[:TEMPLATES])
    if not templates:
        raise SystemExit(f"{model._meta.label} 没有任何行可作模板：请先加载演示数据")
    start = time.perf_counter()
    last_pk = model._base_manager.order_by("-pk").values_list("pk", flat=True).first() or 0
    rows = clone_rows(model, templates, missing, start_serial=last_pk + 1)
    written = 0
    while batch := list(itertools.islice(rows, BATCH)):
        with transaction.atomic():
            model._base_manager.bulk_create(batch, batch_size=BATCH)
        written += len(batch)
        if written % 100_000 < BATCH:
            print(f"  {written:,} / {missing:,}", flush=True)
    analyse(model)
    elapsed = time.perf_counter() - start
    print(f"{model._meta.label}: {existing:,} → {existing + written:,} 行，用时 {elapsed:.0f} 秒")


if __name__ == "__main__":
    main()
