"""``zhifa sync-roles``: create or update the built-in roles from the catalogue."""

from zhifa.core.commands import ZhifaCommand
from zhifa.org.roles_catalogue import sync_builtin_roles


class Command(ZhifaCommand):
    help = "按内置角色目录新建或更新内置角色及其权限（默认保留管理员手工添加的权限）"

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="同时移除目录之外的权限，恢复为目录定义")

    def run(self, *args, **options):
        result = sync_builtin_roles(reset=options["reset"])
        self.stdout.write(
            f"内置角色同步完成：新增 {len(result.created)} 个，更新 {len(result.updated)} 个；"
            f"授予权限 {result.added} 项，移除权限 {result.removed} 项。"
        )
        for code in result.created + result.updated:
            self.stdout.write(f"  {code}")
