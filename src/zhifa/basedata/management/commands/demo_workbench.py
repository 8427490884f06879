"""``zhifa demo-workbench``: the demo accounts' todos, certificate reminders and a standard under review (run last)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import transaction

from zhifa.core.commands import ZhifaCommand
from zhifa.core.models import Todo
from zhifa.org.models import User

from ...demo.workbench import write_demo_workbench


class Command(ZhifaCommand):
    help = "为演示账号生成可打开的待办、执法证到期提醒和一份待审核的自由裁量基准（在其他演示数据之后运行）"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="已有待办时不做任何事")

    def run(self, *args, **options):
        if Todo.objects.exists():
            if options["if_empty"]:
                self.stdout.write("已有待办，跳过演示工作台数据。")
                return
            raise CommandError("已有待办；演示工作台数据只能写入一次（加 --if-empty 可在有待办时跳过）")
        if not User.objects.filter(username="officer_yantian").exists():
            raise CommandError("没有找到演示账号，请先运行 zhifa demo-data")
        with transaction.atomic():
            result = write_demo_workbench()
        self.stdout.write(
            f"已发送执法证到期提醒 {result['reminded']} 张，提交待审核裁量基准 {result['submitted']} 份，"
            f"生成演示待办 {result['todos']} 条（现有未办结待办共 {result['open_todos']} 条）。"
        )
