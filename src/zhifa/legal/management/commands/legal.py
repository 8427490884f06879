"""``zhifa legal RULE_ID --param value …`` / ``zhifa legal RULE_ID --json '{...}'``.

Prints the answer as one JSON object (result names, ``basis``, ``warnings``); on bad input prints
the error object ``{code, message, field}`` to stderr and exits with status 2. Django's own
options (``--as-user``, ``--settings`` …) go before RULE_ID.
"""

import argparse
import json
import sys

from django.db import DatabaseError

from zhifa.core.commands import ZhifaCommand

from ...commandline import parse_arguments
from ...engine import builtin_rules, current_rules
from ...errors import RuleError

NO_DATABASE = (
    "数据库尚未就绪（未迁移或无法连接），本次按内置工作日历和全国默认值计算，未包含管理员维护的节假日和配置；"
    "运行 zhifa migrate 后即使用数据库中的数据"
)


def _plain(text):
    return text


class Command(ZhifaCommand):
    help = "计算法律规则：zhifa legal 规则编号 --参数 值 …，或 zhifa legal 规则编号 --json '{…}'；规则见 docs/legal.md"

    def add_arguments(self, parser):
        parser.add_argument("rule", nargs="?", help="规则编号，如 payment_deadline")
        parser.add_argument("params", nargs=argparse.REMAINDER, help="--参数名 值 …，或 --json '{…}'")

    def run(self, *args, **options):
        try:
            rule_id, params = parse_arguments(options["rule"], options["params"])
            answer = self.rules().evaluate(rule_id, params)
        except RuleError as error:
            self.stderr.write(json.dumps(error.as_json(), ensure_ascii=False), style_func=_plain)
            sys.exit(2)
        self.stdout.write(json.dumps(answer.as_json(), ensure_ascii=False), style_func=_plain)

    def rules(self):
        """The database's rules; the built-in calendar and defaults, with a warning, without a database."""
        try:
            return current_rules()
        except DatabaseError:
            self.stderr.write(f"提示：{NO_DATABASE}", style_func=_plain)
            return builtin_rules()
