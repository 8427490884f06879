"""The process designer in a real browser: open a version, move a task, save it as v2, publish v2."""

import pytest
from django.urls import reverse

from tests.workflow.conftest import agency, coded_role, published, sample_xml  # noqa: F401  (fixtures)
from zhifa.workflow.choices import VersionStatus
from zhifa.workflow.models import ProcessVersion

pytestmark = pytest.mark.django_db(transaction=True)

__all__ = ["coded_role"]


def test_move_a_task_save_and_publish_a_new_version(page, live_server, sign_in, agency, published):
    sign_in(agency["admin"])
    page.goto(live_server.url + published.get_absolute_url())
    page.wait_for_selector("[data-designer][data-ready='1']")
    assert page.locator("[data-designer-status]").inner_text() == "模型已载入，可以编辑"
    shape = page.locator('[data-element-id="legal_review"]')
    before = shape.bounding_box()
    page.mouse.move(before["x"] + before["width"] / 2, before["y"] + before["height"] / 2)
    page.mouse.down()
    page.mouse.move(before["x"] + before["width"] / 2 + 40, before["y"] + before["height"] / 2 + 120, steps=8)
    page.mouse.up()
    after = shape.bounding_box()
    assert after["y"] > before["y"] + 50
    # The change-type menu of a task offers no script task.
    page.locator("[data-action='replace']").first.click()
    menu = page.locator(".djs-popup")
    menu.wait_for()
    assert "Script" not in menu.inner_text() and "脚本" not in menu.inner_text()
    page.keyboard.press("Escape")
    page.fill("input[name=note]", "调整法制审核位置")
    page.click("[data-testid=save-draft]")
    page.wait_for_url("**/workflow/versions/*/")
    v2 = ProcessVersion.objects.get(definition=published.definition, number=2)
    assert v2.status == VersionStatus.DRAFT and v2.note == "调整法制审核位置"
    assert v2.bpmn_xml != published.bpmn_xml and 'bpmnElement="legal_review"' in v2.bpmn_xml
    page.click("[data-testid=publish]")
    page.wait_for_selector("text=已发布，新发起的流程将使用此版本")
    page.goto(live_server.url + reverse("workflow:processdefinition_detail", args=[published.definition.pk]))
    rows = page.locator("[data-testid=versions] tbody tr")
    assert rows.count() == 2
    assert "第2版" in rows.nth(0).inner_text() and "已发布" in rows.nth(0).inner_text()
