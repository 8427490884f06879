"""The case screens: 案件登记, the case page (header, tabs, actions with their reasons), 简易程序, the step screen."""

import pytest

from tests import factories
from zhifa.cases.models import Case
from zhifa.core.models import AuditEntry
from zhifa.workflow.models import WorkItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(agency):
    """The agency's people may also read the officer records (to choose the case's officers)."""
    reading = factories.role(["basedata.view_officer", "org.view_unit"])
    for name in ("officer", "officer2", "leader", "squad"):
        agency[name].roles.add(reading)
    return agency


def register_form(desk, procedure="general", **values):
    data = {
        "procedure_type": procedure, "source": "inspection", "source_note": "日常巡查", "cause": "未按规定设置油烟净化设施",
        "facts": "现场检查发现油烟直排", "parties": [desk["company"].pk], "lead": desk["certificates"]["officer"].pk,
        "assistants": [desk["certificates"]["officer2"].pk], "fine_amount": "20000",
    }
    data.update(values)
    return data


def page(client, case, **params):
    response = client.get(f"/cases/{case.pk}/", params)
    assert response.status_code == 200
    return response


def test_register_form_offers_the_library_picker_and_a_link_to_add_an_object(client, desk):
    client.force_login(desk["officer"])
    content = client.get("/cases/add/").content.decode()
    assert 'data-testid="party-picker"' in content
    assert "/basedata/objects/search/" in content and "/basedata/objects/add/" in content


def test_registering_a_general_case_opens_its_page_at_filing(client, desk, general_procedure):
    client.force_login(desk["officer"])
    response = client.post("/cases/add/", register_form(desk))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert [p.inspected_object for p in case.parties.all()] == [desk["company"]]  # the library record, no copy
    content = page(client, case).content.decode()
    assert desk["company"].name in content and "张执法、李执法" in content
    assert "立案审批" in content  # the stage: the open step of its procedure
    task = page(client, case).context["actions"][0]
    assert task.action.label == "办理当前环节" and not task.allowed
    assert task.refusal == "当前环节“立案审批”由周局长办理"
    assert task.refusal in content


def test_bad_registration_keeps_the_input_names_the_field_and_saves_nothing(client, desk, general_procedure):
    client.force_login(desk["officer"])
    audit_rows = AuditEntry.objects.count()
    response = client.post("/cases/add/", register_form(desk, parties=[], cause="油烟直排未整改"))
    assert response.status_code == 400
    assert response.context["form"].errors["parties"] == ["请至少选择一个当事人"]
    assert "油烟直排未整改" in response.content.decode()
    assert Case.objects.count() == 0 and AuditEntry.objects.count() == audit_rows
    expired = register_form(desk, assistants=[desk["certificates"]["expired"].pk])
    response = client.post("/cases/add/", expired)
    assert response.status_code == 400 and "陈执法" in response.context["form"].errors["assistants"][0]
    assert Case.objects.count() == 0


def test_the_leader_handles_filing_from_the_case_page_and_the_opinion_shows_in_its_tab(client, desk, general_procedure):
    client.force_login(desk["officer"])
    client.post("/cases/add/", register_form(desk))
    case = Case.objects.get()
    client.force_login(desk["leader"])
    task = page(client, case).context["actions"][0]
    assert task.allowed and task.url == f"/cases/{case.pk}/task/"
    item = WorkItem.objects.get(instance=case.process, status="open")
    assert client.get(task.url)["Location"] == f"/workflow/tasks/{item.pk}/"
    task_page = client.get(f"/workflow/tasks/{item.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/"' in task_page  # the step screen leads back to the case
    client.post(f"/workflow/tasks/{item.pk}/", {"action": "approve", "opinion": "同意立案，由张执法主办"})
    case.refresh_from_db()
    assert case.number and case.status == "filed"
    opinions = page(client, case, tab="opinions")
    assert "同意立案，由张执法主办" in opinions.context["tab_html"]
    tab = client.get(f"/cases/{case.pk}/", {"tab": "timeline"}, headers={"HX-Request": "true", "HX-Target": "case-tab"})
    assert "<html" not in tab.content.decode() and "立案审批" in tab.content.decode()
    client.force_login(desk["officer"])
    assert sorted(r.cause for r in client.get("/cases/", {"stage": "investigation"}).context["table"].data) == [case.cause]
    assert list(client.get("/cases/", {"stage": "filing"}).context["table"].data) == []


def simple_case(client, desk):
    client.force_login(desk["officer"])
    client.post("/cases/add/", register_form(desk, procedure="simple", parties=[desk["citizen"].pk], fine_amount=""))
    return Case.objects.get(procedure_type="simple")


def test_simple_screen_checks_the_law_while_typing_and_refuses_with_the_article(client, desk):
    case = simple_case(client, desk)
    action = page(client, case).context["actions"][0]
    assert action.action.label == "当场处罚决定" and action.allowed
    url = f"/cases/{case.pk}/simple-decide/"
    check = client.get(url, {"fine_amount": "500", "notified": "on"}, headers={"HX-Request": "true"}).content.decode()
    assert "行政处罚法第51条" in check
    check = client.get(url, {"fine_amount": "200"}, headers={"HX-Request": "true"}).content.decode()
    assert "第44条" in check and "第51条" not in check
    response = client.post(url, {"fine_amount": "500", "notified": "on"})
    assert response.status_code == 400 and "第51条" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "registered" and case.number == ""
    response = client.post(url, {"fine_amount": "200", "notified": "on"})
    case.refresh_from_db()
    assert response.status_code == 302 and case.status == "decided" and case.number
    again = page(client, case).context["actions"][0]
    assert not again.allowed and "已经作出决定" in again.refusal


def test_a_reader_sees_the_page_with_every_action_greyed_and_cannot_decide(client, desk):
    case = simple_case(client, desk)
    client.force_login(desk["leader"])  # 领导: reads cases, changes none
    action = page(client, case).context["actions"][0]
    assert not action.allowed and action.refusal == "您没有办理该案件的权限"
    assert client.post(f"/cases/{case.pk}/simple-decide/", {"fine_amount": "100", "notified": "on"}).status_code == 403
    case.refresh_from_db()
    assert case.status == "registered"


def test_case_screens_show_no_english_words(client, desk, general_procedure):
    from tests.ui.screen_text import foreign_words

    client.force_login(desk["officer"])
    client.post("/cases/add/", register_form(desk))
    general = Case.objects.get()
    simple = simple_case(client, desk)
    allowed = frozenset({desk["certificates"][name].certificate_number for name in ("officer", "officer2", "expired")}
                        | {desk["company"].credit_code})
    pages = ["/cases/", "/cases/add/", f"/cases/{simple.pk}/simple-decide/"]
    pages += [f"/cases/{case.pk}/?tab={tab}" for case in (general, simple)
              for tab in ("info", "parties", "opinions", "timeline")]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not foreign_words(response.content.decode(), also_allowed=allowed), url
