"""The 下一页 link continues from where its page ended (``?after=``, keyset) instead of skipping every earlier row:
the same rows as the numbered pages, no ``OFFSET``, and a cursor that does not fit is ignored (issue 9)."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from zhifa.core import paging
from zhifa.core.scoping import DataScope
from zhifa.org.models import User

LIST = "org:user_list"
PERMISSIONS = ["org.view_user", "org.view_unit", "org.view_role"]
NEXT_LINK = re.compile(r'href="([^"]*)"[^>]*class="page-link">下一页</a>')


@pytest.fixture
def viewer(city):
    for number in range(60):
        factories.user(city["yantian"], username=f"kp-{(number * 7) % 60:02d}", is_active=number % 3 != 0)
    role = factories.role(PERMISSIONS, DataScope.UNIT)
    return factories.user(city["yantian"], username="kp-viewer", roles=[role])


def next_link(response) -> str | None:
    found = NEXT_LINK.search(response.content.decode())
    return html.unescape(found.group(1)) if found else None


def shown(response) -> list[str]:
    return [row.record.username for row in response.context["table"].page.object_list]


def listing_queries(queries) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if 'ORDER BY "org_user"' in query["sql"]]


@pytest.mark.parametrize("sort", ["", "-username", "is_active"])
def test_following_next_links_shows_every_row_once_in_the_list_order(client, viewer, sort):
    client.force_login(viewer)
    params = {"per_page": 25, **({"sort": sort} if sort else {})}
    numbered = [shown(client.get(reverse(LIST), {**params, "page": page})) for page in (1, 2, 3)]
    response = client.get(reverse(LIST), params)
    followed = [shown(response)]
    while (link := next_link(response)) is not None:
        assert "after=" in link
        response = client.get(reverse(LIST) + link)
        followed.append(shown(response))
    assert followed == numbered
    assert sum(len(page) for page in followed) == User.objects.filter(unit=viewer.unit).count()
    assert response.context["table"].page.number == 3


def test_a_continued_page_reads_its_keys_without_skipping_rows(client, viewer):
    client.force_login(viewer)
    link = next_link(client.get(reverse(LIST), {"per_page": 25}))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(LIST) + link)
    statements = listing_queries(queries)  # before the next request empties the log
    assert statements and not any("OFFSET" in sql for sql in statements)
    assert shown(response) == shown(client.get(reverse(LIST), {"per_page": 25, "page": 2}))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse(LIST), {"per_page": 25, "page": 2})
    numbered = [query["sql"] for query in queries.captured_queries if '"org_user"' in query["sql"]]
    assert any("OFFSET" in sql for sql in numbered)  # the numbered page skips, as before


@pytest.mark.parametrize("cursor", ["nonsense", "[1]", '["kp-30","x"]', "[null,null]", "{}"])
def test_a_cursor_that_does_not_fit_the_order_is_ignored(client, viewer, cursor):
    client.force_login(viewer)
    response = client.get(reverse(LIST), {"per_page": 25, "page": 2, "after": cursor})
    assert response.status_code == 200
    assert shown(response) == shown(client.get(reverse(LIST), {"per_page": 25, "page": 2}))


def test_only_the_next_link_carries_the_cursor(client, viewer):
    client.force_login(viewer)
    first = client.get(reverse(LIST), {"per_page": 25})
    second = client.get(reverse(LIST) + next_link(first)).content.decode()
    links = [html.unescape(href) for href in re.findall(r'href="(\?[^"]*)"', second)]
    carrying = [href for href in links if "after=" in href]
    assert len(carrying) == 1 and "page=3" in carrying[0]  # 下一页; sort, size, numbers and 上一页 start anew


def test_an_order_by_a_column_that_may_be_empty_pages_by_number(viewer):
    ordered = User.objects.filter(unit=viewer.unit).order_by("last_login")
    page = paging.IdFirstPaginator(ordered, 25).page(1)
    assert page.has_next() and page.next_cursor is None
    assert paging.after_cursor(ordered, '["2026-01-01T00:00:00+00:00",1]') is None


def test_ties_of_the_first_term_continue_by_the_key(viewer):
    ordered = User.objects.filter(unit=viewer.unit).order_by("-is_active")
    expected = list(paging.with_key_tiebreak(ordered).values_list("pk", flat=True))
    paginator = paging.IdFirstPaginator(ordered, 7)
    page, keys, number = paginator.page(1), [], 1
    while True:
        keys += [record.pk for record in page.object_list]
        if not page.has_next():
            break
        number += 1
        page = paging.IdFirstPaginator(ordered, 7).page(number, after=page.next_cursor)
    assert keys == expected
