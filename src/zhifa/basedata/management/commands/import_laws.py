"""``zhifa import-laws [FOLDER]``: load a folder of law files into the laws library."""

from pathlib import Path

from django.core.management.base import CommandError

from zhifa.core.commands import ZhifaCommand

from ...services.law_import import DATA_FOLDER, LawImportError, import_folder


class Command(ZhifaCommand):
    help = "导入法律法规文件目录（默认：随产品提供的法规库）；已导入的版本按简称与版本日期原地更新"

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=str(DATA_FOLDER), help="法规文件目录（含子目录）")
        parser.add_argument("--force", action="store_true", help="来源文件未变化的版本也重新写入")

    def run(self, *args, **options):
        try:
            report = import_folder(Path(options["folder"]), force=options["force"])
        except LawImportError as error:
            raise CommandError("法规文件有误，未导入任何内容：\n" + "\n".join(error.errors)) from error
        self.stdout.write(
            f"法规 {report.total} 部：新增 {len(report.created)}，更新 {len(report.updated)}，"
            f"未变化 {len(report.unchanged)}；写入条文 {report.articles_written} 条"
        )
