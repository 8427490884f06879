"""The case page reads the case once: its query count stays under a bound at every stage and does not grow
with the number of registered actions (``zhifa.cases.facts.read_once``)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.cases.execution_fixtures import decided_case, executing  # noqa: F401  (fixture)
from tests.cases.procedure_steps import advance, grant_approval, register
from zhifa.cases import page
from zhifa.cases.services import hearing_request, notice_serve, side_request
from zhifa.cases.services.execution import execution_open, payment_register

pytestmark = pytest.mark.django_db

#: Queries of one case page (header, action bar with every action's reason, first tab), whatever the stage.
BOUND = 45


def _page_queries(client, case) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert response.status_code == 200
    return len(queries)


def _general_cases(agency):
    """一般程序 cases resting at 立案审批, 调查取证 (a 延期 pending) and 告知 (served, a hearing asked for)."""
    grant_approval(agency)
    at_filing = register(agency)
    investigating = advance(agency, register(agency), "investigation")
    side_request(case=investigating, actor=agency["officer"], kind="extension", reason="案情复杂", days=30)
    notified = advance(agency, register(agency), "notification")
    notice_serve(case=notified, actor=agency["officer"], served_on=timezone.localdate())
    hearing_request(case=notified, actor=agency["officer"], requested_on=timezone.localdate())
    return [at_filing, investigating, notified]


def _executing_case(agency):
    """A 简易程序 decision served and half paid."""
    case = decided_case(agency, fine=Decimal("200"))
    execution_open(case=case, actor=agency["officer"], served_on=case.decided_on)
    payment_register(case=case, actor=agency["officer"], paid_on=case.decided_on + dt.timedelta(days=3),
                     amount=Decimal("100"), receipt_number="P1")
    return case


@pytest.mark.parametrize("who", ["officer", "leader"])
def test_the_case_page_stays_under_its_query_bound_at_every_stage(client, executing, general_procedure, who):
    cases = [*_general_cases(executing), _executing_case(executing)]
    client.force_login(executing[who])
    counts = [_page_queries(client, case) for case in cases]
    assert max(counts) <= BOUND, counts


def test_more_registered_actions_read_nothing_more(client, executing, general_procedure, monkeypatch):
    """Every action registered a second time (under another key, same checks): the page asks twice as many
    checks of the same facts, and reads the database no more often."""
    cases = [*_general_cases(executing), _executing_case(executing)]
    client.force_login(executing["officer"])
    for case in cases:  # the first page of a session also fills the user's caches
        _page_queries(client, case)
    before = [_page_queries(client, case) for case in cases]
    doubled = dict(page._ACTIONS)
    for key, action in page._ACTIONS.items():
        doubled[f"{key}_again"] = page.CaseAction(
            key=f"{key}_again", label=action.label, url_name=action.url_name, refusal=action.refusal,
            applies=action.applies, order=action.order, style=action.style,
        )
    monkeypatch.setattr(page, "_ACTIONS", doubled)
    assert [_page_queries(client, case) for case in cases] == before
