"""The sandboxed expression language of gateway conditions: comparisons and logic over variables.

Expressions are Python-like (``fine_amount > 10000 and party_type == "organization"``) but are
checked against a whitelist of syntax before they are accepted and evaluated by ``simpleeval``
with no functions and no attribute access. Nothing here ever calls ``eval`` or ``exec``.
"""

from __future__ import annotations

import ast

from simpleeval import SimpleEval

from .variables import VARIABLES

ALLOWED_NODES = (
    ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.UAdd,
    ast.Compare, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn,
    ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Mod,
    ast.Name, ast.Load, ast.Constant, ast.Tuple, ast.List,
)
MAX_LENGTH = 500

SYNTAX_ERROR = "表达式“{expression}”有语法错误"
TOO_LONG = "表达式超过 {limit} 个字符"
NOT_ALLOWED = "表达式“{expression}”使用了不允许的写法（{what}）：只能使用比较、与或非、四则运算、常量和已登记的变量"
UNKNOWN_VARIABLE = "表达式“{expression}”使用了未登记的变量“{name}”；可用变量见流程设计说明"


class ExpressionError(ValueError):
    """An expression that may not be stored or run; the message is Chinese and names the problem."""


def check(expression: str) -> set[str]:
    """Validate ``expression``; return the variable names it reads, or raise ``ExpressionError``."""
    expression = (expression or "").strip()
    if len(expression) > MAX_LENGTH:
        raise ExpressionError(TOO_LONG.format(limit=MAX_LENGTH))
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        raise ExpressionError(SYNTAX_ERROR.format(expression=expression)) from None
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ALLOWED_NODES):
            raise ExpressionError(NOT_ALLOWED.format(expression=expression, what=type(node).__name__))
        if isinstance(node, ast.Name):
            if node.id in ("True", "False", "None"):
                continue
            if node.id not in VARIABLES:
                raise ExpressionError(UNKNOWN_VARIABLE.format(expression=expression, name=node.id))
            names.add(node.id)
    return names


def evaluate(expression: str, variables: dict) -> object:
    """Evaluate a checked expression; unset variables read as ``None``."""
    check(expression)
    names = {name: variables.get(name) for name in VARIABLES}
    names.update({"True": True, "False": False, "None": None})
    return SimpleEval(names=names, functions={}).eval(expression.strip())
