"""``zhifa legal-calendar``: maintain the working-day calendar.

- ``seed [--year 2026 …] [--replace]`` copies chinese-calendar data for years not yet in the table;
- ``import FILE [--year 2023 …] [--force] [--partial] [--dry-run]`` replaces the declared years with a
  State Council schedule table (CSV or XLSX with columns date,kind,name; kind holiday/workday or 休/班),
  all or nothing; dates in other years need ``--force`` and touch only those dates;
- ``complete YEAR [--undo]`` marks a year's schedule complete (or not);
- ``export YEAR`` prints a year's rows as CSV in the import format.
"""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from zhifa.core.commands import ZhifaCommand

from ...models import CalendarDay
from ...services import (
    CalendarImportError,
    describe_import,
    import_calendar,
    read_table,
    seed_calendar,
    set_year_complete,
)


class Command(ZhifaCommand):
    help = "维护节假日安排：seed（从数据包写入）、import 文件（导入国务院安排）、complete 年份（标记完整）、export 年份"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        seed = sub.add_parser("seed", help="从 chinese-calendar 数据包写入尚未录入的年份")
        seed.add_argument("--year", type=int, action="append", dest="years", help="只处理该年份（可重复）")
        seed.add_argument("--replace", action="store_true", help="覆盖已有年份（会丢失手工修改）")
        imp = sub.add_parser("import", help="导入 CSV/XLSX（列：date,kind,name）")
        imp.add_argument("path")
        imp.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        imp.add_argument("--year", type=int, action="append", dest="years",
                         help="本文件的年份（可重复；默认为有1月8日至12月24日之间日期的年份）")
        imp.add_argument("--force", action="store_true", help="允许写入其他年份的日期（只写这些日期，该年其他日期不变）")
        imp.add_argument("--partial", action="store_true", help="本文件只是该年部分安排（该年仍提示未录入）")
        done = sub.add_parser("complete", help="标记某年安排已完整录入")
        done.add_argument("year", type=int)
        done.add_argument("--undo", action="store_true", help="改为标记为未完整")
        exp = sub.add_parser("export", help="以导入格式输出某年的安排")
        exp.add_argument("year", type=int)

    def run(self, *args, **options):
        action = options["action"]
        if action == "seed":
            years = seed_calendar(years=options["years"], replace=options["replace"])
            self.stdout.write(f"已写入年份：{'、'.join(map(str, years))}" if years else "没有需要写入的年份")
        elif action == "import":
            path = Path(options["path"])
            if not path.exists():
                raise CommandError(f"文件不存在：{path}")
            try:
                summary = import_calendar(
                    read_table(path.read_bytes(), path.name), years=options["years"], force=options["force"],
                    complete=not options["partial"], dry_run=options["dry_run"],
                )
            except CalendarImportError as error:
                for problem in error.problems:
                    self.stderr.write(str(problem))
                raise CommandError(f"导入失败：共 {len(error.problems)} 处错误，未导入任何数据") from None
            except ValidationError as error:
                raise CommandError(f"未导入：{'；'.join(error.messages)}") from None
            self.stdout.write(describe_import(summary, dry_run=options["dry_run"]))
        elif action == "complete":
            try:
                row = set_year_complete(year=options["year"], complete=not options["undo"])
            except ValidationError as error:
                raise CommandError("；".join(error.messages)) from None
            self.stdout.write(f"{row.year}年安排已标记为{'完整' if row.complete else '未完整'}")
        else:
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(["date", "kind", "name"])
            for day in CalendarDay.objects.filter(date__year=options["year"]).order_by("date"):
                writer.writerow([day.date.isoformat(), day.kind, day.name])
