"""Grow any model's table to N rows for benchmarks, by cloning the rows it already has.

Run (on a demo database, never production)::

    ZHIFA_DEMO=1 ZHIFA_DATA_DIR=var/bench [DATABASE_URL=postgres://…] \\
        .venv/bin/python benchmarks/load_rows.py basedata.InspectedObject --rows 1000000

The existing rows (e.g. the demo city's 20,000 objects) are the templates: they are copied in turn
until the table holds ``--rows`` rows, so the spread over units, regions, statuses and names — and
with it the selectivity of every scope and filter — stays that of the demo. Unique text fields get
a fresh serial (``Z`` and a hexadecimal number); one-to-one fields take related rows no row uses
yet (load ``org.User`` first, then ``basedata.Officer``); many-to-many links are not copied.

The copying happens inside the database, one ``INSERT … SELECT`` per round of 50,000 rows (no
services, no audit rows: benchmark data only), then the table is analysed (PostgreSQL: vacuumed
too, so that index-only scans need not visit the table) so that the planner sees its real size.
On SQLite the triggers of a searched table's gram side index (``zhifa.core.search_grams_sqlite``)
index each copied row as it is inserted.
"""

from __future__ import annotations

import argparse
import math
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

TEMPLATES = 50_000
ROUND = 50_000  # rows written per statement
RECOMPUTED = {
    # Columns the application copies from a linked row; a clone gets another linked row, so they are set again.
    "basedata.Officer": "UPDATE basedata_officer SET unit_id = "
                        "(SELECT org_user.unit_id FROM org_user WHERE org_user.id = basedata_officer.user_id)",
}
SERIAL_WIDTH = 8  # "Z" and up to 7 hexadecimal digits: 268 million rows


def unique_fields(model) -> list[models.Field]:
    """Concrete unique fields other than the primary key and one-to-one links."""
    return [
        f for f in model._meta.concrete_fields
        if f.unique and not f.primary_key and not f.is_relation
    ]


def one_to_one_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.is_relation and f.unique]


def serial_sql(number_sql: str) -> str:
    """SQL for ``Z`` followed by ``number_sql`` in upper-case hexadecimal."""
    if connection.vendor == "postgresql":
        return f"'Z' || upper(to_hex({number_sql}))"
    return f"printf('Z%X', {number_sql})"


def insert_round_sql(model, *, templates: int, copies: int, first_serial: int) -> str:
    """``INSERT … SELECT`` copying the first ``templates`` rows ``copies`` times, with ``%s`` for the row count.

    Copy ``c`` of template ``t`` (both 0-based, templates by key) is row ``k = c × templates + t``
    of the round: it gets serial ``first_serial + k`` in its unique fields and the ``k``-th related
    row not used yet in its one-to-one fields.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    uniques = set(unique_fields(model))
    links = one_to_one_fields(model)
    columns, values, joins = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        column = quote(field.column)
        columns.append(column)
        if field in uniques:
            if (field.max_length or SERIAL_WIDTH) < SERIAL_WIDTH:
                raise SystemExit(f"字段 {field.name} 太短，放不下序号")
            values.append(f"CASE WHEN t.{column} IS NULL THEN NULL ELSE {serial_sql(f'{first_serial} + t.k')} END")
        elif field in links:
            alias = f"free_{field.column}"
            related = field.related_model._meta
            related_pk = quote(related.pk.column)
            joins.append(
                f"JOIN (SELECT r.{related_pk} AS key, ROW_NUMBER() OVER (ORDER BY r.{related_pk}) - 1 AS n "
                f"FROM {quote(related.db_table)} r WHERE NOT EXISTS (SELECT 1 FROM {table} u "
                f"WHERE u.{column} = r.{related_pk})) {alias} ON {alias}.n = t.k"
            )
            values.append(f"{alias}.key")
        else:
            values.append(f"t.{column}")
    numbered = f"SELECT *, ROW_NUMBER() OVER (ORDER BY {pk}) - 1 AS n FROM {table} ORDER BY {pk} LIMIT {templates}"
    copy_numbers = " UNION ALL ".join(f"SELECT {copy} AS c" for copy in range(copies))
    templates_sql = f"SELECT tpl.*, c.c * {templates} + tpl.n AS k FROM ({numbered}) tpl, ({copy_numbers}) c"
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} "
        f"FROM ({templates_sql}) t {' '.join(joins)} WHERE t.k < %s"
    )


def analyse(model) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {table}" if connection.vendor == "postgresql" else f"ANALYZE {table}")


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
    templates = min(existing, TEMPLATES)
    if not templates:
        raise SystemExit(f"{model._meta.label} 没有任何行可作模板：请先加载演示数据")
    start = time.perf_counter()
    serial = (model._base_manager.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    written = 0
    copies = math.ceil(ROUND / templates)
    for _round in range(math.ceil(missing / (templates * copies))):
        count = min(templates * copies, missing - written)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(insert_round_sql(model, templates=templates, copies=copies, first_serial=serial), [count])
            if cursor.rowcount != count:
                raise SystemExit(
                    f"只写入了 {cursor.rowcount} 行（应为 {count} 行）：一对一字段的关联表没有足够的未用行，请先加载它"
                )
        written += count
        serial += count
        print(f"  {written:,} / {missing:,}（{time.perf_counter() - start:.0f} 秒）", flush=True)
    if model._meta.label in RECOMPUTED:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(RECOMPUTED[model._meta.label])
    analyse(model)
    elapsed = time.perf_counter() - start
    print(f"{model._meta.label}: {existing:,} → {existing + written:,} 行，用时 {elapsed:.0f} 秒")


if __name__ == "__main__":
    main()
