"""Helpers shared by the rule modules: deadline conventions, date display, fact consistency."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .. import basis as B
from ..catalogue import PENALTY_KINDS
from ..engine import Context
from ..errors import RuleError
from ..periods import roll_forward

CF_2021 = dt.date(2021, 7, 15)  # 行政处罚法(2021) in force
FY_2023 = dt.date(2024, 1, 1)  # 行政复议法(2023) in force
KIND_LABELS = dict(PENALTY_KINDS)
CONFISCATIONS = frozenset({"confiscate_gains", "confiscate_property"})
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: I, O, S, V, Z unused


def cn(day: dt.date) -> str:
    """A date as Chinese text: 2026年2月24日."""
    return f"{day.year}年{day.month}月{day.day}日"


def kinds_text(kinds) -> str:
    """Chinese names of penalty kinds joined with 、."""
    return "、".join(KIND_LABELS[k] for k in kinds)


def party_deadline(ctx: Context, last_day: dt.date, what: str = "期限") -> dt.date:
    """A deadline binding the party: rolled forward off rest days (民法典第203条, decision 3)."""
    rolled = roll_forward(ctx.cal, last_day)
    if rolled != last_day:
        ctx.cite(B.MF_203)
        ctx.warn(f"{what}的最后一日{cn(last_day)}为休息日（{ctx.cal.describe(last_day)}），依民法典第203条顺延至{cn(rolled)}。")
    return rolled


def agency_deadline(ctx: Context, last_day: dt.date, what: str = "期限") -> dt.date:
    """A deadline binding the agency: never rolled; a rest day only draws an early warning."""
    if not ctx.cal.is_workday(last_day):
        ctx.warn(f"{what}届满日{cn(last_day)}为休息日（{ctx.cal.describe(last_day)}）；行政机关应遵守的期限不顺延，请提前办理。")
    return last_day


def check_fine(kinds: tuple[str, ...], fine: Decimal) -> None:
    """A fine amount must go with the penalty kind ``fine`` and the other way round."""
    if fine > 0 and "fine" not in kinds:
        raise RuleError(
            "inconsistent", "参数 fine_amount（罚款金额）大于0，但 penalty_kinds（处罚种类）未包含 fine（罚款）", "fine_amount"
        )
    if fine == 0 and "fine" in kinds:
        raise RuleError("inconsistent", "参数 penalty_kinds（处罚种类）包含罚款时，fine_amount（罚款金额）应大于0", "fine_amount")


def check_order(earlier: dt.date, later: dt.date, field: str, text: str) -> None:
    """Raise ``inconsistent`` naming ``field`` when ``later`` is before ``earlier``."""
    if later < earlier:
        raise RuleError("inconsistent", text, field)
