"""``zhifa demo-cases [--count 300]``: punishment cases of the demo city at every stage (after ``zhifa demo-processes``)."""

from __future__ import annotations

import time

from django.core.management.base import CommandError
from django.utils import timezone

from zhifa.core.commands import ZhifaCommand
from zhifa.workflow.models import ProcessDefinition
from zhifa.workflow.requirements import Stage

from ...demo.loader import load_demo_cases
from ...demo.plan import ARCHIVED, DECIDED, GENERAL_STAGES, REGISTERED, DemoCasesError
from ...services.cases import GENERAL_PROCEDURE
from ...services.warnings import raise_case_warnings

PLACE_LABELS = {
    **{stage: f"一般程序·{Stage(stage).label}" for stage in GENERAL_STAGES},
    ARCHIVED: "一般程序·已归档", REGISTERED: "简易程序·已登记", DECIDED: "简易程序·已当场决定",
}


class Command(ZhifaCommand):
    help = "为演示城市生成行政处罚案件（市场监管、城市管理、生态环境），分布在一般程序各环节和简易程序；已有的演示案件不会重复生成"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=300, help="演示案件数量（默认 300）")
        parser.add_argument("--seed", type=int, default=2026, help="随机种子；相同种子生成相同数据")

    def run(self, *args, **options):
        started = time.monotonic()
        if options["count"] < 1:
            raise CommandError("--count 必须是正整数")
        if not ProcessDefinition.objects.filter(key=GENERAL_PROCEDURE).exists():
            raise CommandError("尚未发布行政处罚一般程序，请先运行 zhifa demo-processes")
        try:
            result = load_demo_cases(count=options["count"], seed=options["seed"], today=timezone.localdate())
        except DemoCasesError as error:
            raise CommandError(str(error)) from None
        places = "，".join(f"{label} {result.places[place]}" for place, label in PLACE_LABELS.items()
                          if result.places[place])
        # The warnings job runs once now, so that overdue cases show their warnings before the worker's first sweep.
        sweep = raise_case_warnings()
        self.stdout.write(f"已生成演示案件 {result.created} 件（已有 {result.skipped} 件，未重复生成），"
                          f"用时 {time.monotonic() - started:.1f} 秒。{places}。"
                          f"案件预警：新增 {sweep.raised} 条，更新 {sweep.changed} 条，解除 {sweep.cleared} 条。")
