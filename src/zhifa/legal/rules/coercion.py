"""Rules of 行政强制法: seizure and freezing periods, enforcement dates, court application window."""

from __future__ import annotations

import datetime as dt

from .. import basis as B
from .. import catalogue as C
from ..catalogue import Result, rule
from ..engine import Context
from ..periods import ONE_DAY, add_calendar_days, add_months, add_working_days
from .common import agency_deadline, check_order, cn, party_deadline

CATEGORY = "行政强制"


@rule(
    "seizure_deadline",
    title="查封、扣押期限",
    category=CATEGORY,
    summary="查封、扣押不得超过三十日，情况复杂经批准可延长三十日（日历日，当日不计入，机关期限不顺延）；"
    "检测、检验、检疫、技术鉴定期间不计入。",
    params=[
        C.date("seized_on", "查封、扣押日期"),
        C.flag("extended", "经批准延长", required=False),
        C.excluded_periods("检测、检验、检疫、技术鉴定期间"),
        C.date("checked_on", "核查日期", required=False, help="填写后判断该日是否已超期"),
    ],
    results=[Result("deadline", "date", "期限届满日"), Result("overdue", "bool", "是否超期")],
    basis=[B.QZ_25, B.MF_201],
    examples=[{
        "seized_on": "2026-09-15", "extended": False, "excluded_periods": [["2026-09-21", "2026-09-25"]],
        "checked_on": "2026-10-20",
    }],
)
def seizure_deadline(ctx: Context, p: dict) -> dict:
    ctx.cite(B.QZ_25, B.MF_201)
    days = 60 if p["extended"] else 30
    deadline = agency_deadline(ctx, add_calendar_days(p["seized_on"], days, p["excluded_periods"]), "查封、扣押期限")
    checked = p["checked_on"]
    return {"deadline": deadline, "overdue": None if checked is None else checked > deadline}


@rule(
    "freeze_deadlines",
    title="冻结存款、汇款的期限",
    category=CATEGORY,
    summary="冻结后三个工作日内交付冻结决定书；自冻结之日起三十日内作出处理决定或解除冻结，经批准可延长三十日。",
    params=[C.date("frozen_on", "冻结日期"), C.flag("extended", "经批准延长", required=False)],
    results=[Result("notice_deadline", "date", "交付冻结决定书期限"), Result("decision_deadline", "date", "处理决定期限")],
    basis=[B.QZ_31, B.QZ_32, B.QZ_69],
    examples=[{"frozen_on": "2026-04-30", "extended": True}],
)
def freeze_deadlines(ctx: Context, p: dict) -> dict:
    ctx.cite(B.QZ_31, B.QZ_69, B.QZ_32, B.MF_201)
    frozen = p["frozen_on"]
    days = 60 if p["extended"] else 30
    decision = agency_deadline(ctx, frozen + dt.timedelta(days=days), "冻结处理决定期限")
    return {"notice_deadline": add_working_days(ctx.cal, frozen, 3), "decision_deadline": decision}


@rule(
    "enforcement_date_allowed",
    title="能否在该日实施强制执行",
    category=CATEGORY,
    summary="不得在夜间或者法定节假日实施行政强制执行，情况紧急的除外。调休上班日视为工作日；"
    "普通周末从严按休息日处理。",
    params=[
        C.date("on", "实施日期"),
        C.flag("urgent", "情况紧急", required=False),
        C.flag("at_night", "在夜间实施", required=False),
    ],
    results=[Result("allowed", "bool", "是否允许")],
    basis=[B.QZ_43],
    examples=[{"on": "2026-02-14", "urgent": False, "at_night": False}],
)
def enforcement_date_allowed(ctx: Context, p: dict) -> dict:
    ctx.cite(B.QZ_43)
    day = p["on"]
    holiday = ctx.cal.is_holiday(day)
    rest = not ctx.cal.is_workday(day)
    if p["urgent"]:
        if rest or p["at_night"]:
            ctx.warn("情况紧急方可在夜间或法定节假日实施强制执行，应当记录紧急情形。")
        return {"allowed": True}
    if p["at_night"]:
        ctx.warn("不得在夜间实施行政强制执行。")
        return {"allowed": False}
    if holiday:
        ctx.warn(f"{cn(day)}为法定节假日（{ctx.cal.describe(day)}）。")
        return {"allowed": False}
    if rest:
        ctx.warn(f"{cn(day)}为周末休息日：第43条“法定节假日”是否包括周末存在不同理解，本系统从严按不得实施处理。")
        return {"allowed": False}
    return {"allowed": True}


@rule(
    "court_application_window",
    title="申请人民法院强制执行的期间",
    category=CATEGORY,
    summary="当事人六个月起诉期限届满（遇休息日顺延）后、且催告书送达满十个工作日后方可申请；"
    "应当自起诉期限届满之日起三个月内申请。假定决定书已告知起诉期限（未告知的最长为一年）。",
    params=[
        C.date("decision_known_on", "当事人知道行政决定日期"),
        C.date("demand_served_on", "催告书送达日期"),
        C.date("applied_on", "申请日期", required=False),
    ],
    results=[
        Result("earliest", "date", "最早申请日"),
        Result("latest", "date", "最晚申请日"),
        Result("status", "outcome", "申请时间", (("premature", "过早"), ("timely", "在期间内"), ("late", "逾期"))),
    ],
    basis=[B.QZ_53, B.SS_JS_156, B.SS_46, B.QZ_54, B.QZ_69, B.MF_202],
    examples=[{"decision_known_on": "2026-03-15", "demand_served_on": "2026-09-21", "applied_on": "2026-10-16"}],
)
def court_application_window(ctx: Context, p: dict) -> dict:
    known, served = p["decision_known_on"], p["demand_served_on"]
    check_order(known, served, "demand_served_on", "参数 demand_served_on（催告书送达日期）不能早于知道行政决定的日期")
    ctx.cite(B.QZ_53, B.SS_JS_156, B.SS_46, B.MF_202)
    suit_end = party_deadline(ctx, add_months(known, 6), "起诉期限")
    latest = add_months(suit_end, 3)
    ctx.cite(B.QZ_54, B.QZ_69)
    demand_ready = add_working_days(ctx.cal, served, 10) + ONE_DAY
    earliest = max(suit_end + ONE_DAY, demand_ready)
    if earliest > latest:
        ctx.warn("催告书送达过晚：催告满十个工作日时已超过申请期限。")
    agency_deadline(ctx, latest, "申请强制执行期限")
    applied = p["applied_on"]
    if applied is None:
        status = None
    elif applied < earliest:
        status = "premature"
    elif applied <= latest:
        status = "timely"
    else:
        status = "late"
    return {"earliest": earliest, "latest": latest, "status": status}
