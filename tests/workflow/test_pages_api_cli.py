"""The process pages, the REST endpoints and ``zhifa process`` go through the same services and gate."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.workflow.conftest import SAMPLE, the_item
from zhifa.workflow.choices import Action
from zhifa.workflow.models import ProcessDefinition

pytestmark = pytest.mark.django_db


def test_my_tasks_page_and_approval_through_the_form(client, agency, start):
    instance = start()
    client.force_login(agency["officer"])
    page = client.get(reverse("workflow:my_tasks"))
    item = the_item(instance, agency["officer"])
    assert item.get_absolute_url() in page.content.decode()
    response = client.post(item.get_absolute_url(), {"action": "approve", "opinion": "请审核"})
    assert response.status_code == 302 and response.url == instance.get_absolute_url()
    detail = client.get(instance.get_absolute_url()).content.decode()
    assert "张执法" in detail and "通过「承办人提交」" in detail and "意见：请审核" in detail and "队长审核" in detail


def test_return_without_reason_names_the_field(client, agency, start):
    instance = start()
    client.force_login(agency["officer"])
    item = the_item(instance, agency["officer"])
    client.post(item.get_absolute_url(), {"action": "approve"})
    client.force_login(agency["squad1"])
    squad_item = the_item(instance, agency["squad1"])
    response = client.post(squad_item.get_absolute_url(), {"action": "return", "target": "previous", "reason": ""}, follow=True)
    assert "退回未成功：请填写理由" in response.content.decode()
    assert not instance.timeline.filter(action=Action.RETURN).exists()


def test_item_page_says_why_a_colleague_cannot_act(client, agency, start):
    instance = start()
    client.force_login(agency["squad1"])
    page = client.get(the_item(instance, agency["officer"]).get_absolute_url()).content.decode()
    assert "该任务由张执法办理，您只能查看" in page and 'data-testid="approve-form"' not in page


def test_other_district_sees_nothing(client, agency, start):
    instance = start()
    item = the_item(instance, agency["officer"])
    client.force_login(agency["outsider"])
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get(instance.get_absolute_url()).status_code == 404
    assert client.post(reverse("workflow-task-action", args=[item.pk]), {"action": "approve"}, content_type="application/json").status_code == 404
    assert client.get(reverse("workflow-timeline", args=[instance.pk])).status_code == 404
    assert client.get(reverse("workflow-my-tasks")).json()["results"] == []


def test_api_my_tasks_action_and_timeline(client, agency, start):
    instance = start()
    client.force_login(agency["officer"])
    tasks = client.get(reverse("workflow-my-tasks")).json()["results"]
    assert [t["step_name"] for t in tasks] == ["承办人提交"]
    url = reverse("workflow-task-action", args=[tasks[0]["id"]])
    bad = client.post(url, {"action": "skip"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "action" and "未知的操作" in bad.json()["message"]
    ok = client.post(url, {"action": "approve", "opinion": "接口提交"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json() == []
    again = client.post(url, {"action": "approve"}, content_type="application/json")
    assert again.status_code == 400 and "不在您名下" in again.json()["message"]
    timeline = client.get(reverse("workflow-timeline", args=[instance.pk])).json()["results"]
    assert [(e["action"], e["opinion"]) for e in timeline][:2] == [("start", ""), ("approve", "接口提交")]


def test_process_command_imports_publishes_lists_and_exports(agency, tmp_path):
    with pytest.raises(CommandError, match="--as-user"):
        call_command("process", "import", str(SAMPLE))
    out = io.StringIO()
    call_command("process", "--as-user", agency["admin"].username, "import", str(SAMPLE), "--publish", stdout=out)
    assert "已导入为通用审批 第1版（已发布）" in out.getvalue()
    listing = io.StringIO()
    call_command("process", "list", stdout=listing)
    assert "general_approval  通用审批（一般审批）" in listing.getvalue() and "第1版  已发布  办理中 0 件" in listing.getvalue()
    target = tmp_path / "out.bpmn"
    call_command("process", "export", "general_approval", "-o", str(target), stdout=io.StringIO())
    assert target.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")
    bad = tmp_path / "bad.bpmn"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace("<bpmn:endEvent", '<bpmn:scriptTask id="s1"/><bpmn:endEvent'), encoding="utf-8")
    with pytest.raises(CommandError, match="元素“s1”：流程中不允许脚本任务"):
        call_command("process", "--as-user", agency["admin"].username, "import", str(bad))
    assert ProcessDefinition.objects.get(key="general_approval").versions.count() == 1


def test_designer_and_versions_pages(client, agency, published):
    client.force_login(agency["admin"])
    listing = client.get(reverse("workflow:processdefinition_list")).content.decode()
    assert "通用审批" in listing and "第1版（已发布）" in listing
    designer = client.get(published.get_absolute_url()).content.decode()
    assert 'id="bpmn-source"' in designer and "vendor/bpmn-js/bpmn-modeler.min.js" in designer
    assert "http://" not in designer.replace("http://www.omg.org", "").replace("http://camunda.org", "").replace("http://zhifa.gov.cn", "").replace("http://www.w3.org", "")
    versions = client.get(published.definition.get_absolute_url()).content.decode()
    assert "第1版" in versions and "办理中实例" in versions
