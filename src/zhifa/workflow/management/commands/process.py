"""``zhifa process import|export|list``: procedures as BPMN files, so they can live in version control."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from zhifa.core.actor import current_actor
from zhifa.core.commands import ZhifaCommand

from ... import services
from ...models import ProcessDefinition
from ...requirements import ProcedureType
from ...selectors import versions_with_counts

NEED_USER = "请用 zhifa process --as-user 用户名 import … 指定操作人（需要流程维护权限，例如 sysadmin）"


class Command(ZhifaCommand):
    help = "导入、导出、列出流程模型（BPMN 文件）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True, title="子命令")
        load = sub.add_parser("import", help="导入 BPMN 文件为新的草稿版本")
        load.add_argument("files", nargs="+", help="BPMN 文件路径")
        load.add_argument("--type", dest="procedure_type", choices=ProcedureType.values, default=None, help="程序类型")
        load.add_argument("--publish", action="store_true", help="导入后立即发布")
        load.add_argument("--note", default="", help="版本说明")
        dump = sub.add_parser("export", help="导出某流程某版本的 BPMN 文件")
        dump.add_argument("key", help="流程标识")
        dump.add_argument("--number", type=int, default=None, help="版本号（默认最新发布版本）")
        dump.add_argument("-o", "--output", default="", help="输出文件（默认打印到屏幕）")
        sub.add_parser("list", help="列出流程、版本及各版本上的实例数")

    def run(self, *args, verb, **options):
        return getattr(self, f"do_{verb}")(**options)

    def do_import(self, *, files, procedure_type, publish, note, **_):
        actor = current_actor().resolved_user()
        if actor is None:
            raise CommandError(NEED_USER)
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"文件不存在：{name}")
            try:
                version = services.import_model(xml=path.read_bytes(), actor=actor, procedure_type=procedure_type, note=note)
                if publish:
                    services.publish_version(version=version, actor=actor)
            except ValidationError as error:
                messages = [m for ms in error.message_dict.values() for m in ms] if hasattr(error, "error_dict") else error.messages
                raise CommandError(f"{name} 未导入：\n  " + "\n  ".join(messages)) from None
            self.stdout.write(f"{name}：已导入为{version}（{'已发布' if publish else '草稿'}）")

    def do_export(self, *, key, number, output, **_):
        definition = ProcessDefinition.objects.filter(key=key).first()
        if definition is None:
            raise CommandError(f"没有流程标识为“{key}”的流程")
        version = definition.versions.filter(number=number).first() if number else definition.current_version()
        if version is None:
            raise CommandError("找不到该版本" if number else "该流程还没有已发布的版本，请用 --number 指定版本号")
        if output:
            Path(output).write_text(version.bpmn_xml, encoding="utf-8")
            self.stdout.write(f"已导出{version}到 {output}")
        else:
            self.stdout.write(version.bpmn_xml)

    def do_list(self, **_):
        definitions = ProcessDefinition.objects.order_by("key")
        if not definitions:
            self.stdout.write("还没有流程")
        for definition in definitions:
            self.stdout.write(f"{definition.key}  {definition.name}（{definition.get_procedure_type_display()}）")
            for version in versions_with_counts(definition):
                self.stdout.write(
                    f"  第{version.number}版  {version.get_status_display()}  办理中 {version.running} 件，已结束 {version.ended} 件"
                )
