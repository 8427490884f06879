"""``zhifa legal-calendar``: maintain the working-day calendar.

- ``seed [--year 2026 …] [--replace]`` copies chinese-calendar data for years not yet in the table;
- ``import FILE [--dry-run]`` replaces the years in a State Council schedule table (CSV or XLSX
  with columns date,kind,name; kind holiday/workday or 休/班), all or nothing;
- ``export YEAR`` prints a year's rows as CSV in the import format.
"""

import csv
from pathlib import Path

from django.core.management.base import CommandError

from zhifa.core.commands import ZhifaCommand

from ...models import CalendarDay
from ...services import CalendarImportError, import_calendar, read_table, seed_calendar


class Command(ZhifaCommand):
    help = "维护节假日安排：seed（从数据包写入）、import 文件（导入国务院安排）、export 年份"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        seed = sub.add_parser("seed", help="从 chinese-calendar 数据包写入尚未录入的年份")
        seed.add_argument("--year", type=int, action="append", dest="years", help="只处理该年份（可重复）")
        seed.add_argument("--replace", action="store_true", help="覆盖已有年份（会丢失手工修改）")
        imp = sub.add_parser("import", help="导入 CSV/XLSX（列：date,kind,name）")
        imp.add_argument("path")
        imp.add_argument("--dry-run", action="store_true", help="只检查，不写入")
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
                summary = import_calendar(read_table(path.read_bytes(), path.name), dry_run=options["dry_run"])
            except CalendarImportError as error:
                for problem in error.problems:
                    self.stderr.write(str(problem))
                raise CommandError(f"导入失败：共 {len(error.problems)} 处错误，未导入任何数据") from None
            verb = "检查通过" if options["dry_run"] else "已导入"
            self.stdout.write(
                f"{verb}：{'、'.join(map(str, summary.years))}年，节假日{summary.holidays}天，调休上班日{summary.workdays}天"
            )
        else:
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(["date", "kind", "name"])
            for day in CalendarDay.objects.filter(date__year=options["year"]).order_by("date"):
                writer.writerow([day.date.isoformat(), day.kind, day.name])
