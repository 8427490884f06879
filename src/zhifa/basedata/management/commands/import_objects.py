"""``zhifa import-objects FILE --unit UNIT [--dry-run]``: bulk import of market-registration data."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import CommandError

from zhifa.core.actor import current_actor
from zhifa.core.commands import ZhifaCommand
from zhifa.org.models import Unit

from ...services.object_import import import_objects

SHOWN_ERRORS = 50


def find_unit(text: str) -> Unit:
    """The unit given by ID or by its exact name; ``CommandError`` when there is none or several."""
    text = text.strip()
    units = Unit.objects.filter(pk=int(text)) if text.isdigit() else Unit.objects.filter(name=text)
    found = list(units[:2])
    if not found:
        raise CommandError(f"找不到单位“{text}”（请填写单位ID或完整名称）")
    if len(found) > 1:
        raise CommandError(f"有多个名为“{text}”的单位，请改填单位ID")
    return found[0]


class Command(ZhifaCommand):
    help = (
        "从商事主体登记数据（CSV 或 Excel）批量导入检查对象：先检查每一行，有任何错误则一条都不导入并列出行号和列；"
        "统一社会信用代码已存在的记录原地更新"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV（UTF-8 或 GBK 编码）或 .xlsx 文件，第一行为列名")
        parser.add_argument("--unit", required=True, help="新增记录的管辖单位（单位ID或完整名称）")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入数据库")

    def run(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        unit = find_unit(options["unit"])
        started = time.monotonic()
        with path.open("rb") as handle:
            outcome = import_objects(
                handle=handle, filename=path.name, unit=unit, user=current_actor().resolved_user(), check_scope=False,
                commit=not options["dry_run"],
            )
        elapsed = time.monotonic() - started
        if outcome.ignored_columns:
            self.stdout.write(f"已忽略无法识别的列：{'、'.join(outcome.ignored_columns)}")
        if not outcome.ok:
            lines = [f"第 {e.row} 行" + (f"“{e.column}”" if e.column else "") + f"：{e.message}"
                     for e in outcome.errors[:SHOWN_ERRORS]]
            head = f"文件有 {outcome.error_count} 处错误，没有导入任何数据"
            if len(outcome.errors) > SHOWN_ERRORS:
                head += f"（以下为前 {SHOWN_ERRORS} 处）"
            raise CommandError(head + "：\n" + "\n".join(lines))
        verb = "检查通过（试运行，未写入）：将" if options["dry_run"] else "导入完成："
        self.stdout.write(
            f"{verb}共 {outcome.rows} 行，新增 {outcome.created} 条，更新 {outcome.updated} 条；"
            f"管辖单位 {unit.name}；用时 {elapsed:.1f} 秒"
        )
