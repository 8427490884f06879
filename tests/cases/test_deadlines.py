"""The 期限 tab's deadlines after the decision: service (第61条) and payment (第67条第3款), met, running or overdue."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.cases.execution_fixtures import DECIDED_ON, decided_case, executing  # noqa: F401
from zhifa.cases.deadlines import case_deadlines
from zhifa.cases.services.execution import execution_open, ledger_of, payment_register

pytestmark = pytest.mark.django_db

SERVICE, PAYMENT = "送达行政处罚决定书的期限", "缴纳罚款的期限"


def rows(case, today) -> dict:
    return {row.label: row for row in case_deadlines(case, today=today)}


def test_paid_in_full_on_time_is_met_with_its_basis(executing):
    case = decided_case(executing)
    execution = execution_open(case=case, actor=executing["officer"], served_on=DECIDED_ON)
    before = rows(case, DECIDED_ON)
    assert before[SERVICE].state == "按期完成" and before[SERVICE].basis[0].article == "第61条"
    assert before[PAYMENT].deadline == execution.due_on and before[PAYMENT].state == "进行中"
    assert before[PAYMENT].basis[0].article == "第67条第3款"
    assert rows(case, execution.due_on + dt.timedelta(days=1))[PAYMENT].state == "逾期"  # unpaid after the day

    payment_register(case=case, actor=executing["officer"], paid_on=DECIDED_ON + dt.timedelta(days=3),
                     amount=Decimal("200"), receipt_number="R-1")
    assert rows(case, execution.due_on + dt.timedelta(days=30))[PAYMENT].state == "按期完成"


def test_paid_after_the_deadline_is_overdue(executing):
    case = decided_case(executing)
    execution = execution_open(case=case, actor=executing["officer"], served_on=DECIDED_ON)
    late = execution.due_on + dt.timedelta(days=2)
    owed = ledger_of(execution, as_of=late).outstanding
    assert owed > Decimal("200")  # the fine and its 加处罚款
    payment_register(case=case, actor=executing["officer"], paid_on=late, amount=owed, receipt_number="R-2")
    execution.refresh_from_db()
    assert execution.status == "complete"
    assert rows(case, late)[PAYMENT].state == "逾期"
