"""Fixtures of the legal rules engine tests.

Pure tests evaluate on ``CAL``: the chinese-calendar data up to 2025 plus the 2026 schedule written
out by hand from 《国务院办公厅关于2026年部分节假日安排的通知》, so a future package upgrade
cannot change an expected value; 2027 and later are deliberately unknown.
"""

from __future__ import annotations

import datetime as dt

import pytest

from zhifa.legal.calendar import HOLIDAY, WORKDAY, WorkCalendar, package_entries
from zhifa.legal.engine import Rules
from zhifa.legal.thresholds import ThresholdTable

D = dt.date


def _span(first: dt.date, last: dt.date, name: str) -> list[tuple[dt.date, str, str]]:
    days = (last - first).days + 1
    return [(first + dt.timedelta(days=i), HOLIDAY, name) for i in range(days)]


# 《国务院办公厅关于2026年部分节假日安排的通知》: 元旦 1/1–1/3 (1/4 周日上班); 春节 2/15–2/23 (2/14、2/28 周六上班);
# 清明 4/4–4/6; 劳动节 5/1–5/5 (5/9 周六上班); 端午 6/19–6/21; 中秋 9/25–9/27;
# 国庆 10/1–10/7 (9/20 周日、10/10 周六上班).
SCHEDULE_2026 = (
    _span(D(2026, 1, 1), D(2026, 1, 3), "元旦")
    + _span(D(2026, 2, 15), D(2026, 2, 23), "春节")
    + _span(D(2026, 4, 4), D(2026, 4, 6), "清明节")
    + _span(D(2026, 5, 1), D(2026, 5, 5), "劳动节")
    + _span(D(2026, 6, 19), D(2026, 6, 21), "端午节")
    + _span(D(2026, 9, 25), D(2026, 9, 27), "中秋节")
    + _span(D(2026, 10, 1), D(2026, 10, 7), "国庆节")
    + [
        (D(2026, 1, 4), WORKDAY, "元旦"),
        (D(2026, 2, 14), WORKDAY, "春节"),
        (D(2026, 2, 28), WORKDAY, "春节"),
        (D(2026, 5, 9), WORKDAY, "劳动节"),
        (D(2026, 9, 20), WORKDAY, "国庆节"),
        (D(2026, 10, 10), WORKDAY, "国庆节"),
    ]
)
CAL = WorkCalendar.from_entries([e for e in package_entries() if e[0].year <= 2025] + SCHEDULE_2026)
TODAY = D(2026, 6, 15)


@pytest.fixture(scope="session")
def rules() -> Rules:
    return Rules(CAL, ThresholdTable())


@pytest.fixture(scope="session")
def ev(rules):
    """``ev(rule_id, **params)`` → the answer's JSON form, evaluated on ``CAL`` with today = ``TODAY``."""

    def evaluate(rule_id: str, **params):
        return rules.evaluate(rule_id, params, today=TODAY).as_json()

    return evaluate


@pytest.fixture
def legal_db(db):
    """A database whose calendar holds the package data (re-seeded if another test flushed it)."""
    from zhifa.legal.services import seed_calendar

    seed_calendar()
    return db
