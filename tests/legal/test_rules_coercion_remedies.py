"""Boundary tests of the 行政强制法, 行政复议法 and 行政诉讼法 rules (values worked out by hand).

2026 calendar as in test_rules_punishment; 2027 is not in the test calendar (fallback + warning).
"""

import pytest

from zhifa.legal import RuleError


def warned(answer, text):
    return any(text in w for w in answer["warnings"])


# --- seizure_deadline: 行政强制法第25条, 30 (+30) calendar days, testing excluded, agency-side --------------


@pytest.mark.parametrize("checked_on, overdue", [("2026-10-14", False), ("2026-10-15", False), ("2026-10-16", True)])
def test_seizure_thirty_days(ev, checked_on, overdue):
    # 9/15 + 30: Sep 15 days + Oct 15 → 10/15.
    answer = ev("seizure_deadline", seized_on="2026-09-15", checked_on=checked_on)
    assert (answer["deadline"], answer["overdue"]) == ("2026-10-15", overdue)


def test_seizure_extension_exclusion_and_holiday(ev):
    # +60 → 11/14, a Saturday: shown strictly with a warning.
    extended = ev("seizure_deadline", seized_on="2026-09-15", extended=True)
    assert extended["deadline"] == "2026-11-14" and warned(extended, "不顺延")
    # Testing 9/21–9/25 (5 days) not counted → 10/20.
    excluded = ev("seizure_deadline", seized_on="2026-09-15", excluded_periods=[["2026-09-21", "2026-09-25"]])
    assert excluded["deadline"] == "2026-10-20"
    # 9/1 + 30 = 10/1 (国庆): the agency's deadline is not moved.
    assert ev("seizure_deadline", seized_on="2026-09-01")["deadline"] == "2026-10-01"


# --- freeze_deadlines: 第31条 three working days (第69条), 第32条 30 (+30) calendar days --------------------


def test_freeze_deadlines(ev):
    # 4/30: 5/6 (1), 5/7 (2), 5/8 (3); decision 4/30 + 30 = 5/30 (Saturday, strict).
    answer = ev("freeze_deadlines", frozen_on="2026-04-30")
    assert (answer["notice_deadline"], answer["decision_deadline"]) == ("2026-05-08", "2026-05-30")
    assert ev("freeze_deadlines", frozen_on="2026-04-30", extended=True)["decision_deadline"] == "2026-06-29"
    # 2/12: 2/13 (1), 2/14 调休 (2), 2/24 (3).
    assert ev("freeze_deadlines", frozen_on="2026-02-12")["notice_deadline"] == "2026-02-24"


# --- enforcement_date_allowed: 第43条 -----------------------------------------------------------------


@pytest.mark.parametrize(
    "on, urgent, night, allowed",
    [
        ("2026-02-13", False, False, True),  # Friday before 春节
        ("2026-02-14", False, False, True),  # 调休 Saturday = working day
        ("2026-02-15", False, False, False),  # 春节
        ("2026-02-23", False, False, False),  # last day of 春节 (Monday)
        ("2026-02-24", False, False, True),
        ("2026-03-07", False, False, False),  # ordinary Saturday: treated strictly as a rest day
        ("2026-02-15", True, False, True),  # urgent
        ("2026-02-13", False, True, False),  # at night
        ("2026-02-13", True, True, True),
    ],
)
def test_enforcement_date_allowed(ev, on, urgent, night, allowed):
    assert ev("enforcement_date_allowed", on=on, urgent=urgent, at_night=night)["allowed"] is allowed


def test_enforcement_date_warnings(ev):
    assert warned(ev("enforcement_date_allowed", on="2026-02-15"), "春节")
    assert warned(ev("enforcement_date_allowed", on="2026-03-07"), "周末")
    assert warned(ev("enforcement_date_allowed", on="2026-02-15", urgent=True), "紧急")


# --- court_application_window: 行政强制法第53、54条, 司法解释第156条 ----------------------------------------


@pytest.mark.parametrize(
    "applied_on, status",
    [
        ("2026-10-12", "premature"), ("2026-10-13", "timely"), ("2026-10-14", "timely"),
        ("2026-12-14", "timely"), ("2026-12-15", "timely"), ("2026-12-16", "late"),
    ],
)
def test_court_application_window(ev, applied_on, status):
    # Known 3/15 → 起诉期限 6 months → 9/15 (Tuesday); latest = 9/15 + 3 months = 12/15.
    # 催告 served 9/21: 10 working days 9/22, 9/23, 9/24, 9/28, 9/29, 9/30, 10/8, 10/9, 10/10, 10/12 → from 10/13.
    answer = ev("court_application_window", decision_known_on="2026-03-15", demand_served_on="2026-09-21",
                applied_on=applied_on)
    assert (answer["earliest"], answer["latest"], answer["status"]) == ("2026-10-13", "2026-12-15", status)


def test_court_application_window_rolled_suit_period_and_unknown_year(ev):
    # Known 4/1 → 10/1 (国庆) rolled to 10/8 → earliest 10/9; latest 10/8 + 3 months = 2027-01-08 (2027 unknown).
    answer = ev("court_application_window", decision_known_on="2026-04-01", demand_served_on="2026-09-01")
    assert (answer["earliest"], answer["latest"], answer["status"]) == ("2026-10-09", "2027-01-08", None)
    assert warned(answer, "顺延至2026年10月8日")
    assert warned(answer, "2027年的法定节假日")


def test_court_application_window_order(ev):
    with pytest.raises(RuleError) as raised:
        ev("court_application_window", decision_known_on="2026-04-01", demand_served_on="2026-03-01")
    assert raised.value.field == "demand_served_on"


# --- reconsideration_application_deadline: 行政复议法第20条, 60 days, party-side -------------------------


@pytest.mark.parametrize(
    "known_on, deadline",
    [
        ("2026-08-01", "2026-09-30"),  # Wednesday
        ("2026-08-02", "2026-10-08"),  # 10/1 国庆 → 10/8
        ("2026-08-11", "2026-10-10"),  # 调休 Saturday
        ("2026-08-12", "2026-10-12"),  # Sunday 10/11 → Monday
    ],
)
def test_reconsideration_application(ev, known_on, deadline):
    assert ev("reconsideration_application_deadline", known_on=known_on, rights_informed=True)["deadline"] == deadline


def test_reconsideration_application_not_informed_and_old_law(ev):
    # Not informed: at most one year from knowing the content: 2025-10-01 → 2026-10-01 → 10/8.
    answer = ev("reconsideration_application_deadline", known_on="2025-10-01", rights_informed=False)
    assert answer["deadline"] == "2026-10-08" and warned(answer, "最长")
    assert warned(ev("reconsideration_application_deadline", known_on="2023-12-31", rights_informed=True), "2017年")


# --- reconsideration_decision_deadline: 第62条 (60 +30 / simple 30), agency-side --------------------------


def test_reconsideration_decision(ev):
    assert ev("reconsideration_decision_deadline", accepted_on="2026-08-03")["deadline"] == "2026-10-02"
    extended = ev("reconsideration_decision_deadline", accepted_on="2026-08-03", extended=True)
    assert extended["deadline"] == "2026-11-01" and warned(extended, "不顺延")
    assert ev("reconsideration_decision_deadline", accepted_on="2026-08-03", procedure="simple")["deadline"] == "2026-09-02"
    with pytest.raises(RuleError) as raised:
        ev("reconsideration_decision_deadline", accepted_on="2026-08-03", procedure="simple", extended=True)
    assert raised.value.field == "extended"
    # Accepted before 2024-01-01: 2017 law, no simple procedure → 60 days: 2023-12-29 → 2024-02-27.
    old = ev("reconsideration_decision_deadline", accepted_on="2023-12-29", procedure="simple")
    assert old["deadline"] == "2024-02-27" and warned(old, "没有简易程序")


# --- litigation_deadline: 行政诉讼法第45、46条, 司法解释第64条, party-side -----------------------------------


@pytest.mark.parametrize(
    "kind, from_on, deadline",
    [
        ("after_reconsideration", "2026-09-21", "2026-10-08"),  # 9/21 + 15 = 10/6 (国庆) → 10/8
        ("after_reconsideration", "2026-09-15", "2026-09-30"),
        ("direct", "2026-04-04", "2026-10-08"),  # 10/4 国庆 → 10/8
        ("direct", "2026-03-15", "2026-09-15"),
        ("not_informed", "2025-02-15", "2026-02-24"),  # 2026-02-15 春节 → 2/24
    ],
)
def test_litigation_deadline(ev, kind, from_on, deadline):
    assert ev("litigation_deadline", kind=kind, from_on=from_on)["deadline"] == deadline


def test_litigation_deadline_month_end_in_unknown_year(ev):
    # 8/31 + 6 months: no 2/31 → 2027-02-28 (Sunday by the weekend fallback) → Monday 3/1, with a warning.
    answer = ev("litigation_deadline", kind="direct", from_on="2026-08-31")
    assert answer["deadline"] == "2027-03-01"
    assert warned(answer, "2027年")
