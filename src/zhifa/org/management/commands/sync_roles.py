"""``zhifa sync-roles``: make the built-in roles exactly what the catalogue lists, printing each change."""

from django.core.management.base import CommandError

from zhifa.core.commands import ZhifaCommand
from zhifa.org.authority import permission_display
from zhifa.org.roles_catalogue import BY_CODE, UnknownPermission, sync_builtin_roles


class Command(ZhifaCommand):
    help = "按内置角色目录新建或更新内置角色，逐项列出新增和移除的权限（目录之外的权限会被移除）"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要进行的变更，不写入数据库")

    def run(self, *args, **options):
        dry_run = options["dry_run"]
        try:
            result = sync_builtin_roles(dry_run=dry_run)
        except UnknownPermission as exc:
            raise CommandError(str(exc)) from exc
        for code in result.created:
            self.stdout.write(f"新建角色 {BY_CODE[code].name}（{code}）")
        for code in result.updated:
            self.stdout.write(f"更新角色 {BY_CODE[code].name}（{code}）的名称、数据权限或动态口令要求")
        for sign, rows in (("+", result.added), ("-", result.removed)):
            for code, dotted in rows:
                self.stdout.write(f"  {sign} {BY_CODE[code].name}：{permission_display(dotted)}（{dotted}）")
        prefix = "演练（未写入）：" if dry_run else ""
        self.stdout.write(
            f"{prefix}内置角色同步完成：新建 {len(result.created)} 个，更新 {len(result.updated)} 个；"
            f"新增权限 {len(result.added)} 项，移除权限 {len(result.removed)} 项。"
        )
