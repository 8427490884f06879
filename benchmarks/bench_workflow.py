"""Benchmark of the process engine (docs/performance.md, "Process engine").

Run: ``.venv/bin/python benchmarks/bench_workflow.py [--instances 1000] [--open-tasks 100000]``

In a throw-away SQLite database — and a throw-away PostgreSQL database when ``DATABASE_URL``
points at a server (``test_<name>`` is created and dropped) — it publishes a 12-step procedure,
drives ``--instances`` instances through every step with ``services.approve`` (each call one
committed transaction: lock, workflow load, step, save, work items, todos, timeline, audit), and
reports p50/p95 per step and the stored state per instance. Then it adds ``--open-tasks`` open
work items spread over 1,000 people and times the "my todos" query against a bare indexed query
on the same table (the same ORM, no joins).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = 12
RULES = ["originator", "role:squad_leader", "role:legal_reviewer", "role:leader"]
STAGES = ["filing", "investigation", "investigation_report", "case_review", "legal_review", "collective_discussion",
          "notification", "hearing", "decision", "service", "execution", "closing"]


def procedure_xml() -> str:
    """A straight 12-step procedure, each step with its stage and a role rule."""
    tasks, flows = [], ['<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="s1"/>']
    for n in range(1, STEPS + 1):
        tasks.append(
            f'<bpmn:userTask id="s{n}" name="第{n}步"><bpmn:extensionElements><camunda:properties>'
            f'<camunda:property name="stage" value="{STAGES[n - 1]}"/>'
            f'<camunda:property name="assign" value="{RULES[(n - 1) % len(RULES)]}"/>'
            f'</camunda:properties></bpmn:extensionElements></bpmn:userTask>'
        )
        target = f"s{n + 1}" if n < STEPS else "end"
        flows.append(f'<bpmn:sequenceFlow id="f{n}" sourceRef="s{n}" targetRef="{target}"/>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://zhifa.gov.cn/bpmn">'
        '<bpmn:process id="bench12" name="十二步基准流程" isExecutable="true"><bpmn:startEvent id="start"/>'
        + "".join(tasks) + "".join(flows) + '<bpmn:endEvent id="end"/></bpmn:process></bpmn:definitions>'
    )


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def child(vendor: str, instances: int, open_tasks: int) -> None:
    """Run the benchmark on one database, in its own process."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = False
    if vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp(prefix="zhifa-bench-")) / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run(vendor, instances, open_tasks)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(vendor: str, instances: int, open_tasks: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from tests import factories
    from zhifa.core.actor import Channel, actor_context
    from zhifa.core.scoping import DataScope
    from zhifa.org.models import Role
    from zhifa.workflow import selectors, services
    from zhifa.workflow.models import ProcessState, WorkItem

    with actor_context(channel=Channel.CLI):
        regions = factories.shenzhen_regions()
        unit = factories.unit("盐田区城市管理和综合执法局", regions["yantian"])
        view = ["workflow.view_processinstance"]
        people = {}
        for code in ("officer", "squad_leader", "legal_reviewer", "leader"):
            Role.objects.filter(code=code).delete()
            role = factories.role(view + ["workflow.add_processinstance"], DataScope.UNIT, code=code)
            people[code] = factories.user(unit, roles=[role])
        admin = factories.user(unit, roles=[factories.role(
            ["workflow.add_processversion", "workflow.change_processversion"], DataScope.ALL)])
        version = services.publish_version(version=services.import_model(xml=procedure_xml(), actor=admin), actor=admin)
        per_step = [[] for _ in range(STEPS)]
        starts = []
        for n in range(instances):
            began = time.perf_counter()
            instance = services.start_instance(definition=version.definition, unit=unit, actor=people["officer"], title=f"基准{n}")
            starts.append(time.perf_counter() - began)
            for step in range(STEPS):
                item = WorkItem.objects.filter(instance=instance, status="open").select_related("assignee").first()
                began = time.perf_counter()
                services.approve(item=item, actor=item.assignee, opinion="同意")
                per_step[step].append(time.perf_counter() - began)
        states = [len(json.dumps(s)) for s in ProcessState.objects.values_list("data", flat=True)]
        rows_per_instance = {
            "work items": WorkItem.objects.count() / instances,
        }
    all_steps = [t for step in per_step for t in step]
    print(f"\n== {vendor}: {instances} 个实例 × {STEPS} 步 ==")
    print(f"发起：p50 {statistics.median(starts) * 1000:.1f} ms，p95 {pct(starts, 95) * 1000:.1f} ms")
    for index, times in enumerate(per_step, 1):
        print(f"第{index:2d}步：p50 {statistics.median(times) * 1000:6.1f} ms  p95 {pct(times, 95) * 1000:6.1f} ms")
    print(f"全部步骤：p50 {statistics.median(all_steps) * 1000:.1f} ms，p95 {pct(all_steps, 95) * 1000:.1f} ms，"
          f"p99 {pct(all_steps, 99) * 1000:.1f} ms")
    print(f"每个实例保存的流程状态：平均 {statistics.mean(states) / 1024:.1f} KB（模型另存于版本，每版一份）；"
          f"每实例待办行 {rows_per_instance['work items']:.0f} 条")

    # "My todos" with many open tasks: 1,000 people, ``open_tasks`` open items on the same table (the same ORM, no joins).
    users = [factories.user(unit) for _ in range(1000)]
    template = WorkItem.objects.first()
    now = timezone.now()
    batch = []
    for n in range(open_tasks):
        batch.append(WorkItem(
            instance_id=template.instance_id, task_id=template.task_id, step_id="s1", step_name="第1步",
            assignee=users[n % len(users)], owner=users[n % len(users)], status="open",
            due_at=now + timezone.timedelta(hours=n % 500),
        ))
        if len(batch) == 5000:
            WorkItem.objects.bulk_create(batch)
            batch = []
    WorkItem.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    app, floor = [], []
    for n in range(400):
        user = users[(n * 37) % len(users)]
        began = time.perf_counter()
        list(selectors.my_open_items(user)[:20])
        app.append(time.perf_counter() - began)
        began = time.perf_counter()
        list(WorkItem.objects.filter(assignee_id=user.pk, status__in=("open", "delegated")).order_by("due_at", "id")[:20])
        floor.append(time.perf_counter() - began)
    print(f"我的待办（{open_tasks} 条未办，1,000 人，取前 20 条，400 次）：应用 p50 {statistics.median(app) * 1000:.2f} ms / "
          f"p95 {pct(app, 95) * 1000:.2f} ms；同表裸索引查询（ORM，无关联）p50 {statistics.median(floor) * 1000:.2f} ms / "
          f"p95 {pct(floor, 95) * 1000:.2f} ms；比值 p50 {statistics.median(app) / statistics.median(floor):.2f}×")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=1000)
    parser.add_argument("--open-tasks", type=int, default=100_000)
    options = parser.parse_args()
    vendors = ["sqlite"] + (["postgresql"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else [])
    for vendor in vendors:
        env = dict(os.environ)
        if vendor == "sqlite":
            env.pop("DATABASE_URL", None)
        subprocess.run([sys.executable, __file__, "--child", vendor, str(options.instances), str(options.open_tasks)],
                       env=env, cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
