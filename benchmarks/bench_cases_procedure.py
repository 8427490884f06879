"""Benchmark: punishment cases through the whole general procedure (docs/performance.md, "Cases through the general procedure").

Run: ``.venv/bin/python benchmarks/bench_cases_procedure.py [--cases 1000]``

In a throw-away SQLite database — and a throw-away PostgreSQL database when ``DATABASE_URL``
points at a server (``test_<name>`` is created and dropped) — it loads a small demo city (two
districts, 60 users, certificates, objects, the shipped procedures), then registers ``--cases``
一般程序 cases in 盐田区城管局 and drives each from 案件来源登记 to 归档 through every step (法制审核,
集体讨论 and 听证 included) with the demo's stage functions: ``case_register``, then
``workflow.services.approve`` as the person holding each step, each call one committed
transaction; some stages first call other services (the notice served, the hearing arranged,
recorded and reported, the decision, the payment), each its own transaction. It reports p50/p95/p99
per stage (all of the stage's calls) and per approval (each ``approve`` call alone), in wall time
including the commit, and the CPU time of this process (which other load on the machine disturbs
less), the statements each approval sends, and the stored size per case: rows per table and
the growth of the database file (SQLite pages, PostgreSQL ``pg_database_size``) divided by the
number of cases.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def child(vendor: str, cases: int) -> None:
    """Run the benchmark on one database, in its own process."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = False
    # as in production: the test settings re-read the access and legal data tokens on every use (for rolled-back
    # test transactions), which would add a statement per user object to every approval
    settings.ZHIFA_ACCESS_RECHECK_SECONDS = settings.ZHIFA_LEGAL_RECHECK_SECONDS = 1.0
    settings.DATA_DIR = Path(tempfile.mkdtemp(prefix="zhifa-bench-data-"))
    if vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp(prefix="zhifa-bench-")) / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(vendor, cases)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def database_bytes() -> int:
    """Size of the whole database on disk (tables and indexes)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return pages * cursor.fetchone()[0]


def load_city() -> None:
    from django.core.management import call_command

    out = StringIO()
    call_command("demo_data", districts=2, users=60, seed=SEED, stdout=out)
    call_command("demo_officers", stdout=out)
    call_command("demo_objects", count=200, stdout=out)
    call_command("demo_processes", stdout=out)


def timing_approvals(into: list[float], cpu: list[float], statements: dict[str, list[int]]) -> None:
    """Time every ``workflow.services.approve`` call (one approval: one transaction) into ``into``.

    The stage functions reach it through the module attribute, so wrapping that attribute times each
    approval on its own, apart from the other services a stage calls (notice served, hearing held…).
    ``cpu`` gets the CPU time of this process per approval, and ``statements`` the number of SQL
    statements each approval sent (BEGIN and COMMIT, which the two databases send differently, left out), by step name.
    """
    from django.db import connection

    from zhifa.workflow import services

    approve = services.approve

    def timed(**kwargs):
        sent = [0]

        def count(execute, sql, params, many, context):
            sent[0] += not sql.startswith("BEGIN")
            return execute(sql, params, many, context)

        began, began_cpu = time.perf_counter(), time.process_time()
        try:
            with connection.execute_wrapper(count):
                return approve(**kwargs)
        finally:
            into.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
            statements.setdefault(kwargs["item"].step_name, []).append(sent[0])

    services.approve = timed


def run(vendor: str, count: int) -> None:
    from django.utils import timezone

    from zhifa.cases.demo.plan import ARCHIVED, demo_units, make_plans
    from zhifa.cases.demo.stages import ADVANCE, open_stage, register
    from zhifa.cases.models import Case, CaseOfficer, CaseParty
    from zhifa.core.actor import Channel, actor_context
    from zhifa.core.models import AuditEntry, Todo
    from zhifa.workflow.models import ProcessInstance, ProcessState, TimelineEvent, WorkItem

    with actor_context(channel=Channel.CLI):
        load_city()
        today = timezone.localdate()
        units = [unit for unit in demo_units(today) if unit.general]
        plans = [
            replace(plan, fine=Decimal(plan.violation.fine_range[1]), requires_legal_review=True,
                    requires_collective_discussion=True, hearing_right=True, hearing_requested=True)
            for plan in make_plans(units, count, seed=SEED, today=today, places=[ARCHIVED] * count)
        ]
        tables = {"案件": Case, "当事人": CaseParty, "办案人员": CaseOfficer, "流程实例": ProcessInstance,
                  "流程状态": ProcessState, "待办": WorkItem, "时间线": TimelineEvent, "工作台待办": Todo,
                  "审计": AuditEntry}
        rows_before = {name: model.objects.count() for name, model in tables.items()}
        bytes_before = database_bytes()
        approvals: list[float] = []
        approvals_cpu: list[float] = []
        statements: dict[str, list[int]] = {}
        timing_approvals(approvals, approvals_cpu, statements)
        per_step: dict[str, list[float]] = {"register": []}
        cpu: dict[str, list[float]] = {"register": []}
        began_all = time.perf_counter()
        for plan in plans:
            began, began_cpu = time.perf_counter(), time.process_time()
            case = register(plan)
            per_step["register"].append(time.perf_counter() - began)
            cpu["register"].append(time.process_time() - began_cpu)
            while stage := open_stage(case):
                case.refresh_from_db()  # as the demo loader does: the services wrote through their own locked copies
                began, began_cpu = time.perf_counter(), time.process_time()
                ADVANCE[stage](case, plan)
                per_step.setdefault(stage, []).append(time.perf_counter() - began)
                cpu.setdefault(stage, []).append(time.process_time() - began_cpu)
        elapsed = time.perf_counter() - began_all
        unfinished = ProcessInstance.objects.filter(case__isnull=False).exclude(status="completed").count()
        rows = {name: (model.objects.count() - rows_before[name]) / count for name, model in tables.items()}
        states = [len(json.dumps(data)) for data in ProcessState.objects.filter(instance__case__isnull=False).values_list("data", flat=True)]
        grown = database_bytes() - bytes_before

    steps = [t for stage, times in per_step.items() if stage != "register" for t in times]
    steps_cpu = [t for stage, times in cpu.items() if stage != "register" for t in times]
    print(f"\n== {vendor}: {count} 件一般程序案件，登记 → 归档（含法制审核、集体讨论、听证），共 {elapsed:.0f} 秒 ==")
    if unfinished:
        print(f"未走完的案件：{unfinished} 件")
    print("环节（耗时含提交；CPU 为本进程，不含数据库服务器）")
    for stage, times in per_step.items():
        print(f"{stage:22s} n={len(times):5d}  p50 {statistics.median(times) * 1000:6.1f} ms  "
              f"p95 {pct(times, 95) * 1000:6.1f} ms  p99 {pct(times, 99) * 1000:6.1f} ms  "
              f"CPU p50 {statistics.median(cpu[stage]) * 1000:5.1f} ms  p95 {pct(cpu[stage], 95) * 1000:5.1f} ms")
    print(f"全部环节（含该环节的其他服务调用）：p50 {statistics.median(steps) * 1000:.1f} ms，p95 {pct(steps, 95) * 1000:.1f} ms，"
          f"p99 {pct(steps, 99) * 1000:.1f} ms；CPU p50 {statistics.median(steps_cpu) * 1000:.1f} ms，"
          f"p95 {pct(steps_cpu, 95) * 1000:.1f} ms")
    print(f"每次审批（workflow.services.approve，一个事务，{len(approvals)} 次）：p50 {statistics.median(approvals) * 1000:.1f} ms，"
          f"p95 {pct(approvals, 95) * 1000:.1f} ms，p99 {pct(approvals, 99) * 1000:.1f} ms；"
          f"CPU p50 {statistics.median(approvals_cpu) * 1000:.1f} ms，p95 {pct(approvals_cpu, 95) * 1000:.1f} ms")
    print("每次审批的 SQL 语句数（不含 BEGIN/COMMIT，取中位数）：" + "，".join(
        f"{step} {statistics.median(counts):.0f}" for step, counts in statements.items()))
    every = [n for counts in statements.values() for n in counts]
    print(f"每次审批的 SQL 语句数：平均 {statistics.mean(every):.1f}，最多 {max(every)}")
    print(f"机器负载（1/5/15 分钟）：{'、'.join(f'{v:.1f}' for v in os.getloadavg())}")
    print("每件案件的行数：" + "，".join(f"{name} {value:.1f}" for name, value in rows.items()))
    print(f"流程状态（JSON）平均 {statistics.mean(states) / 1024:.1f} KB；数据库增长 {grown / count / 1024:.1f} KB/件"
          f"（含索引{'，含未清理的旧行版本' if vendor == 'postgresql' else ''}）")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    options = parser.parse_args()
    vendors = ["sqlite"] + (["postgresql"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else [])
    for vendor in vendors:
        env = dict(os.environ)
        if vendor == "sqlite":
            env.pop("DATABASE_URL", None)
        subprocess.run([sys.executable, __file__, "--child", vendor, str(options.cases)], env=env, cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
