"""The rule catalogue: rule ids, typed parameters, results and the principal legal basis.

Rules register themselves with the ``@rule`` decorator (modules under ``zhifa.legal.rules``).
Parameter values arrive as Python objects, JSON values or command-line strings; ``Param.coerce``
turns all three into the same typed value or raises ``RuleError`` with a Chinese message that
names the parameter, so that every channel accepts and rejects exactly the same input.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal, InvalidOperation
from typing import Any

from .basis import Citation
from .errors import RuleError

MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
MAX_AMOUNT = Decimal("1000000000000")
MAX_LIST = 50
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = {"true", "1", "yes", "on", "是", "y"}
_FALSE = {"false", "0", "no", "off", "否", "n"}

PARTY_TYPES = (("citizen", "公民"), ("legal_person", "法人"), ("other_org", "其他组织"))
SECTORS = (
    ("general", "通用（仅国家法律）"),
    ("market_regulation", "市场监管"),
    ("public_security", "公安"),
    ("urban_management", "城市管理"),
    ("ecology_environment", "生态环境"),
    ("emergency_management", "应急管理"),
    ("transport", "交通运输"),
)
PENALTY_KINDS = (
    ("warning", "警告"),
    ("circulate_criticism", "通报批评"),
    ("fine", "罚款"),
    ("confiscate_gains", "没收违法所得"),
    ("confiscate_property", "没收非法财物"),
    ("suspend_license", "暂扣许可证件"),
    ("downgrade_qualification", "降低资质等级"),
    ("revoke_license", "吊销许可证件"),
    ("restrict_operations", "限制开展生产经营活动"),
    ("order_suspension", "责令停产停业"),
    ("order_closure", "责令关闭"),
    ("restrict_employment", "限制从业"),
    ("detention", "行政拘留"),
    ("other", "法律、行政法规规定的其他行政处罚"),
)

# Parameter kinds and how each is shown in documentation.
KIND_LABELS = {
    "date": "日期 YYYY-MM-DD",
    "amount": "金额（元，不小于0，最多两位小数）",
    "bool": "是/否（true/false）",
    "choice": "单选",
    "choices": "多选（列表）",
    "int_list": "天数列表（整数）",
    "periods": "期间列表 [[开始, 结束], …]（两端均含）",
    "text": "文本",
    "region": "行政区划代码（数字，可为空）",
}


def to_json(value: Any) -> Any:
    """A value in its JSON form: dates as YYYY-MM-DD, amounts as numbers, tuples as lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def _show(value: Any) -> str:
    """The offending input, shortened, for inclusion in an error message."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "…"


@dataclass(frozen=True)
class Param:
    """One typed parameter of a rule. ``required`` parameters without a value are an error."""

    name: str
    kind: str
    label: str
    required: bool = True
    default: Any = None
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    max_length: int = 200

    @property
    def title(self) -> str:
        """``name（label）`` as used in every error message."""
        return f"{self.name}（{self.label}）"

    def error(self, code: str, text: str) -> RuleError:
        return RuleError(code, f"参数 {self.title}{text}", self.name)

    def coerce(self, raw: Any) -> Any:
        """The typed value of ``raw`` (Python, JSON or command-line form); raises ``RuleError``."""
        return _COERCERS[self.kind](self, raw)


@dataclass(frozen=True)
class Result:
    """One named result of a rule (``kind`` as for parameters, plus ``int`` and ``outcome``)."""

    name: str
    kind: str
    label: str
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rule:
    """A catalogue entry: id, Chinese title, parameters, results, principal basis and examples."""

    id: str
    title: str
    category: str
    summary: str
    params: tuple[Param, ...]
    results: tuple[Result, ...]
    basis: tuple[Citation, ...]
    examples: tuple[Mapping[str, Any], ...]
    func: Callable = field(repr=False, compare=False)

    def parse(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Typed parameters from ``raw``; unknown names, missing or malformed values raise."""
        known = self._names
        for name in raw:
            if name not in known:
                raise RuleError(
                    "unknown_parameter",
                    f"规则 {self.id} 没有参数“{_show(name)}”；可用参数：{'、'.join(p.name for p in self.params)}",
                    str(name),
                )
        values = {}
        for param in self.params:
            value = raw.get(param.name)
            if value is None or value == "":
                if param.required:
                    raise RuleError("missing_parameter", f"缺少参数 {param.title}", param.name)
                values[param.name] = param.default
            else:
                values[param.name] = param.coerce(value)
        return values

    @cached_property
    def _names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.params)

    def describe(self) -> dict:
        """The rule as JSON for the API listing, the calculator form and the documentation."""
        return {
            "id": self.id,
            "title": self.title,
            "category": self.category,
            "summary": self.summary,
            "params": [
                {
                    "name": p.name,
                    "kind": p.kind,
                    "label": p.label,
                    "required": p.required,
                    "default": to_json(p.default),
                    "choices": [{"value": v, "label": lbl} for v, lbl in p.choices],
                    "help": p.help,
                }
                for p in self.params
            ],
            "results": [
                {"name": r.name, "kind": r.kind, "label": r.label,
                 "choices": [{"value": v, "label": lbl} for v, lbl in r.choices]}
                for r in self.results
            ],
            "basis": [c.as_json() for c in self.basis],
            "example": dict(self.examples[0]),
        }


_registry: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    title: str,
    category: str,
    summary: str,
    params: Sequence[Param],
    results: Sequence[Result],
    basis: Sequence[Citation],
    examples: Sequence[Mapping[str, Any]],
) -> Callable:
    """Register the decorated function ``func(ctx, params) -> dict`` as catalogue rule ``rule_id``."""

    def register(func: Callable) -> Callable:
        if rule_id in _registry:
            raise ValueError(f"duplicate rule id {rule_id}")
        _registry[rule_id] = Rule(
            rule_id, title, category, summary, tuple(params), tuple(results), tuple(basis), tuple(examples), func
        )
        return func

    return register


def get(rule_id: Any) -> Rule:
    """The rule with this id; ``RuleError`` (field ``rule``) for an unknown or missing id."""
    if rule_id is None or rule_id == "":
        raise RuleError("missing_parameter", "缺少参数 rule（规则编号）", "rule")
    found = _registry.get(rule_id) if isinstance(rule_id, str) else None
    if found is None:
        raise RuleError("unknown_rule", f"未知的规则“{_show(rule_id)}”；可用规则见 docs/legal.md 或 /api/legal/rules", "rule")
    return found


def all_rules() -> list[Rule]:
    """Every registered rule, in registration (documentation) order."""
    return list(_registry.values())


# --- coercion -------------------------------------------------------------------------------


def _date(param: Param, raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        raise param.error("invalid_date", f"应为日期（YYYY-MM-DD），不能是带时间的值“{_show(str(raw))}”")
    if isinstance(raw, dt.date):
        value = raw
    elif isinstance(raw, str) and _DATE_RE.match(raw.strip()):
        try:
            value = dt.date.fromisoformat(raw.strip())
        except ValueError:
            raise param.error("invalid_date", f"不是存在的日期：“{_show(raw)}”") from None
    else:
        raise param.error("invalid_date", f"应为 YYYY-MM-DD 格式的日期，收到“{_show(raw)}”")
    if not MIN_DATE <= value <= MAX_DATE:
        raise param.error("date_out_of_range", f"超出支持的日期范围（{MIN_DATE}至{MAX_DATE}）：“{value}”")
    return value


def _amount(param: Param, raw: Any) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, Decimal, str)):
        raise param.error("invalid_amount", f"应为金额（元），收到“{_show(raw)}”")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise param.error("invalid_amount", f"应为有限的金额，收到“{_show(str(raw))}”")
    try:
        value = Decimal(str(raw).strip()) if not isinstance(raw, Decimal) else raw
    except InvalidOperation:
        raise param.error("invalid_amount", f"应为金额（元），收到“{_show(raw)}”") from None
    if not value.is_finite():
        raise param.error("invalid_amount", f"应为有限的金额，收到“{_show(str(raw))}”")
    if value < 0:
        raise param.error("negative_amount", "不能为负数")
    if value > MAX_AMOUNT:
        raise param.error("invalid_amount", "超出支持的范围（不超过一万亿元）")
    if value != value.quantize(Decimal("0.01")):
        raise param.error("invalid_amount", "最多保留两位小数（精确到分）")
    return value.quantize(Decimal("0.01"))


def _bool(param: Param, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        text = raw.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise param.error("invalid_boolean", f"应为 true 或 false（是/否），收到“{_show(raw)}”")


def _choice(param: Param, raw: Any) -> str:
    allowed = dict(param.choices)
    if isinstance(raw, str) and raw.strip() in allowed:
        return raw.strip()
    raise param.error("invalid_choice", f"只能是 {'|'.join(allowed)} 之一，收到“{_show(raw)}”")


def _list_from(param: Param, raw: Any) -> list:
    """A list from a Python/JSON list or a command-line string (JSON array or comma-separated)."""
    if isinstance(raw, (list, tuple)):
        items = list(raw)
    elif isinstance(raw, str):
        text = raw.strip()
        if text.startswith("["):
            try:
                items = json.loads(text)
            except ValueError:
                raise param.error("invalid_list", f"不是有效的 JSON 列表：“{_show(raw)}”") from None
            if not isinstance(items, list):
                raise param.error("invalid_list", f"应为列表，收到“{_show(raw)}”")
        else:
            items = [part.strip() for part in text.split(",") if part.strip()]
    else:
        raise param.error("invalid_list", f"应为列表，收到“{_show(raw)}”")
    if len(items) > MAX_LIST:
        raise param.error("invalid_list", f"最多 {MAX_LIST} 项")
    return items


def _choices(param: Param, raw: Any) -> tuple[str, ...]:
    allowed = dict(param.choices)
    values: list[str] = []
    for index, item in enumerate(_list_from(param, raw)):
        if not isinstance(item, str) or item.strip() not in allowed:
            raise param.error(
                "invalid_choice", f"第{index + 1}项只能是 {'|'.join(allowed)} 之一，收到“{_show(item)}”"
            )
        if item.strip() not in values:
            values.append(item.strip())
    if not values:
        raise param.error("invalid_list", "至少选择一项")
    return tuple(values)


def _int_list(param: Param, raw: Any) -> tuple[int, ...]:
    values = []
    for index, item in enumerate(_list_from(param, raw)):
        number = item
        if isinstance(item, str) and item.strip().isascii() and item.strip().isdigit():
            number = int(item.strip())
        if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= 3650:
            raise param.error("invalid_list", f"第{index + 1}项应为0至3650之间的整数天数，收到“{_show(item)}”")
        values.append(number)
    return tuple(values)


def _periods(param: Param, raw: Any) -> tuple[tuple[dt.date, dt.date], ...]:
    if isinstance(raw, str) and not raw.strip().startswith("["):
        raise param.error("invalid_period", f"应为 JSON 列表 [[\"开始日期\", \"结束日期\"], …]，收到“{_show(raw)}”")
    periods = []
    for index, item in enumerate(_list_from(param, raw)):
        where = f"第{index + 1}项"
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise param.error("invalid_period", f"{where}应为 [开始日期, 结束日期]，收到“{_show(item)}”")
        start, end = (_date(Param(param.name, "date", f"{param.label}{where}"), part) for part in item)
        if end < start:
            raise param.error("invalid_period", f"{where}的结束日期 {end} 早于开始日期 {start}")
        periods.append((start, end))
    return tuple(periods)


def _text(param: Param, raw: Any) -> str:
    if not isinstance(raw, str):
        raise param.error("invalid_text", f"应为文本，收到“{_show(raw)}”")
    if len(raw) > param.max_length:
        raise param.error("invalid_text", f"过长（最多 {param.max_length} 个字符）")
    return raw


def _region(param: Param, raw: Any) -> str:
    text = raw.strip() if isinstance(raw, str) else raw
    if not isinstance(text, str) or not text.isascii() or not text.isdigit() or not 2 <= len(text) <= 12:
        raise param.error("invalid_region", f"应为2至12位数字的行政区划代码（如 440300），收到“{_show(raw)}”")
    return text


_COERCERS: dict[str, Callable[[Param, Any], Any]] = {
    "date": _date,
    "amount": _amount,
    "bool": _bool,
    "choice": _choice,
    "choices": _choices,
    "int_list": _int_list,
    "periods": _periods,
    "text": _text,
    "region": _region,
}


# --- shared parameter definitions -------------------------------------------------------------


def party_type(name: str = "party_type") -> Param:
    return Param(name, "choice", "当事人类型", choices=PARTY_TYPES)


def penalty_kinds() -> Param:
    return Param("penalty_kinds", "choices", "处罚种类", choices=PENALTY_KINDS, help="行政处罚法第9条的处罚种类，可多选")


def sector(required: bool = False) -> Param:
    return Param(
        "sector", "choice", "执法领域", required=required, default="general", choices=SECTORS,
        help="general 表示仅适用国家法律",
    )


def region() -> Param:
    return Param("region", "region", "行政区划代码", required=False, default="", help="用于查找地区配置；为空表示全国默认")


def decided_on() -> Param:
    """The date whose standards apply (the facts' date): optional, today with a warning when empty."""
    return Param("decided_on", "date", "决定日期", required=False, help="按该日施行的标准判断；为空时按当天并给出提示")


def excluded_periods(label: str = "扣除期间") -> Param:
    return Param(
        "excluded_periods", "periods", label, required=False, default=(),
        help="不计入期限的期间，每项 [开始, 结束]，两端均含",
    )


def date(name: str, label: str, *, required: bool = True, help: str = "") -> Param:
    return Param(name, "date", label, required=required, help=help)


def amount(name: str, label: str, *, required: bool = True, default: Any = None) -> Param:
    return Param(name, "amount", label, required=required, default=default)


def flag(name: str, label: str, *, required: bool = True, default: bool = False, help: str = "") -> Param:
    return Param(name, "bool", label, required=required, default=default if not required else None, help=help)


def choice(name: str, label: str, choices: tuple[tuple[str, str], ...], *, required: bool = True, default: Any = None) -> Param:
    return Param(name, "choice", label, required=required, default=default, choices=choices)
