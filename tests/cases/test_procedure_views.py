"""The procedure action pages: closed actions say why, the form hands over to the service, other districts see nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.cases.procedure_steps import advance, register
from zhifa.cases.page import actions_for

pytestmark = pytest.mark.django_db


def test_a_closed_action_shows_the_services_reason_and_the_page_offers_the_same(client, agency, general_procedure):
    case = register(agency)
    advance(agency, case, "investigation")
    client.force_login(agency["officer"])
    response = client.get(reverse("cases:hearing_request", args=[case.pk]))
    assert response.status_code == 200
    assert "现在不能申请听证：案件当前不在“行政处罚告知”环节" in response.text
    offered = {o.action.key: o.refusal for o in actions_for(case, agency["officer"])}
    assert offered["hearing_request"] == "案件当前不在“行政处罚告知”环节"
    assert offered["side_extension"] == "" and "simple_file" not in offered
    page = client.get(reverse("cases:procedure", args=[case.pk]))
    assert "申请延期" in page.text and "作出行政处罚决定的期限（办案期限）" in page.text


def test_the_form_runs_the_service_and_keeps_input_on_refusal(client, agency, general_procedure):
    case = register(agency)
    advance(agency, case, "notification")
    client.force_login(agency["officer"])
    url = reverse("cases:notice_serve", args=[case.pk])
    assert client.post(url, {}).status_code == 400
    response = client.post(url, {"served_on": timezone.localdate().isoformat()})
    assert response.status_code == 302 and response["Location"] == reverse("cases:procedure", args=[case.pk])
    case.refresh_from_db()
    assert case.notified_on == timezone.localdate() and case.hearing_right
    late = client.post(reverse("cases:hearing_request", args=[case.pk]), {"requested_on": "2027-12-31"})
    assert late.status_code == 400 and "第64条第1项" in late.text


def test_another_district_cannot_open_a_case_action(client, agency, general_procedure):
    case = register(agency)
    client.force_login(agency["outsider"])
    assert client.get(reverse("cases:record", args=[case.pk])).status_code == 404
    assert client.post(reverse("cases:side_termination", args=[case.pk]), {"reason": "x"}).status_code == 404
