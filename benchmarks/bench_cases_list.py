"""The case list over a million cases: the app's page against a bare indexed query.

Run on a demo database of your own (``make demo``'s loaders into a private PostgreSQL database, or
SQLite in a private ``ZHIFA_DATA_DIR`` without ``DATABASE_URL``)::

    ZHIFA_DEMO=1 ZHIFA_DATA_DIR=var/bench [DATABASE_URL=postgres://…/i11bench] \\
        .venv/bin/python benchmarks/bench_cases_list.py --load 1000000 [--pairs 30]

``--load N`` first grows ``cases_case`` to N rows (PostgreSQL ``COPY``, SQLite ``executemany``; one
transaction) with one party and one 主办 officer each (``cases_caseparty``, ``cases_caseofficer``),
spread over the agencies that have inspection objects and officers, over three years of
registration dates (written in the order of their creation, as the product writes them) and over
the statuses (benchmark data only: no services, no audit rows, no processes; the search text and the
listed names are then written as the services write them), then analyses the tables.

The cases measured, as a user of the busiest agency with the unit scope (and the first page once per
data scope): the first page, a filtered list (一般程序, 已立案, filed in a date range), the 500th page
(25 rows a page: the agency holds about 18,500 cases; by its number and by page 499's 下一页 link),
a search by cause, one officer's cases, a search by a party's name and the 当事人名称 filter with the
same name (the search text narrows, the parties check). The floor is a bare logged-in view behind the
same middleware that reads the same rows by primary key in one indexed query and writes one cell per
row. Each case runs ``--pairs`` pairs, alternating which goes first; medians and p95 in ms go to
docs/performance.md ("Cases").
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.base")

import bench_lists  # noqa: E402  (sets Django up; its timing helpers are reused)

from django.conf import settings  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.html import escape  # noqa: E402
from django.utils.http import urlencode  # noqa: E402

from zhifa.basedata.models import InspectedObject, Officer  # noqa: E402
from zhifa.cases.models import Case, CaseParty  # noqa: E402
from zhifa.cases.search_text import refresh_texts  # noqa: E402
from zhifa.core.scoping import DataScope  # noqa: E402
from zhifa.core.warmup import warm_up  # noqa: E402
from zhifa.org.models import Unit  # noqa: E402

CAUSES = ("未按规定设置油烟净化设施", "占道经营", "擅自设置户外广告", "违法建设", "乱倒建筑垃圾", "无照经营",
          "未按规定分类投放生活垃圾", "夜间施工噪声扰民", "超标排放污染物", "销售过期食品")
STATUSES = (("registered", 10), ("filed", 45), ("decided", 25), ("closed", 20))
CASES = {
    "first page": {},
    "filtered: 一般程序, 已立案, 2025 立案": {"procedure_type": "general", "status": "filed",
                                      "filed_after": "2025-01-01", "filed_before": "2025-12-31"},
    "page 500 (25 per page)": {"page": 500, "per_page": 25},
    "search q=油烟": {"q": "油烟"},
}


@login_required
def floor(request, label: str):
    """The floor: the rows with the given keys, in one indexed query, one escaped cell each."""
    keys = [int(key) for key in request.GET.get("ids", "").split(",") if key][:bench_lists.FLOOR_LIMIT]
    rows = Case.objects.filter(pk__in=keys).only("number", "cause")
    return HttpResponse("<table>{}</table>".format("".join(f"<tr><td>{escape(str(row))}</td></tr>" for row in rows)))


urlpatterns = [path("bench-floor/<str:label>/", floor), path("", include("zhifa.urls"))]


def _pools() -> list[tuple[int, list[int], list[int]]]:
    """``(unit, objects, officers)`` of every agency that has both (ids only)."""
    objects: dict[int, list[int]] = {}
    for pk, unit in InspectedObject.objects.values_list("pk", "unit_id"):
        objects.setdefault(unit, []).append(pk)
    officers: dict[int, list[int]] = {}
    for pk, unit in Officer.objects.values_list("pk", "user__unit_id"):
        officers.setdefault(unit, []).append(pk)
    return [(unit, objects[unit], officers[unit]) for unit in sorted(objects) if unit in officers]


GIVEN = ("id", "created_at", "updated_at", "unit_id", "number", "procedure_type", "source", "source_note", "cause",
         "facts", "fine_amount", "party_type", "filed_on", "notified_on", "notice_waived", "decided_on", "status")
"""The columns of ``cases_case`` the loader fills with generated values."""


def other_columns() -> dict[str, object]:
    """Every other column of ``cases_case`` with the model's default (blank text, 0, false or NULL)."""
    return {field.column: field.get_db_prep_save(field.get_default(), connection)
            for field in Case._meta.concrete_fields if field.column not in GIVEN}


def generated_rows(first: int, count: int):
    """``count`` benchmark cases from key ``first``: the case rows (``GIVEN`` then ``other_columns()``), and
    each case's party ``(case, object)`` and 主办 officer ``(case, officer)``."""
    pools = _pools()
    prefixes = dict(Unit.objects.filter(pk__in=[p[0] for p in pools]).values_list("pk", "number_prefix"))
    statuses = [status for status, weight in STATUSES for _ in range(weight)]
    rest = tuple(other_columns().values())
    rng, now = random.Random(2026), timezone.now()
    # in the order of their creation, as cases are written: the table (and an index's visibility checks) then
    # follow time, as they do in use
    minutes_ago = sorted((rng.randrange(3 * 365 * 24 * 60) for _ in range(count)), reverse=True)
    cases, parties, officers = [], [], []
    for pk, minutes in zip(range(first, first + count), minutes_ago, strict=True):
        unit, unit_objects, unit_officers = pools[pk % len(pools)]
        created = now - dt.timedelta(minutes=minutes)
        status = rng.choice(statuses)
        filed = created.date() if status != "registered" else None
        number = f"{prefixes[unit] or '深'}立〔{created.year}〕第{pk:07d}号" if filed else ""
        decided = filed + dt.timedelta(days=30) if status in ("decided", "closed") else None
        cases.append((pk, created, created, unit, number, rng.choice(("general", "general", "simple")),
                      "inspection", "", rng.choice(CAUSES), "", rng.randrange(0, 50000), "legal_person",
                      filed, decided, False, decided, status, *rest))
        parties.append((pk, rng.choice(unit_objects)))
        officers.append((pk, rng.choice(unit_officers)))
    return cases, parties, officers


TABLES = {
    "cases_case": ", ".join([*GIVEN, *other_columns()]),
    "cases_caseparty": "created_at, updated_at, case_id, inspected_object_id",
    "cases_caseofficer": "created_at, updated_at, case_id, officer_id, role",
}
"""The loaded tables and the columns the loader writes, in the order of its rows."""


def write_rows(cursor, table: str, rows) -> None:
    """Append ``rows`` to ``table``: PostgreSQL ``COPY``, SQLite ``executemany`` in rounds of 10,000."""
    columns = TABLES[table]
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        return
    marks = ", ".join("%s" for _ in columns.split(", "))
    for start in range(0, len(rows), 10_000):
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                           [tuple(map(_sqlite_value, row)) for row in rows[start:start + 10_000]])


def _sqlite_value(value):
    """``value`` as Django stores it in SQLite (dates and times as text, in UTC)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def load(total: int) -> None:
    """Grow the case tables to ``total`` cases (see the module docstring)."""
    have = Case.objects.count()
    if have >= total:
        print(f"cases_case already holds {have:,} rows")
        return
    start, now = time.perf_counter(), timezone.now()
    first = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    cases, parties, officers = generated_rows(first, total - have)
    with transaction.atomic(), connection.cursor() as cursor:
        write_rows(cursor, "cases_case", cases)
        write_rows(cursor, "cases_caseparty", [(now, now, case, obj) for case, obj in parties])
        write_rows(cursor, "cases_caseofficer", [(now, now, case, officer, "lead") for case, officer in officers])
        for table in TABLES:  # before the update: planned on empty tables' statistics, it reads them row by row
            cursor.execute(f"ANALYZE {table}")
        # what the services write: the search text (number, cause, parties) and the names the list shows
        refresh_texts(Case._base_manager.filter(pk__gte=first))
        cursor.execute("ANALYZE cases_case")
    print(f"loaded {total - have:,} cases in {time.perf_counter() - start:.0f} s; load average {os.getloadavg()}")


def scope_users(unit: Unit) -> dict:
    """The benchmark users (``bench_<scope>``) placed in ``unit``, also reading cases."""
    users = {scope: bench_lists.bench_user(scope, unit) for scope in DataScope.values}
    view_case = Permission.objects.get(content_type__app_label="cases", codename="view_case")
    for user in users.values():
        for role in user.roles.filter(code__startswith="bench_"):
            role.permissions.add(view_case)
    return users


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load", type=int, default=0, help="grow cases_case to this many rows first")
    parser.add_argument("--pairs", type=int, default=30)
    options = parser.parse_args()
    if options.load:
        load(options.load)
    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    warm_up()  # as each worker of `zhifa serve` starts (zhifa.wsgi)
    unit = Unit.objects.get(pk=bench_lists.busiest_unit(bench_lists.ListSpec(Case, "", {}, "unit_id")).pk)
    users = scope_users(unit)
    home = users[DataScope.UNIT].unit  # the benchmark users keep the unit they were first created in
    print(f"# {Case.objects.count():,} cases; busiest unit {unit.name}; users of {home.name}; {options.pairs} pairs; "
          f"load average {os.getloadavg()}")
    print("| list | case | scope | rows shown | queries app / floor | app median / p95 ms | "
          "floor median / p95 ms | p95 ratio |")
    print("|---|---|---|---|---|---|---|---|")
    client = Client()
    client.force_login(users[DataScope.UNIT])
    officer = Officer.objects.filter(unit=home).order_by("pk").first()
    party = CaseParty.objects.filter(case__unit=home).select_related("inspected_object").order_by("pk").first()
    cases = {**CASES, "filter 办案人员 (one officer)": {"officer_id": officer.pk},
             "search by a party's name": {"q": party.inspected_object.name},
             "filter 当事人名称 (a party's name)": {"party_name": party.inspected_object.name}}
    for case, params in cases.items():
        query = urlencode(params)
        bench_lists.print_row("cases", case, "unit", bench_lists.run_case(client, "cases", f"/cases/?{query}",
                                                                          options.pairs))
        if case.startswith("page 500"):
            continued = bench_lists.continued_url(client, f"/cases/?{urlencode({**params, 'page': 499})}")
            bench_lists.print_row("cases", "page 500 from 下一页 (keyset)", "unit",
                                  bench_lists.run_case(client, "cases", continued, options.pairs))
    for scope, user in users.items():
        client = Client()
        client.force_login(user)
        bench_lists.print_row("cases", "first page", scope, bench_lists.run_case(client, "cases", "/cases/",
                                                                                 options.pairs))


if __name__ == "__main__":
    main()
