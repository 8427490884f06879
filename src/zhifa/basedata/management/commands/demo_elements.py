"""``zhifa demo-elements``: phrases, check modules/items/lists per demo agency, and ~60 days of record batches."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from zhifa.core.commands import ZhifaCommand
from zhifa.org.choices import UnitKind, UnitLevel
from zhifa.org.models import Unit

from ...demo.elements import demo_batches, demo_elements
from ...models.elements import Phrase
from ...models.records import RecordBatch


class Command(ZhifaCommand):
    help = "为演示城市的区级执法机关生成常用语、检查模块、检查项和检查单，以及约60天的执法记录接收批次"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="随机种子；相同种子生成相同数据")
        parser.add_argument("--days", type=int, default=60, help="生成多少天的记录批次（默认60）")
        parser.add_argument("--if-empty", action="store_true", help="已有执法要素或记录批次时不做任何事")

    def run(self, *args, **options):
        if Phrase.objects.exists() or RecordBatch.objects.exists():
            if options["if_empty"]:
                self.stdout.write("已有执法要素或记录批次，跳过演示数据。")
                return
            raise CommandError("已有执法要素或记录批次；演示数据只能写入空库（加 --if-empty 可在有数据时跳过）")
        units = list(Unit.objects.filter(level=UnitLevel.DISTRICT, kind=UnitKind.AGENCY).order_by("pk"))
        if not units:
            raise CommandError("没有找到区级执法机关，请先运行 zhifa demo-data")
        with transaction.atomic():
            items = sum(demo_elements(unit)["items"] for unit in units)
            batches = demo_batches(units, today=timezone.localdate(), days=options["days"], seed=options["seed"])
        self.stdout.write(f"已为 {len(units)} 个执法机关生成检查项 {items} 个，记录批次 {batches} 批。")
