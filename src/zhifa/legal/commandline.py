"""Command-line channel: turns ``RULE_ID --name value … [--json '{...}']`` into rule parameters.

``--json`` takes the same object as the REST body (its ``rule`` key, if present, must match
RULE_ID); ``--name value`` pairs (or ``--name=value``; dashes in names read as underscores) are
added to it. Values stay strings and go through the same coercion as every other channel.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import RuleError


def parse_arguments(rule_id: str | None, tokens: list[str]) -> tuple[str | None, dict[str, Any]]:
    """``(rule_id, params)`` from the command line; ``RuleError`` for malformed arguments."""
    params: dict[str, Any] = {}
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not token.startswith("--") or token == "--":
            raise RuleError("invalid_argument", f"无法识别的命令行参数“{token[:40]}”；参数应写成 --名称 值")
        name, has_value, value = token[2:].partition("=")
        name = name.replace("-", "_")
        if has_value:
            index += 1
        elif index + 1 < len(tokens):
            value = tokens[index + 1]
            index += 2
        else:
            raise RuleError("missing_parameter", f"参数 --{name} 缺少值", name)
        if name == "json":
            params.update(_json_body(rule_id, value))
        elif name in params:
            raise RuleError("invalid_argument", f"参数 {name} 重复出现", name)
        else:
            params[name] = value
    return rule_id, params


def _json_body(rule_id: str | None, text: str) -> dict[str, Any]:
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):
        raise RuleError("invalid_json", "参数 --json 不是有效的 JSON", "json") from None
    if not isinstance(body, dict):
        raise RuleError("invalid_json", "参数 --json 应为 JSON 对象，例如 '{\"received_on\": \"2026-01-31\"}'", "json")
    if "rule" in body:
        if body["rule"] != rule_id:
            raise RuleError("invalid_json", f"--json 中的 rule（{str(body['rule'])[:40]}）与命令行的规则编号不一致", "rule")
        body = {k: v for k, v in body.items() if k != "rule"}
    return body
