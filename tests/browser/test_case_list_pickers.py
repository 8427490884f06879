"""In a real browser: the case list's 办案人员 picker loads its choices while one types, keeps a ticked one
across searches, and filters the list by it without sending the search text along."""

import pytest
from playwright.sync_api import expect
from django.urls import reverse

from tests import factories
from tests.basedata import people
from tests.cases import rows

pytestmark = pytest.mark.browser


def test_an_officer_is_found_ticked_kept_and_filtered_by(live_server, transactional_db, city, page, sign_in):
    unit = city["yantian"]
    zhang = people.officer(unit, user=factories.user(unit, display_name="张海涛"))
    li = people.officer(unit, user=factories.user(unit, display_name="李明"))
    rows.case(unit, "张海涛办的案件", officer=zhang)
    rows.case(unit, "李明办的案件", officer=li)
    reader = factories.user(unit, roles=[factories.role(["cases.view_case", "org.view_unit",
                                                         "basedata.view_officer"])])
    sign_in(reader)
    page.goto(live_server.url + reverse("cases:case_list"))
    picker = page.locator('[data-testid="on-demand-picker"][data-name="officer_id"]')
    assert picker.locator('input[type="checkbox"]').count() == 0  # nothing rendered until asked for
    box = picker.get_by_role("searchbox")
    results = picker.get_by_test_id("picker-results")
    chosen = picker.get_by_test_id("picker-chosen")
    # Focusing the box lists the first choices at once; each step waits for the answer to what was typed, so
    # no answer replaces the results while one of them is being clicked.
    with page.expect_response(lambda response: "find=%E5%BC%A0" in response.url):  # 张
        box.fill("张")
    expect(results.get_by_text("李明")).to_have_count(0)
    results.get_by_text("张海涛").click()
    expect(chosen.locator("input:checked")).to_have_count(1)
    with page.expect_response(lambda response: "find=%E6%9D%8E" in response.url):  # 李
        box.fill("李")
    results.get_by_text("李明").wait_for()
    expect(results.get_by_text("张海涛")).to_have_count(0)
    expect(chosen.locator("input:checked")).to_have_count(1)  # 张海涛 stayed ticked
    assert "filter-choices" not in page.url  # searching leaves the address of the list alone
    table = page.locator("#object-list")
    table.get_by_text("李明办的案件").wait_for()
    page.get_by_role("button", name="筛选", exact=True).click()
    table.get_by_text("李明办的案件").wait_for(state="detached")
    assert table.get_by_text("张海涛办的案件").count() == 1
    assert f"officer_id={zhang.pk}" in page.url and "find=" not in page.url
