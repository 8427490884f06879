"""Rules of 行政处罚法: procedure choice, hearings, review, deadlines, payment, limitation, exemptions."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from .. import basis as B
from .. import catalogue as C
from ..catalogue import Param, Result, rule
from ..engine import Context
from ..errors import RuleError
from ..periods import ONE_DAY, add_calendar_days, add_working_days, add_years, counted_days
from .common import CF_2021, CONFISCATIONS, agency_deadline, check_fine, check_order, kinds_text, party_deadline

CATEGORY = "行政处罚"
HEAVY = ("downgrade_qualification", "revoke_license", "order_suspension", "order_closure", "restrict_employment")
MAYBE_HEAVY = ("suspend_license", "restrict_operations", "other")
ALLOWED = Result("allowed", "bool", "是否允许")
REQUIRED = Result("required", "bool", "是否需要")
DEADLINE = Result("deadline", "date", "期限届满日")
OLD_LAW = "日期早于2021年7月15日，适用1996年施行的行政处罚法"


def _is_citizen(party_type: str) -> bool:
    return party_type == "citizen"


@rule(
    "simple_procedure",
    title="能否适用简易程序（当场处罚）",
    category=CATEGORY,
    summary="违法事实确凿并有法定依据时，对公民二百元以下、对法人或其他组织三千元以下罚款或者警告可以当场作出决定；"
    "2021年7月15日前决定的适用1996年法的五十元/一千元。限额“以下”包括本数。",
    params=[
        C.party_type(),
        C.penalty_kinds(),
        C.amount("fine_amount", "罚款金额", required=False, default=Decimal("0")),
        C.date("decided_on", "决定日期"),
    ],
    results=[ALLOWED],
    basis=[B.CF_51, B.CF96_33, B.MF_1259],
    examples=[{"party_type": "citizen", "penalty_kinds": ["fine"], "fine_amount": 200, "decided_on": "2026-03-02"}],
)
def simple_procedure(ctx: Context, p: dict) -> dict:
    kinds, fine, on = p["penalty_kinds"], p["fine_amount"], p["decided_on"]
    check_fine(kinds, fine)
    if on < CF_2021:
        ctx.warn(f"决定{OLD_LAW}第33条（公民五十元、法人或者其他组织一千元以下）。")
    others = [k for k in kinds if k not in ("warning", "fine")]
    if others:
        ctx.cite(B.CF96_33 if on < CF_2021 else B.CF_51)
        ctx.warn(f"简易程序只能给予警告或者罚款；{kinds_text(others)}须适用普通程序。")
        return {"allowed": False}
    if "fine" not in kinds:
        ctx.cite(B.CF96_33 if on < CF_2021 else B.CF_51)
        return {"allowed": True}
    key = "simple_procedure.citizen_max_fine" if _is_citizen(p["party_type"]) else "simple_procedure.org_max_fine"
    limit = ctx.threshold(key, on=on)
    ctx.cite(B.MF_1259)
    allowed = fine <= limit
    if not allowed:
        ctx.warn(f"罚款{fine}元超过当场处罚的上限{limit}元，须适用普通程序。")
    return {"allowed": allowed}


@rule(
    "onsite_collection",
    title="能否当场收缴罚款",
    category=CATEGORY,
    summary="依第51条当场作出处罚决定后，一百元以下罚款、不当场收缴事后难以执行的，或者在边远、水上、交通不便地区"
    "当事人提出的，可以当场收缴；须出具财政部门统一制发的专用票据。",
    params=[
        C.amount("fine_amount", "罚款金额"),
        C.flag("hard_to_enforce_later", "不当场收缴事后难以执行"),
        C.flag("remote_area_requested", "边远、水上、交通不便地区且当事人提出"),
        C.decided_on(),
    ],
    results=[ALLOWED],
    basis=[B.CF_68, B.CF_69, B.CF_70],
    examples=[{"fine_amount": 100, "hard_to_enforce_later": False, "remote_area_requested": False,
               "decided_on": "2026-03-02"}],
)
def onsite_collection(ctx: Context, p: dict) -> dict:
    limit = ctx.threshold("onsite_collection.max_fine", on=ctx.facts_date(p["decided_on"], "决定日期"))
    ctx.cite(B.MF_1259)
    allowed = p["fine_amount"] <= limit or p["hard_to_enforce_later"]
    if p["remote_area_requested"]:
        ctx.cite(B.CF_69)
        allowed = True
    if allowed:
        ctx.cite(B.CF_70)
    return {"allowed": allowed}


@rule(
    "onsite_fine_handin",
    title="当场收缴罚款交至行政机关的期限",
    category=CATEGORY,
    summary="自收缴之日起二个工作日内交至行政机关；在水上收缴的，自抵岸之日起二个工作日内。",
    params=[
        C.date("collected_on", "收缴日期"),
        C.flag("on_water", "在水上收缴", required=False),
        C.date("landed_on", "抵岸日期", required=False, help="在水上收缴时必填"),
    ],
    results=[DEADLINE],
    basis=[B.CF_71, B.CF_85, B.MF_201],
    examples=[{"collected_on": "2026-02-13", "on_water": False}],
)
def onsite_fine_handin(ctx: Context, p: dict) -> dict:
    start = p["collected_on"]
    if p["on_water"]:
        if p["landed_on"] is None:
            raise RuleError("missing_parameter", "在水上收缴罚款时必须填写参数 landed_on（抵岸日期）", "landed_on")
        check_order(start, p["landed_on"], "landed_on", "参数 landed_on（抵岸日期）不能早于收缴日期")
        start = p["landed_on"]
    elif p["landed_on"] is not None:
        ctx.warn("未在水上收缴，抵岸日期不影响期限，已忽略。")
    ctx.cite(B.CF_71, B.CF_85, B.MF_201)
    return {"deadline": add_working_days(ctx.cal, start, 2)}


@rule(
    "hearing_right",
    title="是否应当告知听证权利",
    category=CATEGORY,
    summary="较大数额罚款、没收较大数额违法所得或较大价值非法财物、降低资质等级、吊销许可证件、责令停产停业、责令关闭、"
    "限制从业应当告知听证权利。“较大数额”由行业或地区规定，系统按配置判断（达到起点即需告知）。",
    params=[
        C.party_type(),
        C.penalty_kinds(),
        C.amount("fine_amount", "罚款金额", required=False, default=Decimal("0")),
        C.amount("confiscation_amount", "没收金额或价值", required=False, default=Decimal("0")),
        C.sector(),
        C.region(),
        C.decided_on(),
    ],
    results=[REQUIRED],
    basis=[B.CF_63, B.GA_123, B.MF_1259],
    examples=[{
        "party_type": "citizen", "penalty_kinds": ["fine"], "fine_amount": 2000, "confiscation_amount": 0,
        "sector": "general", "region": "440300", "decided_on": "2026-03-02",
    }],
)
def hearing_right(ctx: Context, p: dict) -> dict:
    kinds, fine, confiscation = p["penalty_kinds"], p["fine_amount"], p["confiscation_amount"]
    check_fine(kinds, fine)
    confiscates = [k for k in kinds if k in CONFISCATIONS]
    if confiscation > 0 and not confiscates:
        raise RuleError(
            "inconsistent", "参数 confiscation_amount（没收金额或价值）大于0，但 penalty_kinds（处罚种类）未包含没收",
            "confiscation_amount",
        )
    ctx.cite(B.CF_63)
    citizen = _is_citizen(p["party_type"])
    where = {"on": ctx.facts_date(p["decided_on"], "决定日期"), "region": p["region"], "sector": p["sector"]}
    required = any(k in HEAVY for k in kinds)
    if "fine" in kinds:
        limit = ctx.threshold("hearing.citizen_fine_min" if citizen else "hearing.org_fine_min", **where)
        ctx.cite(B.MF_1259)
        required = required or fine >= limit
    if confiscates:
        if confiscation == 0:
            ctx.warn("未填写没收金额或价值，无法判断是否属于“没收较大数额违法所得、没收较大价值非法财物”。")
        else:
            key = "hearing.citizen_confiscation_min" if citizen else "hearing.org_confiscation_min"
            limit = ctx.threshold(key, **where)
            ctx.cite(B.MF_1259)
            required = required or confiscation >= limit
    maybe = [k for k in kinds if k in MAYBE_HEAVY]
    if maybe and not required:
        ctx.warn(f"{kinds_text(maybe)}可能属于第63条第1款第5项“其他较重的行政处罚”，请结合本行业、本地区规定判断是否告知听证权利。")
    if "detention" in kinds:
        ctx.warn("行政拘留的听证适用治安管理处罚法（2026年1月1日起施行的修订本未核实），本规则不作判断。")
    return {"required": required}


@rule(
    "hearing_request_deadline",
    title="当事人要求听证的期限",
    category=CATEGORY,
    summary="当事人应当在行政机关告知后五个工作日内提出听证要求（告知当日不计入）；2021年7月15日前告知的为三日。",
    params=[
        C.date("notice_served_on", "告知送达日期"),
        C.date("requested_on", "提出听证要求日期", required=False),
    ],
    results=[DEADLINE, Result("timely", "bool", "是否在期限内提出")],
    basis=[B.CF_64_1, B.CF_85, B.CF96_42, B.MF_201],
    examples=[{"notice_served_on": "2026-09-30", "requested_on": "2026-10-14"}],
)
def hearing_request_deadline(ctx: Context, p: dict) -> dict:
    served = p["notice_served_on"]
    if served < CF_2021:
        days = 3
        ctx.cite(B.CF96_42)
        ctx.warn(f"告知{OLD_LAW}第42条（三日内提出）；该法未规定“三日”为工作日，本结果按工作日计算（对当事人更有利），请核对。")
    else:
        days = 5
        ctx.cite(B.CF_64_1, B.CF_85)
    ctx.cite(B.MF_201)
    deadline = party_deadline(ctx, add_working_days(ctx.cal, served, days), "听证要求期限")
    requested = p["requested_on"]
    return {"deadline": deadline, "timely": None if requested is None else requested <= deadline}


@rule(
    "hearing_notice",
    title="听证通知是否提前七个工作日",
    category=CATEGORY,
    summary="行政机关应当在举行听证的七个工作日前通知当事人。系统从严计算：通知送达日和听证日都不计入，"
    "其间须有七个完整的工作日，因此最早听证日为第七个工作日的次日。",
    params=[C.date("notice_served_on", "听证通知送达日期"), C.date("hearing_on", "听证日期")],
    results=[Result("compliant", "bool", "是否符合"), Result("earliest_hearing_on", "date", "最早听证日")],
    basis=[B.CF_64_2, B.CF_85],
    examples=[{"notice_served_on": "2026-02-13", "hearing_on": "2026-03-03"}],
)
def hearing_notice(ctx: Context, p: dict) -> dict:
    ctx.cite(B.CF_64_2, B.CF_85)
    earliest = add_working_days(ctx.cal, p["notice_served_on"], 7) + ONE_DAY
    return {"compliant": p["hearing_on"] >= earliest, "earliest_hearing_on": earliest}


@rule(
    "legal_review_required",
    title="是否需要法制审核",
    category=CATEGORY,
    summary="涉及重大公共利益、经听证的重大权益案件、疑难复杂案件、法律法规规定的其他情形，决定前应当法制审核；"
    "地区可以配置为普通程序案件一律审核。",
    params=[
        C.flag("major_public_interest", "涉及重大公共利益"),
        C.flag("major_rights_after_hearing", "直接关系重大权益且经过听证"),
        C.flag("complex", "案情疑难复杂、涉及多个法律关系"),
        C.flag("required_by_law", "法律、法规规定应当审核"),
        C.region(),
        C.sector(),
        C.decided_on(),
    ],
    results=[REQUIRED],
    basis=[B.CF_58],
    examples=[{
        "major_public_interest": False, "major_rights_after_hearing": True, "complex": False,
        "required_by_law": False, "region": "440300", "sector": "general", "decided_on": "2026-03-02",
    }],
)
def legal_review_required(ctx: Context, p: dict) -> dict:
    ctx.cite(B.CF_58)
    required = any(p[k] for k in ("major_public_interest", "major_rights_after_hearing", "complex", "required_by_law"))
    everything = ctx.threshold(
        "legal_review.all_ordinary_procedure", on=ctx.facts_date(p["decided_on"], "决定日期"), region=p["region"],
        sector=p["sector"],
    )
    if everything and not required:
        ctx.warn("本地区配置为普通程序案件一律进行法制审核。")
        required = True
    return {"required": required}


@rule(
    "collective_discussion_required",
    title="是否需要负责人集体讨论",
    category=CATEGORY,
    summary="对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。",
    params=[C.flag("complex", "情节复杂"), C.flag("serious", "重大违法行为")],
    results=[REQUIRED],
    basis=[B.CF_57],
    examples=[{"complex": True, "serious": False}],
)
def collective_discussion_required(ctx: Context, p: dict) -> dict:
    ctx.cite(B.CF_57)
    return {"required": p["complex"] or p["serious"]}


@rule(
    "decision_deadline",
    title="行政处罚决定期限（办案期限）",
    category=CATEGORY,
    summary="自立案之日起九十日内作出决定（日历日，立案当日不计入，机关期限不顺延）；延长天数依次累加，"
    "扣除期间（中止、听证、公告、检测鉴定等）不计入。",
    params=[
        C.date("filed_on", "立案日期"),
        C.sector(),
        Param("extensions", "int_list", "延长天数", required=False, default=(), help="每次批准延长的天数，如 [30]"),
        C.excluded_periods(),
        C.date("decided_on", "决定日期", required=False),
    ],
    results=[DEADLINE, Result("overdue", "bool", "是否超期")],
    basis=[B.CF_60, B.SC_CX_CASE, B.MF_201],
    examples=[{
        "filed_on": "2026-01-05", "sector": "market_regulation", "extensions": [30],
        "excluded_periods": [["2026-02-02", "2026-02-11"]], "decided_on": "2026-05-20",
    }],
)
def decision_deadline(ctx: Context, p: dict) -> dict:
    filed, sector, extensions, excluded = p["filed_on"], p["sector"], p["extensions"], p["excluded_periods"]
    where = {"on": filed, "sector": sector}
    days = ctx.threshold("decision.days", **where)
    start = filed - ONE_DAY if ctx.threshold("decision.count_filing_day", **where) else filed
    ctx.cite(B.MF_201)
    if filed < CF_2021:
        ctx.warn(f"立案{OLD_LAW}，该法未规定九十日办案期限；本结果按现行第60条计算，仅供参考。")
    if sector == "public_security":
        ctx.warn("治安案件的办案期限适用治安管理处罚法（2026年1月1日起施行的修订本未核实），请核对。")
    if extensions:
        limit = ctx.threshold("decision.max_extension_days", **where)
        if limit is None:
            ctx.warn("行政处罚法第60条未规定延长办案期限；延长须有法律、法规、规章依据。")
        else:
            if extensions[0] > limit:
                ctx.warn(f"首次延长{extensions[0]}日超过可批准的{limit}日。")
            if len(extensions) > 1:
                ctx.warn("再次延长须由行政机关负责人集体讨论决定，并确定合理的延长期限。")
    if excluded:
        if sector == "general":
            ctx.warn("行政处罚法第60条未规定扣除期间；扣除须有法律、法规、规章依据。")
        elif sector == "market_regulation":
            ctx.cite(B.SC_CX_CASE)
    deadline = add_calendar_days(start, days + sum(extensions), excluded)
    agency_deadline(ctx, deadline, "办案期限")
    decided = p["decided_on"]
    if decided is not None:
        check_order(filed, decided, "decided_on", "参数 decided_on（决定日期）不能早于立案日期")
    return {"deadline": deadline, "overdue": None if decided is None else decided > deadline}


@rule(
    "service_deadline",
    title="行政处罚决定书送达期限",
    category=CATEGORY,
    summary="当事人不在场的，应当在宣告后七个工作日内依照民事诉讼法送达决定书（宣告当日不计入）。",
    params=[C.date("announced_on", "宣告日期"), C.date("served_on", "送达日期", required=False)],
    results=[DEADLINE, Result("timely", "bool", "是否按期送达")],
    basis=[B.CF_61, B.CF_85],
    examples=[{"announced_on": "2026-09-29", "served_on": "2026-10-12"}],
)
def service_deadline(ctx: Context, p: dict) -> dict:
    ctx.cite(B.CF_61, B.CF_85, B.MF_201)
    deadline = add_working_days(ctx.cal, p["announced_on"], 7)
    served = p["served_on"]
    return {"deadline": deadline, "timely": None if served is None else served <= deadline}


@rule(
    "payment_deadline",
    title="缴纳罚款期限",
    category=CATEGORY,
    summary="当事人应当自收到决定书之日起十五日内缴纳罚款（日历日，收到当日不计入；最后一日为休息日的顺延）。",
    params=[C.date("received_on", "收到决定书日期")],
    results=[DEADLINE],
    basis=[B.CF_67, B.MF_201, B.MF_203],
    examples=[{"received_on": "2026-01-31"}],
)
def payment_deadline(ctx: Context, p: dict) -> dict:
    ctx.cite(B.CF_67, B.MF_201)
    last = p["received_on"] + dt.timedelta(days=15)
    return {"deadline": party_deadline(ctx, last, "缴纳罚款期限")}


@rule(
    "late_payment_surcharge",
    title="加处罚款",
    category=CATEGORY,
    summary="到期不缴纳的，每日按罚款数额的3%加处罚款，不超过罚款数额。从缴款期限届满（遇休息日顺延）次日起算至缴纳日，"
    "复议、诉讼期间不计算。",
    params=[
        C.amount("fine_amount", "罚款金额"),
        C.date("due_on", "缴款期限届满日"),
        C.date("paid_on", "实际缴纳（或计算截止）日期"),
        C.excluded_periods("复议、诉讼期间"),
    ],
    results=[Result("days", "int", "加处天数"), Result("amount", "amount", "加处罚款金额（元）")],
    basis=[B.CF_72, B.CF_73, B.QZ_45, B.MF_203],
    examples=[{"fine_amount": 1000, "due_on": "2026-02-24", "paid_on": "2026-03-10", "excluded_periods": []}],
)
def late_payment_surcharge(ctx: Context, p: dict) -> dict:
    fine, excluded = p["fine_amount"], p["excluded_periods"]
    ctx.cite(B.CF_72, B.QZ_45)
    due = party_deadline(ctx, p["due_on"], "缴款期限")
    days = counted_days(due, p["paid_on"], excluded)
    if excluded:
        ctx.cite(B.CF_73)
    amount = (fine * Decimal("0.03") * days).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount >= fine and days:
        amount = fine
        ctx.warn("加处罚款已达到罚款数额，不再增加（行政强制法第45条）。")
    if days > 30:
        ctx.cite(B.QZ_46)
        ctx.warn("加处罚款已超过三十日：经催告仍不履行的，可以依法强制执行或者申请人民法院强制执行。")
    return {"days": days, "amount": amount}


@rule(
    "limitation",
    title="追责时效（二年/五年）",
    category=CATEGORY,
    summary="违法行为二年内未被发现的不再处罚；涉及公民生命健康安全、金融安全且有危害后果的为五年（2021年7月15日起）。"
    "自行为发生（连续或继续状态的，自终了）之日起计算，当日不计入，到期年对应日届满。",
    params=[
        C.date("act_on", "违法行为发生日期"),
        C.date("act_ended_on", "连续或继续状态终了日期", required=False),
        C.date("discovered_on", "发现日期"),
        C.flag("life_health_or_financial_harm", "涉及生命健康安全、金融安全且有危害后果"),
    ],
    results=[Result("within", "bool", "是否在时效内"), Result("expires_on", "date", "时效届满日")],
    basis=[B.CF_36, B.MF_201, B.MF_202],
    examples=[{"act_on": "2024-02-29", "discovered_on": "2026-02-28", "life_health_or_financial_harm": False}],
)
def limitation(ctx: Context, p: dict) -> dict:
    start = p["act_on"]
    if p["act_ended_on"] is not None:
        check_order(start, p["act_ended_on"], "act_ended_on", "参数 act_ended_on（终了日期）不能早于违法行为发生日期")
        start = p["act_ended_on"]
    check_order(p["act_on"], p["discovered_on"], "discovered_on", "参数 discovered_on（发现日期）不能早于违法行为发生日期")
    ctx.cite(B.CF_36, B.MF_201, B.MF_202)
    years = 2
    if p["life_health_or_financial_harm"]:
        if start < CF_2021:
            ctx.warn("违法行为发生（终了）于2021年7月15日前，1996年行政处罚法没有五年时效，按二年计算（从旧兼从轻）。")
        else:
            years = 5
    expires = add_years(start, years)
    return {"within": p["discovered_on"] <= expires, "expires_on": expires}


@rule(
    "no_penalty",
    title="不予处罚 / 首违不罚",
    category=CATEGORY,
    summary="轻微并及时改正、没有危害后果的，或者有证据证明没有主观过错的，不予处罚；初次违法且危害后果轻微并及时改正的，"
    "可以不予处罚。不予处罚的应当进行教育。",
    params=[
        C.flag("minor", "违法行为轻微"),
        C.flag("corrected_promptly", "及时改正"),
        C.choice("harm", "危害后果", (("none", "没有危害后果"), ("minor", "危害后果轻微"), ("other", "其他危害后果"))),
        C.flag("first_violation", "初次违法"),
        C.flag("no_fault", "有证据足以证明没有主观过错"),
    ],
    results=[Result(
        "outcome", "outcome", "结论",
        (("must_not_penalize", "不予行政处罚"), ("may_not_penalize", "可以不予行政处罚"), ("penalize", "依法给予处罚")),
    )],
    basis=[B.CF_33_1, B.CF_33_2, B.CF_33_3],
    examples=[{"minor": False, "corrected_promptly": True, "harm": "minor", "first_violation": True, "no_fault": False}],
)
def no_penalty(ctx: Context, p: dict) -> dict:
    corrected, harm = p["corrected_promptly"], p["harm"]
    if p["no_fault"]:
        ctx.cite(B.CF_33_2)
        ctx.warn("法律、行政法规对主观过错另有规定的，从其规定。")
        outcome = "must_not_penalize"
    elif p["minor"] and corrected and harm == "none":
        ctx.cite(B.CF_33_1)
        outcome = "must_not_penalize"
    elif p["first_violation"] and corrected and harm in ("none", "minor"):
        ctx.cite(B.CF_33_1)
        outcome = "may_not_penalize"
    else:
        ctx.cite(B.CF_33_1, B.CF_33_2)
        outcome = "penalize"
    if outcome != "penalize":
        ctx.cite(B.CF_33_3)
        ctx.warn("依法不予行政处罚的，应当对当事人进行教育。")
    return {"outcome": outcome}


@rule(
    "minor_offender",
    title="未成年人违法",
    category=CATEGORY,
    summary="不满十四周岁的不予处罚；已满十四周岁不满十八周岁的从轻或者减轻处罚。周岁从生日的第二天起算，"
    "生日当天仍按未满计算（对未成年人有利）。",
    params=[C.date("birth_date", "出生日期"), C.date("act_on", "违法行为发生日期")],
    results=[Result(
        "outcome", "outcome", "结论",
        (("no_penalty", "不予行政处罚"), ("lighter", "应当从轻或者减轻处罚"), ("normal", "不适用未成年人规定")),
    )],
    basis=[B.CF_30, B.XS_JS_2],
    examples=[{"birth_date": "2012-03-01", "act_on": "2026-03-01"}],
)
def minor_offender(ctx: Context, p: dict) -> dict:
    birth, act = p["birth_date"], p["act_on"]
    check_order(birth, act, "birth_date", "参数 birth_date（出生日期）不能晚于违法行为发生日期")
    ctx.cite(B.CF_30)
    fourteenth, eighteenth = add_years(birth, 14), add_years(birth, 18)
    if act in (fourteenth, eighteenth):
        ctx.cite(B.XS_JS_2)
        age = 14 if act == fourteenth else 18
        ctx.warn(f"行为发生在{age}周岁生日当天：周岁从生日的第二天起算，按未满{age}周岁处理。")
    if act <= fourteenth:
        outcome = "no_penalty"
    elif act <= eighteenth:
        outcome = "lighter"
    else:
        outcome = "normal"
    return {"outcome": outcome}


@rule(
    "preservation_decision_deadline",
    title="先行登记保存处理决定期限",
    category=CATEGORY,
    summary="先行登记保存后应当在七个工作日内作出处理决定（保存当日不计入）。",
    params=[C.date("preserved_on", "先行登记保存日期")],
    results=[DEADLINE],
    basis=[B.CF_56, B.CF_85],
    examples=[{"preserved_on": "2026-09-28"}],
)
def preservation_decision_deadline(ctx: Context, p: dict) -> dict:
    ctx.cite(B.CF_56, B.CF_85, B.MF_201)
    return {"deadline": add_working_days(ctx.cal, p["preserved_on"], 7)}


@rule(
    "clue_verification_deadline",
    title="线索核查（是否立案）期限",
    category=CATEGORY,
    summary="市场监管：自发现线索或收到材料之日起十五个工作日内核查并决定是否立案，经批准可延长十五个工作日，"
    "检测、检验、检疫、鉴定等时间不计入。其他领域无全国统一期限（按配置）。",
    params=[
        C.date("received_on", "发现线索或收到材料日期"),
        C.sector(),
        C.flag("extended", "经批准延长", required=False),
        C.excluded_periods("检测、检验、检疫、鉴定等期间"),
    ],
    results=[DEADLINE],
    basis=[B.SC_CX_18, B.CF_54],
    examples=[{
        "received_on": "2026-09-18", "sector": "market_regulation", "extended": False,
        "excluded_periods": [["2026-09-24", "2026-09-30"]],
    }],
)
def clue_verification_deadline(ctx: Context, p: dict) -> dict:
    where = {"on": p["received_on"], "sector": p["sector"]}
    days = ctx.threshold("clue.verification_working_days", **where)
    if days is None:
        ctx.cite(B.CF_54)
        ctx.warn("本领域未配置线索核查期限：行政处罚法只要求符合立案标准的“及时立案”，请按本行业、本地区规定执行。")
        return {"deadline": None}
    if p["extended"]:
        extra = ctx.threshold("clue.extension_working_days", **where)
        days += extra or 0
    ctx.cite(B.MF_201)
    return {"deadline": add_working_days(ctx.cal, p["received_on"], days, p["excluded_periods"])}
