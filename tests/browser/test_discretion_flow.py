"""In a real browser: a district discretion standard goes through review, rejection, correction, approval and
publication; a street office claims it, adjusts it and has the adjustment approved — every step in the history."""

import pytest
from django.contrib.auth.models import Permission

from tests import factories
from tests.browser import discretion_steps as steps
from tests.basedata.test_powers import make_power
from zhifa.basedata.models.discretion import DiscretionStandard, StandardStatus
from zhifa.core.scoping import DataScope

pytestmark = pytest.mark.browser


@pytest.fixture
def people(live_server, transactional_db, tree):
    """The ``tree`` of base-data tests, with a district author who may create and a street user of the region."""
    tree["district_author"].roles.first().permissions.add(
        *Permission.objects.filter(codename__in=["add_discretionstandard", "view_power"]))
    tree["street_user"] = factories.user(tree["street"], roles=[factories.role(
        ["basedata.view_discretionstandard", "basedata.change_discretionstandard", "basedata.view_power",
         "basedata.add_discretionclaim"],
        DataScope.REGION)])
    tree["power"] = make_power(tree["district"])
    return tree


def history_actions(page) -> list[str]:
    return page.get_by_test_id("standard-history").locator("strong").all_inner_texts()


def test_review_cycle_claim_and_adjustment_all_show_in_history(live_server, page, sign_in, people):
    def act_as(user):
        page.context.clear_cookies()
        sign_in(user)

    def press(button: str, done: str):
        steps.press(page, button, done)

    # The district author writes a draft through the form and submits it.
    act_as(people["district_author"])
    steps.write_draft(page, live_server, power=people["power"], title="占道经营处罚裁量基准", fine_min="500",
                      fine_max="5000")
    press("保存", "已保存")
    standard = DiscretionStandard.objects.get(unit=people["district"])
    detail = live_server.url + standard.get_absolute_url()
    assert page.url == detail
    press("提交审核", "已提交审核")

    # The city reviewer rejects it with a reason.
    act_as(people["city_reviewer"])
    page.goto(detail)
    page.get_by_test_id("standard-reject").locator("textarea[name=reason]").fill("一般情形罚款上限过高")
    press("退回", "已退回")
    standard.refresh_from_db()
    assert (standard.status, standard.reject_reason) == (StandardStatus.REJECTED, "一般情形罚款上限过高")

    # The author corrects the level and resubmits.
    act_as(people["district_author"])
    page.goto(detail)
    page.get_by_test_id("standard-edit").click()
    page.get_by_test_id("standard-form").wait_for()
    page.fill("input[name=levels-1-fine_max]", "2000")
    page.fill("input[name=reason]", "按审核意见降低上限")
    press("保存", "已保存")
    press("提交审核", "已提交审核")

    # The city reviewer approves; the author publishes.
    act_as(people["city_reviewer"])
    page.goto(detail)
    press("审核通过", "已审核通过")
    act_as(people["district_author"])
    page.goto(detail)
    press("发布", "已发布")
    standard.refresh_from_db()
    assert standard.status == StandardStatus.PUBLISHED
    assert [level.fine_max for level in standard.levels.order_by("pk")][1] == 2000

    # The street office claims it and proposes an adjustment, changes a level and submits it.
    act_as(people["street_user"])
    page.goto(detail)
    press("认领", "已认领")
    assert people["street"].name in page.get_by_test_id("standard-claims").inner_text()
    press("提出调整", "已提出调整，请完善后提交审核")
    child = DiscretionStandard.objects.get(parent=standard)
    child_detail = live_server.url + child.get_absolute_url()
    assert page.url == child_detail
    page.get_by_test_id("standard-edit").click()
    page.get_by_test_id("standard-form").wait_for()
    page.fill("input[name=levels-1-fine_max]", "1500")
    page.fill("input[name=reason]", "结合本街道实际下调上限")
    press("保存", "已保存")
    press("提交审核", "已提交审核")

    # The district reviewer (the unit above the street) approves the adjustment.
    act_as(people["district_reviewer"])
    page.goto(child_detail)
    press("审核通过", "已审核通过")
    child.refresh_from_db()
    assert (child.unit, child.status) == (people["street"], StandardStatus.APPROVED)
    assert [level.fine_max for level in child.levels.order_by("pk")][1] == 1500
    assert history_actions(page) == ["创建草稿", "修改", "提交审核", "审核通过"]

    page.goto(detail)
    assert history_actions(page) == ["创建草稿", "提交审核", "退回", "修改", "提交审核", "审核通过", "发布",
                                     "认领", "下级提出调整"]
    history = page.get_by_test_id("standard-history").inner_text()
    assert "一般情形罚款上限过高" in history and "按审核意见降低上限" in history
