"""Working-day calendar and period arithmetic (docs/legal.md, 约定: working days, start day, roll-forward)."""

import datetime as dt

import pytest

from tests.legal.conftest import CAL, SCHEDULE_2026
from zhifa.legal.calendar import CalendarView, WorkCalendar, package_entries
from zhifa.legal.periods import (
    add_calendar_days, add_months, add_working_days, add_years, counted_days, merge_intervals, roll_forward,
)

D = dt.date


def view():
    return CalendarView(CAL)


def test_package_2026_matches_the_state_council_schedule_in_legal_md():
    # The seed data must agree with 国务院办公厅 2026 安排 (《国务院办公厅关于2026年部分节假日安排的通知》).
    package_2026 = sorted(e for e in package_entries() if e[0].year == 2026)
    expected = sorted(SCHEDULE_2026)
    assert [(d, k) for d, k, _ in package_2026] == [(d, k) for d, k, _ in expected]


@pytest.mark.parametrize(
    "day, workday",
    [
        (D(2026, 1, 1), False),  # 元旦
        (D(2026, 1, 4), True),  # Sunday declared working day
        (D(2026, 2, 13), True),  # Friday before 春节
        (D(2026, 2, 14), True),  # Saturday declared working day
        (D(2026, 2, 15), False),  # 春节 (Sunday)
        (D(2026, 2, 23), False),  # 春节, a Monday
        (D(2026, 2, 24), True),  # first day after 春节
        (D(2026, 2, 28), True),  # Saturday declared working day
        (D(2026, 3, 1), False),  # ordinary Sunday
        (D(2026, 9, 20), True),  # Sunday declared working day (国庆)
        (D(2026, 10, 7), False),  # 国庆
        (D(2026, 10, 10), True),  # Saturday declared working day
        (D(2026, 10, 11), False),  # ordinary Sunday
    ],
)
def test_2026_working_days(day, workday):
    assert view().is_workday(day) is workday


def test_unknown_year_falls_back_to_weekends_and_warns():
    cal = view()
    assert cal.is_workday(D(2027, 1, 1)) is True  # a Friday; 元旦 2027 is not known
    assert cal.is_workday(D(2027, 1, 2)) is False  # Saturday
    assert cal.unknown_years == {2027}
    assert "2027年的法定节假日和调休安排尚未录入" in cal.warnings()[0]


def test_known_years_and_empty_calendar():
    assert 2026 in CAL.known_years and 2027 not in CAL.known_years
    empty = CalendarView(WorkCalendar())
    assert empty.is_workday(D(2026, 10, 1)) is True  # without data 国庆 looks like a Thursday
    assert empty.unknown_years == {2026}


def test_calendar_days_start_day_not_counted():
    # 民法典第201条: 15 days after 1/31 end on 2/15.
    assert add_calendar_days(D(2026, 1, 31), 15) == D(2026, 2, 15)
    assert add_calendar_days(D(2026, 1, 5), 90) == D(2026, 4, 5)


def test_calendar_days_with_excluded_intervals():
    start = D(2026, 1, 5)  # 90 days → 4/5
    # Entirely inside the period: 10 days pushed back.
    assert add_calendar_days(start, 90, [(D(2026, 2, 2), D(2026, 2, 11))]) == D(2026, 4, 15)
    # Starting before the start day: only 1/6–1/10 (5 days) count.
    assert add_calendar_days(start, 90, [(D(2026, 1, 1), D(2026, 1, 10))]) == D(2026, 4, 10)
    # Starting the day after the last day: no effect; starting on the last day: counted.
    assert add_calendar_days(start, 90, [(D(2026, 4, 6), D(2026, 4, 10))]) == D(2026, 4, 5)
    assert add_calendar_days(start, 90, [(D(2026, 4, 5), D(2026, 4, 6))]) == D(2026, 4, 7)
    # Overlapping intervals are merged (2/2–2/11 ∪ 2/5–2/14 = 13 days).
    both = [(D(2026, 2, 5), D(2026, 2, 14)), (D(2026, 2, 2), D(2026, 2, 11))]
    assert add_calendar_days(start, 90, both) == D(2026, 4, 18)
    # A second interval reached only because the first one moved the end.
    chain = [(D(2026, 4, 1), D(2026, 4, 5)), (D(2026, 4, 8), D(2026, 4, 9))]
    assert add_calendar_days(start, 90, chain) == D(2026, 4, 12)


def test_merge_intervals():
    assert merge_intervals([(D(2026, 1, 5), D(2026, 1, 6)), (D(2026, 1, 1), D(2026, 1, 4))]) == [
        (D(2026, 1, 1), D(2026, 1, 6))
    ]
    assert merge_intervals([(D(2026, 1, 1), D(2026, 1, 2)), (D(2026, 1, 4), D(2026, 1, 4))]) == [
        (D(2026, 1, 1), D(2026, 1, 2)), (D(2026, 1, 4), D(2026, 1, 4))
    ]


def test_working_days_across_spring_festival():
    # 2/13 (Fri) + 2 working days: 2/14 (调休 Saturday) = 1, 2/15–2/23 holiday, 2/24 = 2.
    assert add_working_days(view(), D(2026, 2, 13), 2) == D(2026, 2, 24)
    # 2/13 + 7: 2/14, 2/24, 2/25, 2/26, 2/27, 2/28 (调休 Saturday), 3/2.
    assert add_working_days(view(), D(2026, 2, 13), 7) == D(2026, 3, 2)
    assert add_working_days(view(), D(2026, 2, 13), 0) == D(2026, 2, 13)


def test_working_days_across_national_day():
    # 9/18 (Fri) + 5: 9/20 (调休 Sunday), 9/21, 9/22, 9/23, 9/24.
    assert add_working_days(view(), D(2026, 9, 18), 5) == D(2026, 9, 24)
    # 9/30 + 3: 10/8, 10/9, 10/10 (调休 Saturday).
    assert add_working_days(view(), D(2026, 9, 30), 3) == D(2026, 10, 10)


def test_working_days_skip_excluded_days():
    # 9/18 + 15 with 9/24–9/30 excluded: 9/20, 9/21, 9/22, 9/23, 10/8, 10/9, 10/10, 10/12 … 10/16,
    # 10/19, 10/20, 10/21.
    assert add_working_days(view(), D(2026, 9, 18), 15, [(D(2026, 9, 24), D(2026, 9, 30))]) == D(2026, 10, 21)


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # 第202条: no 2/31 → month end
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year month end
        (D(2026, 3, 15), 6, D(2026, 9, 15)),  # corresponding day
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_add_years_leap_day():
    assert add_years(D(2024, 2, 29), 2) == D(2026, 2, 28)
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


def test_roll_forward():
    cal = view()
    assert roll_forward(cal, D(2026, 2, 15)) == D(2026, 2, 24)  # 春节 → first working day
    assert roll_forward(cal, D(2026, 2, 14)) == D(2026, 2, 14)  # 调休 Saturday is a working day
    assert roll_forward(cal, D(2026, 10, 11)) == D(2026, 10, 12)  # ordinary Sunday


def test_counted_days():
    assert counted_days(D(2026, 2, 24), D(2026, 2, 24)) == 0
    assert counted_days(D(2026, 2, 24), D(2026, 2, 25)) == 1
    assert counted_days(D(2026, 2, 24), D(2026, 2, 20)) == 0
    assert counted_days(D(2026, 2, 24), D(2026, 3, 10)) == 14
    assert counted_days(D(2026, 2, 24), D(2026, 3, 10), [(D(2026, 3, 1), D(2026, 3, 5))]) == 9
    assert counted_days(D(2026, 2, 24), D(2026, 3, 10), [(D(2026, 2, 1), D(2026, 2, 24))]) == 14
