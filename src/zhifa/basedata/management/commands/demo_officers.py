"""``zhifa demo-officers``: enforcement certificates for the demo city's officers (after ``zhifa demo-data``)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from zhifa.core.commands import ZhifaCommand
from zhifa.org.demo.accounts import DEMO_ACCOUNTS
from zhifa.org.models import User

from ...demo.officers import ENFORCING_ROLES, demo_officers
from ...models.officers import Officer
from ...services.officers import officer_create


class Command(ZhifaCommand):
    help = "为演示城市中的执法人员、中队长和法制审核人员登记执法证（少数即将到期、已过期或被暂扣）"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="随机种子；相同种子生成相同数据")
        parser.add_argument("--if-empty", action="store_true", help="已有执法证记录时不做任何事")

    def run(self, *args, **options):
        if Officer.objects.exists():
            if options["if_empty"]:
                self.stdout.write("已有执法证记录，跳过演示执法证。")
                return
            raise CommandError("已有执法证记录；演示执法证只能写入空库（加 --if-empty 可在有数据时跳过）")
        users = list(
            User.objects.filter(roles__code__in=ENFORCING_ROLES, unit__isnull=False, is_active=True)
            .select_related("unit", "unit__region")
            .distinct()
            .order_by("pk")
        )
        if not users:
            raise CommandError("没有找到执法人员账号，请先运行 zhifa demo-data")
        always_valid = {account.username for account in DEMO_ACCOUNTS}
        with transaction.atomic():
            officers = [officer_create(officer=officer) for officer in
                        demo_officers(users, seed=options["seed"], today=timezone.localdate(), always_valid=always_valid)]
        self.stdout.write(f"已登记执法证 {len(officers)} 张。")
