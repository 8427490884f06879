"""In a real browser, with the demo accounts of the README: 盐田区城管局 drafts and submits a discretion standard,
盐田区司法局 reviews it, the bureau publishes it, and the 沙头角 street team claims it."""

import pytest

from tests.browser import discretion_steps as steps
from zhifa.basedata.models.discretion import DiscretionStandard, StandardStatus
from zhifa.basedata.models.powers import Power
from zhifa.org.demo.accounts import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_draft_submit_review_publish_claim_with_the_demo_accounts(live_server, page, sign_in, demo_city):
    author, reviewer, team = (demo_city[name] for name in ("unitadmin_yantian", "supervisor_yantian",
                                                           "team_shatoujiao"))
    power = Power.objects.filter(unit=author.unit, standards__isnull=True).order_by("pk").first()

    def act_as(user):
        page.context.clear_cookies()
        sign_in(user, DEMO_PASSWORD)

    def press(button: str, done: str):
        steps.press(page, button, done)

    def reason_of(step: str) -> str:
        return page.get_by_test_id(f"step-{step}").get_by_test_id("step-reason").inner_text()

    # 盐田区城管局's unit administrator writes the draft and submits it; the page names the reviewer.
    act_as(author)
    steps.write_draft(page, live_server, power=power, title="渣土运输撒漏处罚裁量基准", fine_min="1000",
                      fine_max="5000")
    press("保存", "已保存")
    standard = DiscretionStandard.objects.get(power=power)
    detail = live_server.url + standard.get_absolute_url()
    press("提交审核", "已提交审核")
    assert reason_of("review") == "本基准由深圳市盐田区司法局具有审核权限的人员审核"

    # 盐田区司法局's supervisor finds it on the workbench and approves it.
    act_as(reviewer)
    page.get_by_test_id("card-approvals").get_by_role("link", name=f"待审核：{standard.title}（第1版）").click()
    page.wait_for_url(detail)
    press("审核通过", "已审核通过")

    # The bureau publishes it.
    act_as(author)
    page.goto(detail)
    press("发布", "已发布")

    # The street team reads it (its district's standard) and claims it; adjusting needs the maintenance permission.
    act_as(team)
    page.goto(detail)
    assert reason_of("propose") == "本单位认领本基准后才能提出调整"
    press("认领", "已认领")
    assert team.unit.name in page.get_by_test_id("standard-claims").inner_text()
    assert reason_of("claim") == "本单位已认领该基准"

    standard.refresh_from_db()
    assert standard.status == StandardStatus.PUBLISHED
    assert list(standard.claims.values_list("unit__name", flat=True)) == [team.unit.name]
