"""The case API: list and detail in scope, 登记 and 简易程序决定 through the same services and refusals."""

import pytest

from tests import factories
from zhifa.cases.models import Case
from zhifa.core.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = "/api/cases/cases/"


@pytest.fixture
def desk(agency):
    reading = factories.role(["basedata.view_officer"])
    agency["officer"].roles.add(reading)
    return agency


def body(desk, **values):
    data = {"procedure_type": "simple", "source": "self_discovered", "cause": "占道经营",
            "parties": [desk["citizen"].pk], "lead": desk["certificates"]["officer"].pk,
            "assistants": [desk["certificates"]["officer2"].pk]}
    data.update(values)
    return data


def test_register_then_decide_through_the_api(client, desk):
    client.force_login(desk["officer"])
    response = client.post(URL, body(desk), content_type="application/json")
    assert response.status_code == 201, response.content.decode()
    created = response.json()
    assert created["status"] == "registered" and created["parties"][0]["name"] == desk["citizen"].name
    assert [o["role_display"] for o in created["officers"]] == ["主办", "协办"]
    decide = f"{URL}{created['id']}/simple-decide/"
    refused = client.post(decide, {"fine_amount": "500", "notified": True}, content_type="application/json")
    assert refused.status_code == 400
    assert "行政处罚法第51条" in refused.json()["errors"][0]["message"]
    assert Case.objects.get().status == "registered"
    decided = client.post(decide, {"fine_amount": "200", "notified": True}, content_type="application/json")
    assert decided.status_code == 200 and decided.json()["status"] == "decided" and decided.json()["number"]


def test_register_refuses_a_party_of_another_district_and_writes_nothing(client, desk, city):
    from tests.basedata import people

    foreign = people.inspected_object(city["futian"], "福田某公司")
    client.force_login(desk["officer"])
    audit_rows = AuditEntry.objects.count()
    response = client.post(URL, body(desk, parties=[foreign.pk]), content_type="application/json")
    assert response.status_code == 400
    assert "parties" in {error["field"] for error in response.json()["errors"]}
    assert Case.objects.count() == 0 and AuditEntry.objects.count() == audit_rows


def test_a_reader_may_list_but_not_register_or_decide(client, desk):
    client.force_login(desk["officer"])
    created = client.post(URL, body(desk), content_type="application/json").json()
    client.force_login(desk["leader"])
    assert [row["id"] for row in client.get(URL).json()["results"]] == [created["id"]]
    assert client.post(URL, body(desk), content_type="application/json").status_code == 403
    decide = client.post(f"{URL}{created['id']}/simple-decide/", {"fine_amount": "100", "notified": True},
                         content_type="application/json")
    assert decide.status_code == 403
    assert Case.objects.count() == 1 and Case.objects.get().status == "registered"
