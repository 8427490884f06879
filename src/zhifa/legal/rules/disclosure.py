"""Rules of 执法公示: publication clocks, withdrawal and publication periods (configurable)."""

from __future__ import annotations

from decimal import Decimal

from .. import basis as B
from .. import catalogue as C
from ..catalogue import Result, rule
from ..engine import Context
from ..periods import add_months, add_working_days
from .common import check_fine, cn

CATEGORY = "执法公示"
LIGHT_KINDS = frozenset({"warning", "circulate_criticism", "fine"})


@rule(
    "disclosure_deadline",
    title="执法决定公开期限",
    category=CATEGORY,
    summary="行政许可、行政处罚决定自作出之日起七个工作日内公开，其他执法决定二十个工作日（按配置）；"
    "市场监管另须在二十个工作日内通过国家企业信用信息公示系统公示，取较早者。",
    params=[
        C.date("decided_on", "决定日期"),
        C.choice("kind", "决定类型", (("punishment", "行政处罚"), ("permit", "行政许可"), ("other", "其他执法决定"))),
        C.sector(),
    ],
    results=[Result("deadline", "date", "公开期限届满日")],
    basis=[B.GB_118_PUB, B.SC_GS_9, B.XXGK_26, B.CF_48_PUBLISH],
    examples=[{"decided_on": "2026-09-29", "kind": "punishment", "sector": "market_regulation"}],
)
def disclosure_deadline(ctx: Context, p: dict) -> dict:
    decided, kind = p["decided_on"], p["kind"]
    where = {"on": decided, "sector": p["sector"]}
    days = ctx.threshold(f"disclosure.{kind}_working_days", **where)
    deadline = add_working_days(ctx.cal, decided, days)
    if kind == "punishment":
        credit_days = ctx.threshold("disclosure.credit_system_working_days", **where)
        if credit_days is not None:
            credit = add_working_days(ctx.cal, decided, credit_days)
            if credit < deadline:
                deadline = credit
            else:
                ctx.warn(f"还须在{cn(credit)}前通过国家企业信用信息公示系统公示（{credit_days}个工作日）。")
    ctx.cite(B.MF_201)
    return {"deadline": deadline}


@rule(
    "disclosure_withdrawal_deadline",
    title="撤回已公开处罚决定信息的期限",
    category=CATEGORY,
    summary="公开的处罚决定被变更、撤销、确认违法或无效的，应当在三个工作日内撤回并说明理由。",
    params=[C.date("revoked_on", "变更、撤销或确认日期")],
    results=[Result("deadline", "date", "撤回期限届满日")],
    basis=[B.CF_48, B.CF_85, B.SC_GS_11],
    examples=[{"revoked_on": "2026-04-30"}],
)
def disclosure_withdrawal_deadline(ctx: Context, p: dict) -> dict:
    days = ctx.threshold("disclosure.withdrawal_working_days", on=p["revoked_on"])
    ctx.cite(B.CF_85, B.MF_201)
    return {"deadline": add_working_days(ctx.cal, p["revoked_on"], days)}


@rule(
    "disclosure_period",
    title="是否公示及停止公示日期",
    category=CATEGORY,
    summary="被处罚人为未成年人的不公开；市场监管仅警告的不公示。仅通报批评或较低数额罚款的公示三个月，其他三年"
    "（自公示之日起，按月计算）；其他领域按配置。提供公示日期 published_on 时给出停止公示的日期。",
    params=[
        C.penalty_kinds(),
        C.amount("fine_amount", "罚款金额", required=False, default=Decimal("0")),
        C.sector(),
        C.flag("party_is_minor", "被处罚人为未成年人"),
        C.date("published_on", "公示日期", required=False, help="填写后计算停止公示的日期"),
    ],
    results=[Result("publish", "bool", "是否公示"), Result("stop_after_on", "date", "公示截止日（此后停止公示）")],
    basis=[B.CF_48_PUBLISH, B.SC_GS_2, B.SC_GS_13, B.ZJ_GK_5, B.MF_202],
    examples=[{
        "penalty_kinds": ["fine"], "fine_amount": 5000, "sector": "market_regulation", "party_is_minor": False,
        "published_on": "2026-03-31",
    }],
)
def disclosure_period(ctx: Context, p: dict) -> dict:
    kinds, fine, sector = p["penalty_kinds"], p["fine_amount"], p["sector"]
    check_fine(kinds, fine)
    on = ctx.facts_date(p["published_on"], "公示日期")
    where = {"on": on, "sector": sector}
    ctx.cite(B.CF_48_PUBLISH)
    if p["party_is_minor"] and not ctx.threshold("disclosure.publish_minors", **where):
        ctx.warn("被处罚人为未成年人，处罚决定信息不予公开。")
        return {"publish": False, "stop_after_on": None}
    if set(kinds) == {"warning"} and not ctx.threshold("disclosure.publish_warning_only", **where):
        ctx.warn("仅受到警告行政处罚的，不予公示。")
        return {"publish": False, "stop_after_on": None}
    light = set(kinds) <= LIGHT_KINDS
    if light and "fine" in kinds:
        lower = ctx.threshold("disclosure.lower_fine_max", **where)
        if lower is None:
            ctx.warn("尚未配置“较低数额罚款”标准（由省级以上主管部门规定），罚款信息按其他行政处罚信息计算公示期。")
            light = False
        else:
            light = fine <= lower
    months = ctx.threshold("disclosure.stop_months_lower" if light else "disclosure.stop_months_other", **where)
    if p["published_on"] is None:
        ctx.warn(f"未提供公示日期（published_on），无法计算停止公示日期；公示期为自公示之日起{months}个月。")
        return {"publish": True, "stop_after_on": None}
    ctx.cite(B.MF_202)
    return {"publish": True, "stop_after_on": add_months(p["published_on"], months)}
