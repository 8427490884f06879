"""In a real browser: every item on officer_yantian's demo workbench (待办, 审批, 即将到期) and every count card
opens a real page, neither ``#`` nor an error."""

import pytest
from django.urls import reverse

from zhifa.core.models import Todo
from zhifa.org.demo.accounts import DEMO_PASSWORD

pytestmark = pytest.mark.browser

ITEM_CARDS = ("card-todos", "card-approvals", "card-expiring")
COUNT_CARDS = ("card-link-todos", "card-link-approvals", "card-link-expiring", "card-link-notices")


def test_each_workbench_item_of_officer_yantian_opens_its_page(live_server, page, sign_in, demo_city):
    officer = demo_city["officer_yantian"]
    sign_in(officer, DEMO_PASSWORD)
    workbench = live_server.url + reverse("core:workbench")
    items = [(card, index) for card in ITEM_CARDS
             for index in range(page.get_by_test_id(card).locator("a.list-group-item").count())]
    assert len(items) >= Todo.objects.filter(assignee=officer, done_at__isnull=True).count()

    opened = set()
    for card, index in [*items, *((card, None) for card in COUNT_CARDS)]:
        page.goto(workbench)
        link = page.get_by_test_id(card) if index is None else page.get_by_test_id(card).locator("a.list-group-item").nth(index)
        href = link.get_attribute("href")
        assert href and not href.startswith("#"), (card, index)
        with page.expect_navigation() as navigation:
            link.click()
        response = navigation.value
        assert response.status < 400, (card, href, response.status)
        assert page.url != workbench and "#" not in page.url
        opened.add(page.url)
    todo_urls = {live_server.url + url for url in Todo.objects.filter(assignee=officer).values_list("url", flat=True)}
    assert todo_urls <= opened
