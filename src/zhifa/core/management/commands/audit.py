"""``zhifa audit verify``: prove that the audit trail's hash chain is intact."""

from django.core.management.base import CommandError

from zhifa.core.audit import verify_chain
from zhifa.core.commands import ZhifaCommand


class Command(ZhifaCommand):
    """Audit trail tools. ``verify`` walks the whole chain; exit status 1 names the first broken row."""

    help = "审计日志工具。verify：校验审计哈希链，发现篡改时指出第一条异常记录（退出码 1）。"

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        subcommands.add_parser("verify", help="校验审计哈希链是否完整")

    def run(self, *args, **options):
        if options["subcommand"] == "verify":
            self.verify()

    def verify(self) -> None:
        result = verify_chain()
        if result.ok:
            self.stdout.write(self.style.SUCCESS(f"审计链完整，共 {result.checked} 条"))
            return
        row_id = result.broken_id if result.broken_id is not None else "无（记录已不存在）"
        raise CommandError(
            f"审计链已损坏：第一条异常记录 序号 {result.broken_seq}，id {row_id}；原因：{result.reason}。"
            f"此前 {result.checked} 条校验通过。",
            returncode=1,
        )
