"""Boundary tests of the 行政处罚法 rules. Expected values are worked out by hand from the law.

Calendar facts used (《国务院办公厅关于2026年部分节假日安排的通知》): 春节 2/15–2/23 with 2/14 and 2/28 (Saturdays) working;
清明 4/4–4/6; 劳动节 5/1–5/5 with 5/9 working; 中秋 9/25–9/27; 国庆 10/1–10/7 with 9/20 (Sunday)
and 10/10 (Saturday) working.
"""

import datetime as dt

import pytest

from zhifa.legal import RuleError
from zhifa.legal.calendar import WorkCalendar
from zhifa.legal.engine import Rules
from zhifa.legal.thresholds import BUILTIN, ThresholdTable, ThresholdValue


def articles(answer):
    return {(b["law"].removeprefix("中华人民共和国"), b["article"]) for b in answer["basis"]}


# --- simple_procedure: 第51条 (≤200 citizen, ≤3000 organisation), 1996 law 第33条 (≤50 / ≤1000) -----


@pytest.mark.parametrize(
    "party, amount, allowed",
    [
        ("citizen", 199, True), ("citizen", 200, True), ("citizen", 201, False),  # 二百元以下 includes 200 (第1259条)
        ("legal_person", 2999, True), ("legal_person", 3000, True), ("legal_person", 3001, False),
        ("other_org", 3000, True), ("other_org", 3001, False),
    ],
)
def test_simple_procedure_2021_limits(ev, party, amount, allowed):
    answer = ev("simple_procedure", party_type=party, penalty_kinds=["fine"], fine_amount=amount, decided_on="2026-03-02")
    assert answer["allowed"] is allowed
    assert ("行政处罚法", "第51条") in articles(answer)


@pytest.mark.parametrize(
    "party, amount, allowed",
    [
        ("citizen", 49, True), ("citizen", 50, True), ("citizen", 51, False),  # 1996 law 第33条: 五十元以下
        ("legal_person", 999, True), ("legal_person", 1000, True), ("legal_person", 1001, False),  # 一千元以下
    ],
)
def test_simple_procedure_1996_limits(ev, party, amount, allowed):
    answer = ev("simple_procedure", party_type=party, penalty_kinds=["fine"], fine_amount=amount, decided_on="2021-07-14")
    assert answer["allowed"] is allowed
    assert any("1996" in b["law"] for b in answer["basis"])
    assert any("1996年施行的行政处罚法" in w for w in answer["warnings"])


@pytest.mark.parametrize(
    "decided_on, allowed",
    [("2021-07-14", False), ("2021-07-15", True), ("2021-07-16", True)],  # 2021 revision in force 2021-07-15
)
def test_simple_procedure_switches_law_on_2021_07_15(ev, decided_on, allowed):
    answer = ev("simple_procedure", party_type="citizen", penalty_kinds=["fine"], fine_amount=200, decided_on=decided_on)
    assert answer["allowed"] is allowed


def test_simple_procedure_kinds(ev):
    # 第51条: only 警告 or 罚款 on the spot.
    assert ev("simple_procedure", party_type="citizen", penalty_kinds=["warning"], decided_on="2026-03-02")["allowed"]
    answer = ev("simple_procedure", party_type="citizen", penalty_kinds=["circulate_criticism"], decided_on="2026-03-02")
    assert answer["allowed"] is False
    assert "通报批评须适用普通程序" in answer["warnings"][0]


def test_simple_procedure_fine_must_match_kinds(ev):
    with pytest.raises(RuleError) as raised:
        ev("simple_procedure", party_type="citizen", penalty_kinds=["warning"], fine_amount=50, decided_on="2026-03-02")
    assert raised.value.field == "fine_amount"
    with pytest.raises(RuleError) as raised:
        ev("simple_procedure", party_type="citizen", penalty_kinds=["fine"], decided_on="2026-03-02")
    assert raised.value.field == "fine_amount"


# --- onsite_collection: 第68条 (≤100 yuan or hard to enforce), 第69条 (remote area on request) ---------


@pytest.mark.parametrize(
    "amount, hard, remote, allowed",
    [
        (99, False, False, True), (100, False, False, True), (101, False, False, False),
        (101, True, False, True), (101, False, True, True),
    ],
)
def test_onsite_collection(ev, amount, hard, remote, allowed):
    answer = ev("onsite_collection", fine_amount=amount, hard_to_enforce_later=hard, remote_area_requested=remote)
    assert answer["allowed"] is allowed
    assert ("行政处罚法", "第68条") in articles(answer)
    assert (("行政处罚法", "第69条") in articles(answer)) is remote


# --- onsite_fine_handin: 第71条, 2 working days (第85条) ----------------------------------------------


@pytest.mark.parametrize(
    "collected_on, deadline",
    [
        ("2026-02-12", "2026-02-14"),  # Thu: 2/13 (1), 2/14 调休 Saturday (2)
        ("2026-02-13", "2026-02-24"),  # Fri: 2/14 (1), 2/15–2/23 春节, 2/24 (2)
        ("2026-02-14", "2026-02-25"),  # 调休 Saturday: 2/24 (1), 2/25 (2)
        ("2026-01-02", "2026-01-05"),  # on 元旦: 1/3 holiday, 1/4 调休 Sunday (1), 1/5 (2)
        ("2026-09-30", "2026-10-09"),  # 10/1–10/7 国庆, 10/8 (1), 10/9 (2)
    ],
)
def test_onsite_fine_handin(ev, collected_on, deadline):
    assert ev("onsite_fine_handin", collected_on=collected_on)["deadline"] == deadline


def test_onsite_fine_handin_on_water_counts_from_landing(ev):
    # Landed Thu 4/30: 5/1–5/5 劳动节, 5/6 (1), 5/7 (2).
    answer = ev("onsite_fine_handin", collected_on="2026-04-28", on_water=True, landed_on="2026-04-30")
    assert answer["deadline"] == "2026-05-07"
    with pytest.raises(RuleError) as raised:
        ev("onsite_fine_handin", collected_on="2026-04-28", on_water=True)
    assert raised.value.field == "landed_on" and "抵岸日期" in raised.value.message
    with pytest.raises(RuleError):
        ev("onsite_fine_handin", collected_on="2026-04-28", on_water=True, landed_on="2026-04-27")


# --- hearing_right: 第63条; “较大数额” configured (national default 2000/10000 [U]) ------------------


@pytest.mark.parametrize(
    "party, amount, required",
    [
        ("citizen", 1999, False), ("citizen", 2000, True), ("citizen", 2001, True),  # “以上” includes 2000
        ("legal_person", 9999, False), ("legal_person", 10000, True), ("legal_person", 10001, True),
    ],
)
def test_hearing_right_fine_thresholds(ev, party, amount, required):
    answer = ev("hearing_right", party_type=party, penalty_kinds=["fine"], fine_amount=amount, sector="general")
    assert answer["required"] is required
    assert any("未经核实" in w for w in answer["warnings"])  # the default is a configured, unverified figure


@pytest.mark.parametrize("amount, required", [(1999, False), (2000, True), (2001, True)])
def test_hearing_right_confiscation_threshold(ev, amount, required):
    answer = ev("hearing_right", party_type="citizen", penalty_kinds=["confiscate_gains"], confiscation_amount=amount)
    assert answer["required"] is required


@pytest.mark.parametrize("amount, required", [(1999, False), (2000, True)])
def test_hearing_right_public_security(ev, amount, required):
    # 公安机关办理行政案件程序规定第123条: 个人二千元以上.
    answer = ev("hearing_right", party_type="citizen", penalty_kinds=["fine"], fine_amount=amount, sector="public_security")
    assert answer["required"] is required
    assert ("公安机关办理行政案件程序规定", "第123条") in articles(answer)


@pytest.mark.parametrize(
    "kind", ["downgrade_qualification", "revoke_license", "order_suspension", "order_closure", "restrict_employment"]
)
def test_hearing_right_heavy_kinds(ev, kind):
    # 第63条第1款第3、4项: always.
    assert ev("hearing_right", party_type="legal_person", penalty_kinds=[kind])["required"] is True


def test_hearing_right_other_heavy_is_a_warning(ev):
    answer = ev("hearing_right", party_type="legal_person", penalty_kinds=["suspend_license"])
    assert answer["required"] is False
    assert any("其他较重的行政处罚" in warning for warning in answer["warnings"])


def test_hearing_right_confiscation_requires_kind(ev):
    with pytest.raises(RuleError) as raised:
        ev("hearing_right", party_type="citizen", penalty_kinds=["fine"], fine_amount=10, confiscation_amount=5)
    assert raised.value.field == "confiscation_amount"


# --- hearing_request_deadline: 第64条第1项, five working days; 1996 law: three days ------------------


@pytest.mark.parametrize(
    "requested_on, timely",
    [("2026-10-12", True), ("2026-10-13", True), ("2026-10-14", False)],
)
def test_hearing_request_across_national_day(ev, requested_on, timely):
    # Notice 9/30: 10/8 (1), 10/9 (2), 10/10 调休 Saturday (3), 10/12 (4), 10/13 (5).
    answer = ev("hearing_request_deadline", notice_served_on="2026-09-30", requested_on=requested_on)
    assert answer["deadline"] == "2026-10-13"
    assert answer["timely"] is timely


def test_hearing_request_across_spring_festival(ev):
    # Notice 2/12: 2/13 (1), 2/14 调休 (2), 2/24 (3), 2/25 (4), 2/26 (5).
    answer = ev("hearing_request_deadline", notice_served_on="2026-02-12")
    assert (answer["deadline"], answer["timely"]) == ("2026-02-26", None)


def test_hearing_request_versions(ev):
    # 1996 law 第42条: 三日 → 7/15 (1), 7/16 (2), 7/19 (3), counted as working days.
    old = ev("hearing_request_deadline", notice_served_on="2021-07-14")
    assert old["deadline"] == "2021-07-19"
    assert any("三日" in w for w in old["warnings"])
    # 2021 law: 7/16, 7/19, 7/20, 7/21, 7/22.
    assert ev("hearing_request_deadline", notice_served_on="2021-07-15")["deadline"] == "2021-07-22"


# --- hearing_notice: 第64条第2项, seven working days before; both end days excluded ---------------------


@pytest.mark.parametrize(
    "hearing_on, compliant",
    [("2026-03-02", False), ("2026-03-03", True), ("2026-03-04", True)],
)
def test_hearing_notice_across_spring_festival(ev, hearing_on, compliant):
    # Notice 2/13: 2/14 (1), 2/24 (2), 2/25 (3), 2/26 (4), 2/27 (5), 2/28 调休 (6), 3/2 (7) → hearing from 3/3.
    answer = ev("hearing_notice", notice_served_on="2026-02-13", hearing_on=hearing_on)
    assert answer["earliest_hearing_on"] == "2026-03-03"
    assert answer["compliant"] is compliant


def test_hearing_notice_across_national_day(ev):
    # Notice 9/28: 9/29, 9/30, 10/8, 10/9, 10/10 (调休), 10/12, 10/13 (7) → from 10/14.
    assert ev("hearing_notice", notice_served_on="2026-09-28", hearing_on="2026-10-13")["compliant"] is False
    assert ev("hearing_notice", notice_served_on="2026-09-28", hearing_on="2026-10-14")["earliest_hearing_on"] == "2026-10-14"


# --- legal_review_required (第58条) and collective_discussion_required (第57条第2款) -------------------

REVIEW_FLAGS = ["major_public_interest", "major_rights_after_hearing", "complex", "required_by_law"]


@pytest.mark.parametrize("flag", REVIEW_FLAGS)
def test_legal_review_each_ground(ev, flag):
    params = dict.fromkeys(REVIEW_FLAGS, False) | {flag: True}
    assert ev("legal_review_required", **params)["required"] is True


def test_legal_review_none(ev):
    answer = ev("legal_review_required", **dict.fromkeys(REVIEW_FLAGS, False))
    assert answer["required"] is False
    assert ("行政处罚法", "第58条") in articles(answer)


@pytest.mark.parametrize(
    "complex_, serious, required", [(False, False, False), (True, False, True), (False, True, True), (True, True, True)]
)
def test_collective_discussion(ev, complex_, serious, required):
    answer = ev("collective_discussion_required", complex=complex_, serious=serious)
    assert answer["required"] is required
    assert ("行政处罚法", "第57条第2款") in articles(answer)


# --- decision_deadline: 第60条, 90 calendar days, agency-side (no roll-forward) ------------------------


@pytest.mark.parametrize(
    "decided_on, overdue", [("2026-04-04", False), ("2026-04-05", False), ("2026-04-06", True)]
)
def test_decision_deadline_ninety_days(ev, decided_on, overdue):
    # Filed 1/5: Jan 26 days + Feb 28 + Mar 31 = 85 → 4/5 is day 90. 4/5 is 清明 (Sunday): not rolled.
    answer = ev("decision_deadline", filed_on="2026-01-05", decided_on=decided_on)
    assert answer["deadline"] == "2026-04-05"
    assert answer["overdue"] is overdue
    assert any("不顺延" in w for w in answer["warnings"])


def test_decision_deadline_ends_on_national_day_strictly(ev):
    # Filed 7/3: Jul 28 + Aug 31 + Sep 30 = 89 → day 90 is 10/1 (国庆), stays 10/1.
    assert ev("decision_deadline", filed_on="2026-07-03")["deadline"] == "2026-10-01"


@pytest.mark.parametrize(
    "decided_on, overdue", [("2026-05-14", False), ("2026-05-15", False), ("2026-05-16", True)]
)
def test_decision_deadline_market_regulation_extension_and_exclusion(ev, decided_on, overdue):
    # 90 + 30 (extension) + 10 (2/2–2/11 excluded) = 130 days after 1/5 → 5/15.
    answer = ev(
        "decision_deadline", filed_on="2026-01-05", sector="market_regulation", extensions=[30],
        excluded_periods=[["2026-02-02", "2026-02-11"]], decided_on=decided_on,
    )
    assert answer["deadline"] == "2026-05-15"
    assert answer["overdue"] is overdue
    assert answer["warnings"] == []


def test_decision_deadline_warnings(ev):
    general = ev("decision_deadline", filed_on="2026-01-05", extensions=[30], excluded_periods=[["2026-02-02", "2026-02-03"]])
    assert general["deadline"] == "2026-05-07"  # 90 + 30 + 2 = 122 days
    assert any("未规定延长" in w for w in general["warnings"])
    assert any("未规定扣除期间" in w for w in general["warnings"])
    market = ev("decision_deadline", filed_on="2026-01-05", sector="market_regulation", extensions=[31, 20])
    assert any("超过可批准的30日" in w for w in market["warnings"])
    assert any("集体讨论" in w for w in market["warnings"])
    old = ev("decision_deadline", filed_on="2021-07-14")
    assert any("未规定九十日办案期限" in w for w in old["warnings"])


# --- service_deadline: 第61条, 7 working days ---------------------------------------------------------


@pytest.mark.parametrize("served_on, timely", [("2026-10-13", True), ("2026-10-14", True), ("2026-10-15", False)])
def test_service_deadline(ev, served_on, timely):
    # Announced 9/29: 9/30 (1), 10/8 (2), 10/9 (3), 10/10 调休 (4), 10/12 (5), 10/13 (6), 10/14 (7).
    answer = ev("service_deadline", announced_on="2026-09-29", served_on=served_on)
    assert answer["deadline"] == "2026-10-14"
    assert answer["timely"] is timely


# --- payment_deadline: 第67条第3款, 15 calendar days, party-side roll-forward (民法典第203条) -------------


@pytest.mark.parametrize(
    "received_on, deadline, rolled",
    [
        ("2026-01-28", "2026-02-12", False),  # Thursday
        ("2026-01-30", "2026-02-14", False),  # 调休 Saturday is a working day: no roll
        ("2026-01-31", "2026-02-24", True),  # 2/15 春节 → 2/24
        ("2026-09-16", "2026-10-08", True),  # 10/1 国庆 → 10/8
        ("2026-09-25", "2026-10-10", False),  # 调休 Saturday
        ("2026-09-26", "2026-10-12", True),  # 10/11 ordinary Sunday → Monday
    ],
)
def test_payment_deadline(ev, received_on, deadline, rolled):
    answer = ev("payment_deadline", received_on=received_on)
    assert answer["deadline"] == deadline
    assert (("民法典", "第203条") in articles(answer)) is rolled


def test_payment_deadline_in_unknown_year_warns(ev):
    # 2027 not in the calendar: 1/16 is a Saturday → Monday 1/18, with the fallback warning.
    answer = ev("payment_deadline", received_on="2027-01-01")
    assert answer["deadline"] == "2027-01-18"
    assert any("2027年的法定节假日和调休安排尚未录入" in w for w in answer["warnings"])


# --- late_payment_surcharge: 第72条 3 %/day capped at the fine, 第73条第3款 exclusions -------------------


@pytest.mark.parametrize(
    "paid_on, days, amount",
    [
        ("2026-02-23", 0, 0),
        ("2026-02-24", 0, 0),  # paid on the due date
        ("2026-02-25", 1, 30),  # 1000 × 3 % × 1
        ("2026-03-10", 14, 420),  # 2/25–2/28 (4) + 3/1–3/10 (10)
        ("2026-03-28", 32, 960),
        ("2026-03-29", 33, 990),
        ("2026-03-30", 34, 1000),  # 1020 capped at the fine (行政强制法第45条)
    ],
)
def test_late_payment_surcharge(ev, paid_on, days, amount):
    answer = ev("late_payment_surcharge", fine_amount=1000, due_on="2026-02-24", paid_on=paid_on)
    assert (answer["days"], answer["amount"]) == (days, amount)


def test_late_payment_surcharge_due_date_rolls_forward(ev):
    # Due 2/15 (春节) → 2/24; paying on 2/24 is on time, 2/25 is one day late.
    assert ev("late_payment_surcharge", fine_amount=1000, due_on="2026-02-15", paid_on="2026-02-24")["days"] == 0
    assert ev("late_payment_surcharge", fine_amount=1000, due_on="2026-02-15", paid_on="2026-02-25")["days"] == 1


def test_late_payment_surcharge_excludes_review_period(ev):
    # 14 days minus 3/1–3/5 (5 days of 复议) = 9 → 270.
    answer = ev(
        "late_payment_surcharge", fine_amount=1000, due_on="2026-02-24", paid_on="2026-03-10",
        excluded_periods=[["2026-03-01", "2026-03-05"]],
    )
    assert (answer["days"], answer["amount"]) == (9, 270)
    assert ("行政处罚法", "第73条第3款") in articles(answer)


def test_late_payment_surcharge_rounds_to_cents(ev):
    # 333.33 × 3 % = 9.9999 → 10.00; 33 days: 329.9967 → 330.00.
    one = ev("late_payment_surcharge", fine_amount="333.33", due_on="2026-02-24", paid_on="2026-02-25")
    assert one["amount"] == 10
    many = ev("late_payment_surcharge", fine_amount="333.33", due_on="2026-02-24", paid_on="2026-03-29")
    assert many["amount"] == 330
    assert ev("late_payment_surcharge", fine_amount="150.5", due_on="2026-02-24", paid_on="2026-02-25")["amount"] == 4.52


# --- limitation: 第36条, 2 years / 5 years, year periods end on the corresponding day -----------------


@pytest.mark.parametrize("discovered_on, within", [("2026-03-09", True), ("2026-03-10", True), ("2026-03-11", False)])
def test_limitation_two_years(ev, discovered_on, within):
    answer = ev("limitation", act_on="2024-03-10", discovered_on=discovered_on, life_health_or_financial_harm=False)
    assert answer["expires_on"] == "2026-03-10"
    assert answer["within"] is within


def test_limitation_leap_day(ev):
    # 2024-02-29 + 2 years: no 2/29 in 2026 → 2/28 (民法典第202条).
    answer = ev("limitation", act_on="2024-02-29", discovered_on="2026-03-01", life_health_or_financial_harm=False)
    assert (answer["expires_on"], answer["within"]) == ("2026-02-28", False)


@pytest.mark.parametrize("discovered_on, within", [("2026-12-31", True), ("2027-01-01", True), ("2027-01-02", False)])
def test_limitation_five_years(ev, discovered_on, within):
    answer = ev("limitation", act_on="2022-01-01", discovered_on=discovered_on, life_health_or_financial_harm=True)
    assert answer["expires_on"] == "2027-01-01"
    assert answer["within"] is within


def test_limitation_continuing_act_and_old_law(ev):
    continuing = ev("limitation", act_on="2023-01-01", act_ended_on="2024-06-30", discovered_on="2026-06-30",
                    life_health_or_financial_harm=False)
    assert (continuing["expires_on"], continuing["within"]) == ("2026-06-30", True)
    old = ev("limitation", act_on="2021-07-14", discovered_on="2023-07-15", life_health_or_financial_harm=True)
    assert (old["expires_on"], old["within"]) == ("2023-07-14", False)
    new = ev("limitation", act_on="2021-07-15", discovered_on="2023-07-15", life_health_or_financial_harm=True)
    assert (new["expires_on"], new["within"]) == ("2026-07-15", True)
    with pytest.raises(RuleError) as raised:
        ev("limitation", act_on="2024-01-02", discovered_on="2024-01-01", life_health_or_financial_harm=False)
    assert raised.value.field == "discovered_on"


# --- no_penalty: 第33条 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "minor, corrected, harm, first, no_fault, outcome",
    [
        (True, True, "none", False, False, "must_not_penalize"),  # 第1款前段
        (True, False, "none", False, False, "penalize"),  # not corrected
        (True, True, "minor", False, False, "penalize"),  # harm, not first
        (False, True, "minor", True, False, "may_not_penalize"),  # 首违不罚 (第1款后段)
        (False, True, "other", True, False, "penalize"),  # harm more than minor
        (False, False, "minor", True, False, "penalize"),  # not corrected
        (False, False, "other", False, True, "must_not_penalize"),  # 第2款 no fault
    ],
)
def test_no_penalty(ev, minor, corrected, harm, first, no_fault, outcome):
    answer = ev("no_penalty", minor=minor, corrected_promptly=corrected, harm=harm, first_violation=first, no_fault=no_fault)
    assert answer["outcome"] == outcome
    assert (("行政处罚法", "第33条第3款") in articles(answer)) is (outcome != "penalize")


# --- minor_offender: 第30条, 周岁 from the day after the birthday ------------------------------------------


@pytest.mark.parametrize(
    "birth, act, outcome",
    [
        ("2012-03-01", "2026-02-28", "no_penalty"),
        ("2012-03-01", "2026-03-01", "no_penalty"),  # 14th birthday: not yet 已满十四周岁
        ("2012-03-01", "2026-03-02", "lighter"),
        ("2008-03-01", "2026-02-28", "lighter"),
        ("2008-03-01", "2026-03-01", "lighter"),  # 18th birthday: still 不满十八周岁
        ("2008-03-01", "2026-03-02", "normal"),
        ("2012-02-29", "2026-02-28", "no_penalty"),  # leap-day birthday falls on 2/28
        ("2012-02-29", "2026-03-01", "lighter"),
    ],
)
def test_minor_offender(ev, birth, act, outcome):
    answer = ev("minor_offender", birth_date=birth, act_on=act)
    assert answer["outcome"] == outcome


def test_minor_offender_birthday_warning_and_order(ev):
    assert "生日当天" in ev("minor_offender", birth_date="2012-03-01", act_on="2026-03-01")["warnings"][0]
    with pytest.raises(RuleError) as raised:
        ev("minor_offender", birth_date="2026-03-02", act_on="2026-03-01")
    assert raised.value.field == "birth_date"


# --- preservation_decision_deadline: 第56条, 7 working days -------------------------------------------


@pytest.mark.parametrize(
    "preserved_on, deadline",
    [
        ("2026-09-28", "2026-10-13"),  # 9/29, 9/30, 10/8, 10/9, 10/10 (调休), 10/12, 10/13
        ("2026-04-30", "2026-05-13"),  # 5/6, 5/7, 5/8, 5/9 (调休), 5/11, 5/12, 5/13
    ],
)
def test_preservation_decision_deadline(ev, preserved_on, deadline):
    assert ev("preservation_decision_deadline", preserved_on=preserved_on)["deadline"] == deadline


# --- clue_verification_deadline: 市场监督管理行政处罚程序规定第18条, 15 (+15) working days ------------------


def test_clue_verification_market_regulation(ev):
    # 9/18: 9/20 (调休 Sunday) 1, 9/21–9/24 2–5, 9/28–9/30 6–8, 10/8 9, 10/9 10, 10/10 (调休) 11, 10/12–10/15 12–15.
    assert ev("clue_verification_deadline", received_on="2026-09-18", sector="market_regulation")["deadline"] == "2026-10-15"
    # +15: 10/16, 10/19–10/23, 10/26–10/30, 11/2–11/5 → 11/5.
    extended = ev("clue_verification_deadline", received_on="2026-09-18", sector="market_regulation", extended=True)
    assert extended["deadline"] == "2026-11-05"
    # Testing 9/24–9/30 not counted: …, 9/23 (4), 10/8 (5) … 10/21 (15).
    excluded = ev("clue_verification_deadline", received_on="2026-09-18", sector="market_regulation",
                  excluded_periods=[["2026-09-24", "2026-09-30"]])
    assert excluded["deadline"] == "2026-10-21"


def test_clue_verification_general_has_no_national_period(ev):
    answer = ev("clue_verification_deadline", received_on="2026-09-18")
    assert answer["deadline"] is None
    assert "及时立案" in answer["warnings"][0]


def test_a_threshold_applies_as_of_the_facts_date_not_today(ev):
    raised = ThresholdValue("onsite_collection.max_fine", 500, dt.date(2030, 1, 1))
    rules = Rules(WorkCalendar.from_package(), ThresholdTable((*BUILTIN, raised)))
    params = {"fine_amount": 300, "hard_to_enforce_later": False, "remote_area_requested": False}

    then = rules.evaluate("onsite_collection", {**params, "decided_on": "2026-03-02"}, today=dt.date(2031, 1, 1))
    assert then["allowed"] is False and then["warnings"] == []
    undated = rules.evaluate("onsite_collection", params, today=dt.date(2031, 1, 1))
    assert undated["allowed"] is True
    assert any("未填写决定日期" in warning for warning in undated["warnings"])


def test_every_regional_fallback_is_a_warning(ev):
    answer = ev("hearing_right", party_type="citizen", penalty_kinds=["fine"], fine_amount=2000, region="440308",
                decided_on="2026-03-02")
    assert any("行政区划 440308 未配置" in w and "全国默认" in w for w in answer["warnings"])
    national = ev("hearing_right", party_type="citizen", penalty_kinds=["fine"], fine_amount=2000,
                  decided_on="2026-03-02")
    assert not any("未配置" in w for w in national["warnings"])
    province = ThresholdValue("hearing.citizen_fine_min", 3000, dt.date(2000, 1, 1), region="44")
    rules = Rules(WorkCalendar.from_package(), ThresholdTable((*BUILTIN, province)))
    answer = rules.evaluate("hearing_right", {"party_type": "citizen", "penalty_kinds": ["fine"], "fine_amount": 2000,
                                              "region": "440308", "decided_on": "2026-03-02"})
    assert answer["required"] is False
    assert any("上级行政区划（44）" in w and "3,000元" in w for w in answer["warnings"])
