"""``zhifa demo-processes``: publish the shipped procedures and start the demo approvals."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction

from zhifa.core.commands import ZhifaCommand

from ...demo import demo_instances, load_procedures
from ...models import ProcessDefinition


class Command(ZhifaCommand):
    help = "发布系统预置的流程模型，并在盐田区城管局发起几件演示审批"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="已有流程时不做任何事")

    def run(self, *args, **options):
        if ProcessDefinition.objects.exists():
            if options["if_empty"]:
                self.stdout.write("已有流程，跳过演示流程。")
                return
            raise CommandError("已有流程；演示流程只能写入空库（加 --if-empty 可在有数据时跳过）")
        admin = get_user_model().objects.filter(username="sysadmin").first()
        if admin is None:
            raise CommandError("没有找到演示账号 sysadmin，请先运行 zhifa demo-data")
        with transaction.atomic():
            versions = load_procedures(admin)
            count = demo_instances(ProcessDefinition.objects.get(key="general_approval"))
        self.stdout.write(f"已发布 {len(versions)} 个流程，发起演示审批 {count} 件。")
