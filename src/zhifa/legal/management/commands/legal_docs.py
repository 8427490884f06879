"""``zhifa legal-docs``: write docs/legal.md from the rule catalogue (``--check`` only compares)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from zhifa.core.commands import ZhifaCommand

from ...docs import render_markdown

DEFAULT_PATH = Path(settings.BASE_DIR).parent.parent / "docs" / "legal.md"


class Command(ZhifaCommand):
    help = "根据规则目录生成 docs/legal.md；--check 只检查文件是否为最新"

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(DEFAULT_PATH), help="输出文件（默认 docs/legal.md）")
        parser.add_argument("--check", action="store_true", help="只检查，文件过期时以状态 1 退出")

    def run(self, *args, **options):
        path = Path(options["output"])
        text = render_markdown()
        if options["check"]:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                raise CommandError(f"{path} 与规则目录不一致，请运行 zhifa legal-docs", returncode=1)
            self.stdout.write(f"{path} 是最新的")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"已写入 {path}")
