"""``zhifa documents sync``: load the shipped document templates and the number rules of numbered documents."""

from __future__ import annotations

from django.db import transaction

from zhifa.core.commands import ZhifaCommand

from ...catalogue import ensure_number_rules, sync_templates


class Command(ZhifaCommand):
    help = "执法文书：同步随系统发布的文书模板（有变化的发布新版本）并为有文号代字的单位补齐文书编号规则"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True, title="子命令")
        sub.add_parser("sync", help="同步文书模板与文书编号规则，逐条打印变化")

    def run(self, *args, verb, **options):
        with transaction.atomic():
            lines = sync_templates() + ensure_number_rules()
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(f"文书模板与编号规则已同步（{len(lines)} 项变化）")
