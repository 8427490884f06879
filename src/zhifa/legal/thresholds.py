"""Thresholds that law leaves to sectors or provinces: configuration keyed by region and sector.

Each threshold has built-in national defaults (each citing its law and article) so the pure core works without a
database; the loader adds the administrator's records from the database. A record applies from
its ``effective_from`` date, to regions whose code starts with its ``region`` prefix (``""`` =
whole country) and to its ``sector`` (``""`` = every sector). When several records apply, the most
specific wins: a sector record beats an all-sector one, then a longer region prefix beats a
shorter one, then the later ``effective_from`` wins. Sector ``general`` means "national law only"
and therefore sees only all-sector records.

Defaults not confirmed against the full text of the law carry ``verified=False``; every answer that uses one
gets a warning saying the figure is a configured default to be checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import basis as B
from .basis import Citation

GENERAL = "general"


@dataclass(frozen=True)
class ThresholdSpec:
    """What a threshold key means: label, value kind and unit (for display and validation).

    ``kind`` is ``amount`` (yuan), ``days``, ``working_days``, ``months``, ``bool`` or ``choice``;
    ``nullable`` allows "not set" (the rule then explains what it does without the figure).
    """

    key: str
    label: str
    kind: str
    nullable: bool = False
    choices: tuple[tuple[str, str], ...] = ()

    def format(self, value: Any) -> str:
        """The value as Chinese text, e.g. ``2000元``, ``7个工作日``, ``未设置``."""
        if value is None:
            return "未设置"
        if self.kind == "amount":
            return f"{value:,}元"
        if self.kind == "days":
            return f"{value}日"
        if self.kind == "working_days":
            return f"{value}个工作日"
        if self.kind == "months":
            return f"{value}个月"
        if self.kind == "bool":
            return "是" if value else "否"
        return dict(self.choices).get(value, str(value))

    def validate(self, value: Any) -> str | None:
        """A Chinese error message when ``value`` does not fit this threshold, else ``None``."""
        if value is None:
            return None if self.nullable else f"{self.label}必须填写"
        if self.kind == "bool":
            return None if isinstance(value, bool) else f"{self.label}应为“是”或“否”"
        if self.kind == "choice":
            return None if value in dict(self.choices) else f"{self.label}只能是：{'、'.join(dict(self.choices))}"
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return f"{self.label}应为不小于0的整数"
        return None


@dataclass(frozen=True)
class ThresholdValue:
    """One configuration record of a threshold (built-in default or database override)."""

    key: str
    value: Any
    effective_from: dt.date
    region: str = ""
    sector: str = ""
    basis: Citation | None = None
    verified: bool = True
    note: str = ""

    def specificity(self) -> tuple:
        return (bool(self.sector), len(self.region), self.effective_from)


SPECS: dict[str, ThresholdSpec] = {
    spec.key: spec
    for spec in [
        ThresholdSpec("simple_procedure.citizen_max_fine", "简易程序对公民罚款上限", "amount"),
        ThresholdSpec("simple_procedure.org_max_fine", "简易程序对法人或其他组织罚款上限", "amount"),
        ThresholdSpec("onsite_collection.max_fine", "当场收缴罚款上限", "amount"),
        ThresholdSpec("hearing.citizen_fine_min", "听证“较大数额罚款”（公民）起点", "amount"),
        ThresholdSpec("hearing.org_fine_min", "听证“较大数额罚款”（法人或其他组织）起点", "amount"),
        ThresholdSpec("hearing.citizen_confiscation_min", "听证“较大数额/价值”没收（公民）起点", "amount"),
        ThresholdSpec("hearing.org_confiscation_min", "听证“较大数额/价值”没收（法人或其他组织）起点", "amount"),
        ThresholdSpec("legal_review.all_ordinary_procedure", "普通程序案件一律法制审核", "bool"),
        ThresholdSpec("decision.days", "行政处罚决定期限", "days"),
        ThresholdSpec("decision.count_filing_day", "立案当日计入办案期限", "bool"),
        ThresholdSpec("decision.max_extension_days", "办案期限首次延长上限", "days", nullable=True),
        ThresholdSpec("clue.verification_working_days", "线索核查期限", "working_days", nullable=True),
        ThresholdSpec("clue.extension_working_days", "线索核查延长期限", "working_days", nullable=True),
        ThresholdSpec("disclosure.punishment_working_days", "行政处罚决定公开期限", "working_days"),
        ThresholdSpec("disclosure.permit_working_days", "行政许可决定公开期限", "working_days"),
        ThresholdSpec("disclosure.other_working_days", "其他执法决定公开期限", "working_days"),
        ThresholdSpec("disclosure.credit_system_working_days", "信用信息公示系统公示期限", "working_days", nullable=True),
        ThresholdSpec("disclosure.withdrawal_working_days", "撤回公开信息期限", "working_days"),
        ThresholdSpec("disclosure.publish_warning_only", "仅警告的处罚予以公示", "bool"),
        ThresholdSpec("disclosure.publish_minors", "被处罚人为未成年人时予以公示", "bool"),
        ThresholdSpec("disclosure.lower_fine_max", "“较低数额罚款”上限", "amount", nullable=True),
        ThresholdSpec("disclosure.stop_months_lower", "通报批评或较低数额罚款的公示期", "months"),
        ThresholdSpec("disclosure.stop_months_other", "其他行政处罚信息的公示期", "months"),
        ThresholdSpec(
            "masking.profile", "公开文书脱敏方案", "choice",
            choices=(("standard", "标准（保留被处罚自然人姓名）"), ("anonymize", "匿名（被处罚自然人姓名也隐去）")),
        ),
    ]
}

_D1900 = dt.date(1900, 1, 1)
_D1996 = dt.date(1996, 10, 1)
_D2021 = dt.date(2021, 7, 15)
MR = "market_regulation"
ZJ = "33"  # 浙江省: its own rules apply there only, never as national defaults
PS = "public_security"

_SAFE_HEARING = "法律未规定“较大数额”，系统默认取已核实的最低行业标准（公安机关二千元/一万元）以免漏告听证权利，应由省级或行业规定确定"
_PS_NOTE = "依据为2018年修正文本，其后修改及2026年施行的治安管理处罚法未核实"

BUILTIN: tuple[ThresholdValue, ...] = (
    ThresholdValue("simple_procedure.citizen_max_fine", 50, _D1996, basis=B.CF96_33),
    ThresholdValue("simple_procedure.citizen_max_fine", 200, _D2021, basis=B.CF_51),
    ThresholdValue("simple_procedure.org_max_fine", 1000, _D1996, basis=B.CF96_33),
    ThresholdValue("simple_procedure.org_max_fine", 3000, _D2021, basis=B.CF_51),
    ThresholdValue("onsite_collection.max_fine", 100, _D2021, basis=B.CF_68),
    ThresholdValue("hearing.citizen_fine_min", 2000, _D1996, basis=B.CF_63, verified=False, note=_SAFE_HEARING),
    ThresholdValue("hearing.org_fine_min", 10000, _D1996, basis=B.CF_63, verified=False, note=_SAFE_HEARING),
    ThresholdValue("hearing.citizen_confiscation_min", 2000, _D1996, basis=B.CF_63, verified=False, note=_SAFE_HEARING),
    ThresholdValue("hearing.org_confiscation_min", 10000, _D1996, basis=B.CF_63, verified=False, note=_SAFE_HEARING),
    ThresholdValue("hearing.citizen_fine_min", 2000, _D1900, sector=PS, basis=B.GA_123, verified=False, note=_PS_NOTE),
    ThresholdValue("hearing.org_fine_min", 10000, _D1900, sector=PS, basis=B.GA_123, verified=False, note=_PS_NOTE),
    ThresholdValue("legal_review.all_ordinary_procedure", False, _D1900, basis=B.CF_58),
    ThresholdValue("decision.days", 90, _D1900, basis=B.CF_60),
    ThresholdValue("decision.count_filing_day", False, _D1900, basis=B.MF_201),
    ThresholdValue("decision.max_extension_days", None, _D1900, basis=B.CF_60),
    ThresholdValue("decision.max_extension_days", 30, _D1900, sector=MR, basis=B.SC_CX_CASE),
    ThresholdValue("clue.verification_working_days", None, _D1900),
    ThresholdValue("clue.verification_working_days", 15, _D1900, sector=MR, basis=B.SC_CX_18),
    ThresholdValue("clue.extension_working_days", None, _D1900),
    ThresholdValue("clue.extension_working_days", 15, _D1900, sector=MR, basis=B.SC_CX_18),
    ThresholdValue("disclosure.punishment_working_days", 7, _D1900, basis=B.GB_118_PUB),
    ThresholdValue("disclosure.permit_working_days", 7, _D1900, basis=B.GB_118_PUB),
    ThresholdValue("disclosure.other_working_days", 20, _D1900, basis=B.XXGK_26),
    ThresholdValue("disclosure.credit_system_working_days", None, _D1900),
    ThresholdValue("disclosure.credit_system_working_days", 20, _D1900, sector=MR, basis=B.SC_GS_9),
    ThresholdValue("disclosure.withdrawal_working_days", 3, _D1900, basis=B.CF_48),
    ThresholdValue("disclosure.withdrawal_working_days", 3, _D1900, sector=MR, basis=B.SC_GS_11),
    ThresholdValue("disclosure.publish_warning_only", True, _D1900, basis=B.GB_118_PUB),
    ThresholdValue("disclosure.publish_warning_only", False, _D1900, sector=MR, basis=B.SC_GS_2),
    ThresholdValue(
        "disclosure.publish_minors", False, _D1900, verified=False,
        note="全国性法律未规定是否公开被处罚未成年人的处罚决定信息，系统默认不公开以保护未成年人，应按本地区规定配置",
    ),
    ThresholdValue("disclosure.publish_minors", False, _D1900, region=ZJ, basis=B.ZJ_GK_5),
    ThresholdValue("disclosure.lower_fine_max", None, _D1900, sector=MR, basis=B.SC_GS_13),
    ThresholdValue("disclosure.lower_fine_max", None, _D1900),
    ThresholdValue(
        "disclosure.stop_months_lower", 3, _D1900, basis=B.SC_GS_13, verified=False,
        note="全国性法律未规定停止公示期限，参照市场监管规定",
    ),
    ThresholdValue("disclosure.stop_months_lower", 3, _D1900, sector=MR, basis=B.SC_GS_13),
    ThresholdValue(
        "disclosure.stop_months_other", 36, _D1900, basis=B.SC_GS_13, verified=False,
        note="全国性法律未规定停止公示期限，参照市场监管规定",
    ),
    ThresholdValue("disclosure.stop_months_other", 36, _D1900, sector=MR, basis=B.SC_GS_13),
    ThresholdValue("masking.profile", "standard", _D1900, basis=B.CF_50),
    ThresholdValue("masking.profile", "standard", _D1900, region=ZJ, basis=B.ZJ_GK_7),
)


def normalize_region(code: str) -> str:
    """A region code as a prefix: trailing ``00`` pairs of a 6-digit code are dropped (440300 → 4403)."""
    code = code.strip()
    if len(code) == 6:
        while len(code) > 2 and code.endswith("00"):
            code = code[:-2]
    return code


class ThresholdTable:
    """All threshold records, indexed by key, resolved by date, region and sector."""

    def __init__(self, records: Iterable[ThresholdValue] = BUILTIN):
        by_key: dict[str, list[ThresholdValue]] = {}
        for record in records:
            by_key.setdefault(record.key, []).append(record)
        self._by_key = {
            key: sorted(items, key=ThresholdValue.specificity, reverse=True) for key, items in by_key.items()
        }
        self._cache: dict[tuple, ThresholdValue] = {}

    def resolve(self, key: str, *, on: dt.date, region: str = "", sector: str = GENERAL) -> ThresholdValue:
        """The record that applies on ``on`` in ``region`` for ``sector``.

        When no record is in force yet on ``on`` (a date before the earliest record), the
        earliest applicable record is used.
        """
        cache_key = (key, on, region, sector)
        found = self._cache.get(cache_key)
        if found is not None:
            return found
        region = normalize_region(region)
        wanted_sector = "" if sector == GENERAL else sector
        candidates = [
            r for r in self._by_key[key]
            if (not r.sector or r.sector == wanted_sector) and region.startswith(r.region)
        ]
        in_force = [r for r in candidates if r.effective_from <= on]
        found = in_force[0] if in_force else min(candidates, key=lambda r: r.effective_from)
        if len(self._cache) < 10000:
            self._cache[cache_key] = found
        return found
