"""``zhifa demo-data``: fill an empty database with the demo city of Shenzhen."""

import time

from django.conf import settings
from django.core.management.base import CommandError

from zhifa.core.commands import ZhifaCommand
from zhifa.org.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from zhifa.org.demo.agencies import DISTRICT_ORDER
from zhifa.org.demo.plan import make_plan
from zhifa.org.demo.writer import write_plan
from zhifa.org.models import Role, Unit, User
from zhifa.org.roles_catalogue import BY_CODE

ACCOUNTS_FILE = "demo-accounts.txt"


def accounts_text(users: dict[str, User]) -> str:
    """The table of demo accounts written to ``<DATA_DIR>/demo-accounts.txt`` and printed."""
    lines = [
        "执法通演示账号（仅用于演示环境）",
        f"统一密码：{DEMO_PASSWORD}",
        "",
        "用户名\t角色\t姓名\t单位\t说明",
    ]
    for account in DEMO_ACCOUNTS:
        user = users[account.username]
        role = BY_CODE[account.role].name
        lines.append("\t".join((account.username, role, user.display_name, user.unit.name, account.note)))
    lines.append("")
    lines.append("其余演示用户的密码相同。")
    if settings.ZHIFA_REQUIRE_ADMIN_TOTP:
        lines.append("单位管理员、司法局管理员、系统管理员登录时需输入动态口令（双因素认证），首次登录按页面提示绑定。")
    else:
        lines.append("本环境已关闭管理员动态口令（ZHIFA_REQUIRE_ADMIN_TOTP=0），所有账号只需用户名和密码；生产环境中"
                     "单位管理员、司法局管理员、系统管理员登录时需输入动态口令。")
    return "\n".join(lines) + "\n"


class Command(ZhifaCommand):
    help = "生成深圳市演示数据：区划、执法机关与司法局、各角色用户、演示账号、通知公告与编号规则（仅限空库）"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="随机种子；相同种子生成相同的姓名与结构")
        parser.add_argument("--if-empty", action="store_true", help="已有单位数据时不做任何事")
        parser.add_argument(
            "--districts", type=int, default=len(DISTRICT_ORDER), help=f"区县数量（2–{len(DISTRICT_ORDER)}，盐田、福田在前）"
        )
        parser.add_argument("--users", type=int, default=500, help="用户总数（含演示账号）")

    def run(self, *args, **options):
        started = time.monotonic()
        if Unit.objects.exists():
            if options["if_empty"]:
                self.stdout.write("已有单位数据，跳过演示数据。")
                return
            raise CommandError("数据库中已有单位数据；演示数据只能写入空库（加 --if-empty 可在有数据时跳过）")
        try:
            plan = make_plan(seed=options["seed"], districts=options["districts"], users=options["users"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        planned = [user.username for user in plan.users]
        taken = sorted(User.objects.filter(username__in=planned).values_list("username", flat=True))
        if taken:
            raise CommandError(f"用户名已被占用：{'、'.join(taken[:10])}；演示数据只能写入空库")
        result = write_plan(plan)
        users = {
            user.username: user
            for user in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).select_related("unit")
        }
        text = accounts_text(users)
        path = settings.DATA_DIR / ACCOUNTS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        elapsed = time.monotonic() - started
        roles = Role.objects.filter(is_builtin=True).count()
        self.stdout.write(
            f"演示数据已生成（种子 {plan.seed}）：区划 {result.regions} 个新增或更新，单位 {result.units} 个，"
            f"用户 {result.users} 名，内置角色 {roles} 个，编号规则 {result.number_rules} 条，"
            f"通知公告 {result.notices} 条；用时 {elapsed:.1f} 秒。"
        )
        self.stdout.write(f"演示账号已写入 {path}：\n")
        self.stdout.write(text)
