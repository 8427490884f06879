"""In a real browser: the quick search of 检查对象 opens an opaque menu above the table, not text over it."""

import pytest
from django.urls import reverse

from tests import factories
from tests.basedata.people import inspected_object
from zhifa.basedata.models.objects import InspectedObject

pytestmark = pytest.mark.browser

TOP_ELEMENT = """(sel) => {
  const box = document.querySelector(sel).getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.bottom - 4);
  return hit && hit.closest(sel) !== null;
}"""


def test_suggestions_cover_the_table_with_a_background(live_server, transactional_db, city, page, sign_in):
    for number in range(6):
        inspected_object(city["yantian"], f"盐田海鲜餐厅{number}号店")
    reader = factories.user(city["yantian"], roles=[factories.role(factories.model_permissions(InspectedObject))])
    sign_in(reader)
    page.goto(live_server.url + reverse("basedata:inspectedobject_list"))
    page.get_by_label("快速查找检查对象").fill("海鲜")
    menu = page.get_by_test_id("object-search-results")
    menu.wait_for()
    assert menu.locator("a").count() == 6
    background = page.evaluate("getComputedStyle(document.querySelector('#object-search-results')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.evaluate(TOP_ELEMENT, "#object-search-results")  # the menu, not the table, is on top
