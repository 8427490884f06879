"""Rules of 行政复议法 (2023) and 行政诉讼法: application and decision periods."""

from __future__ import annotations

import datetime as dt

from .. import basis as B
from .. import catalogue as C
from ..catalogue import Result, rule
from ..engine import Context
from ..errors import RuleError
from ..periods import add_months, add_years
from .common import FY_2023, agency_deadline, party_deadline

CATEGORY = "复议与诉讼"
DEADLINE = Result("deadline", "date", "期限届满日")


@rule(
    "reconsideration_application_deadline",
    title="申请行政复议的期限",
    category=CATEGORY,
    summary="自知道或者应当知道行政行为之日起六十日内申请（日历日，遇休息日顺延）；未告知复议权利、机关和期限的，"
    "自知道这些事项之日起计算，但自知道行为内容之日起最长一年（本规则给出该最长期限）。",
    params=[C.date("known_on", "知道行政行为日期"), C.flag("rights_informed", "已告知复议权利、机关和期限")],
    results=[DEADLINE],
    basis=[B.FY_20, B.MF_201, B.MF_203],
    examples=[{"known_on": "2026-08-01", "rights_informed": True}],
)
def reconsideration_application_deadline(ctx: Context, p: dict) -> dict:
    known = p["known_on"]
    ctx.cite(B.FY_20, B.MF_201)
    if known < FY_2023:
        ctx.warn("知道日期早于2024年1月1日，适用2017年修正的行政复议法（申请期限同为六十日），请核对。")
    if p["rights_informed"]:
        last = known + dt.timedelta(days=60)
    else:
        ctx.cite(B.MF_202)
        ctx.warn("未告知复议权利的，申请期限自知道复议权利、机关和期限之日起六十日，但最长不超过一年；本结果为一年的最长期限。")
        last = add_years(known, 1)
    return {"deadline": party_deadline(ctx, last, "复议申请期限")}


@rule(
    "reconsideration_decision_deadline",
    title="行政复议决定期限",
    category=CATEGORY,
    summary="普通程序自受理之日起六十日内决定，经批准可延长不超过三十日；简易程序三十日，不得延长（2024年1月1日起）。",
    params=[
        C.date("accepted_on", "受理日期"),
        C.choice("procedure", "审理程序", (("ordinary", "普通程序"), ("simple", "简易程序")), required=False, default="ordinary"),
        C.flag("extended", "经批准延长", required=False),
    ],
    results=[DEADLINE],
    basis=[B.FY_62, B.FY17_31, B.MF_201],
    examples=[{"accepted_on": "2026-08-03", "procedure": "ordinary", "extended": True}],
)
def reconsideration_decision_deadline(ctx: Context, p: dict) -> dict:
    accepted, simple, extended = p["accepted_on"], p["procedure"] == "simple", p["extended"]
    ctx.cite(B.MF_201)
    if accepted < FY_2023:
        ctx.cite(B.FY17_31)
        if simple:
            ctx.warn("2024年1月1日前受理的案件适用2017年修正的行政复议法，该法没有简易程序，按普通程序计算。")
        days = 90 if extended else 60
    elif simple:
        if extended:
            raise RuleError(
                "inconsistent", "简易程序案件不能延长审理期限；参数 extended（经批准延长）应为 false", "extended"
            )
        ctx.cite(B.FY_62)
        days = 30
    else:
        ctx.cite(B.FY_62)
        days = 90 if extended else 60
    return {"deadline": agency_deadline(ctx, accepted + dt.timedelta(days=days), "复议决定期限")}


@rule(
    "litigation_deadline",
    title="提起行政诉讼的期限",
    category=CATEGORY,
    summary="不服复议决定的，收到复议决定书（或复议期满）之日起十五日；直接起诉的，知道行政行为之日起六个月；"
    "未告知起诉期限的，最长自知道行为内容之日起一年。当日不计入，遇休息日顺延。",
    params=[
        C.choice(
            "kind", "起诉情形",
            (("after_reconsideration", "经复议后起诉"), ("direct", "直接起诉"), ("not_informed", "未告知起诉期限")),
        ),
        C.date("from_on", "起算日期", help="收到复议决定书日期、复议期满日期或知道行政行为日期"),
    ],
    results=[DEADLINE],
    basis=[B.SS_45, B.SS_46, B.SS_JS_64, B.MF_201, B.MF_202, B.MF_203],
    examples=[{"kind": "direct", "from_on": "2026-04-04"}],
)
def litigation_deadline(ctx: Context, p: dict) -> dict:
    kind, start = p["kind"], p["from_on"]
    ctx.cite(B.MF_201)
    if kind == "after_reconsideration":
        ctx.cite(B.SS_45)
        last = start + dt.timedelta(days=15)
    elif kind == "direct":
        ctx.cite(B.SS_46, B.MF_202)
        last = add_months(start, 6)
    else:
        ctx.cite(B.SS_JS_64, B.MF_202)
        last = add_years(start, 1)
    return {"deadline": party_deadline(ctx, last, "起诉期限")}
