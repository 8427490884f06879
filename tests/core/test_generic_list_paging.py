"""Generic lists at scale: capped counts with an exact count on demand, pages fetched keys first,
and rows written with a ``data-label`` on every cell (the phone layout shows it before the value)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from zhifa.core import paging
from zhifa.org.models import User

LIST = "org:user_list"
ROW_COUNT = re.compile(r'data-testid="row-count">([^<]*)<')


@pytest.fixture
def admin(city):
    permissions = factories.model_permissions(User, ["view"]) + ["org.view_unit", "org.view_role"]
    person = factories.user(city["yantian"], username="yt-admin", roles=[factories.role(permissions)])
    for number in range(30):
        factories.user(city["yantian"], username=f"yt-{number:02d}")
    return person


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 20)


def row_count(response) -> str:
    return ROW_COUNT.search(response.content.decode()).group(1)


def test_every_cell_is_labelled_with_its_column_header(client, admin):
    client.force_login(admin)
    response = client.get(reverse(LIST), {"per_page": 25})
    html = response.content.decode()
    body = html[html.index("<tbody"):html.index("</tbody>")]
    headers = [str(column.verbose_name) for column in response.context["table"].columns]
    rows = re.findall(r"<tr>(.*?)</tr>", body)
    assert len(rows) == 25
    for row in rows:
        assert re.findall(r'<td data-label="([^"]*)">', row) == headers
        assert row.count("<td") == len(headers)


def test_count_stops_at_the_cap_and_the_exact_count_is_on_demand(client, admin, small_cap):
    client.force_login(admin)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(LIST), {"per_page": 25})
    assert row_count(response) == "20+"
    assert 'data-testid="exact-count"' in response.content.decode()
    assert any("LIMIT 21" in query["sql"] for query in queries.captured_queries)
    exact = client.get(reverse(LIST), {"per_page": 25, "count": "exact"})
    assert row_count(exact) == "31"
    assert 'data-testid="exact-count"' not in exact.content.decode()


def count_queries(queries) -> list[str]:
    return [query["sql"] for query in queries.captured_queries
            if query["sql"].startswith("SELECT COUNT(") and '"org_user"' in query["sql"]]


def test_a_count_that_reached_the_cap_is_kept_for_the_period(client, admin, small_cap, settings):
    client.force_login(admin)
    client.get(reverse(LIST), {"per_page": 25})
    factories.user(admin.unit, username="yt-new")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(LIST), {"per_page": 25})
    assert row_count(response) == "20+" and not count_queries(queries)  # still true: 32 rows
    settings.ZHIFA_CAPPED_COUNT_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        assert row_count(client.get(reverse(LIST), {"per_page": 25})) == "20+"
    assert len(count_queries(queries)) == 1


def test_a_count_under_the_cap_is_made_again_on_every_page(client, admin, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 100)
    client.force_login(admin)
    assert row_count(client.get(reverse(LIST), {"per_page": 25})) == "31"
    factories.user(admin.unit, username="yt-new")
    assert row_count(client.get(reverse(LIST), {"per_page": 25})) == "32"


def test_a_kept_count_serves_only_its_own_statement(client, admin, small_cap):
    client.force_login(admin)
    assert row_count(client.get(reverse(LIST), {"per_page": 25})) == "20+"
    assert row_count(client.get(reverse(LIST), {"q": "yt-0", "per_page": 5})) == "10"


def test_pages_past_the_cap_are_reachable_and_know_whether_more_follow(client, admin, small_cap):
    client.force_login(admin)
    first = client.get(reverse(LIST), {"per_page": 25}).context["table"]
    second = client.get(reverse(LIST), {"per_page": 25, "page": 2}).context["table"]
    assert first.page.has_next() and not second.page.has_next()
    shown = [row.record.username for row in [*first.page.object_list, *second.page.object_list]]
    assert shown == sorted(User.objects.values_list("username", flat=True))  # no row twice, none missing


def test_a_page_past_the_end_falls_back_to_the_last_page_with_the_exact_count(client, admin, small_cap):
    client.force_login(admin)
    response = client.get(reverse(LIST), {"per_page": 25, "page": 9})
    table = response.context["table"]
    assert table.page.number == 2 and len(table.page.object_list) == 6
    assert row_count(response) == "31"


def test_rows_come_in_the_order_of_their_keys_page(client, admin):
    client.force_login(admin)
    table = client.get(reverse(LIST), {"sort": "-username", "per_page": 25}).context["table"]
    names = [row.record.username for row in table.page.object_list]
    assert names == sorted(User.objects.values_list("username", flat=True), reverse=True)[:25]


def counted_pages(queries) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if "COUNT(*) OVER ()" in query["sql"]]


def test_under_the_cap_a_page_and_the_count_come_from_one_statement(client, admin):
    client.force_login(admin)
    for page, shown in ((1, 25), (2, 6)):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(LIST), {"per_page": 25, "page": page})
        assert row_count(response) == "31" and len(response.context["table"].page.object_list) == shown
        assert len(counted_pages(queries)) == 1 and not count_queries(queries)


def test_over_the_cap_the_page_is_read_along_the_order_and_the_count_is_not_made_twice(client, admin, small_cap):
    client.force_login(admin)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse(LIST), {"per_page": 25})
    assert row_count(first) == "20+" and len(counted_pages(queries)) == 1 and not count_queries(queries)
    listing = [query["sql"] for query in queries.captured_queries if 'ORDER BY "org_user"' in query["sql"]]
    assert len(listing) == 1 and " IN (SELECT " in listing[0]  # the page's keys as a sub-select of its rows
    with CaptureQueriesContext(connection) as queries:
        again = client.get(reverse(LIST), {"per_page": 25})
    assert row_count(again) == "20+" and not counted_pages(queries) and not count_queries(queries)
    assert shown_names(again) == shown_names(first) == sorted(User.objects.values_list("username", flat=True))[:25]


def test_a_page_past_the_last_row_is_found_empty_without_a_count_under_the_cap(client, admin):
    client.force_login(admin)
    table = client.get(reverse(LIST), {"per_page": 25, "page": 3}).context["table"]
    assert table.page.number == 2 and len(table.page.object_list) == 6  # the last page instead, as before


def test_a_list_with_no_row_is_counted_by_the_page_statement(client, admin):
    client.force_login(admin)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(LIST), {"q": "没有这个人", "per_page": 25})
    assert response.context["table"].paginator.count == 0 and not count_queries(queries)
    assert not response.context["table"].page.object_list


def shown_names(response) -> list[str]:
    return [row.record.username for row in response.context["table"].page.object_list]


def test_sort_size_and_page_links_keep_the_other_parameters(client, admin):
    client.force_login(admin)
    html = client.get(reverse(LIST), {"q": "yt", "sort": "username", "per_page": 25}).content.decode()
    head = html[html.index("<thead"):html.index("</thead>")]
    assert ('href="?q=yt&amp;sort=-username&amp;per_page=25" hx-get="?q=yt&amp;sort=-username&amp;per_page=25" '
            'hx-target="#object-table" hx-push-url="true" class="table-sort asc"') in head
    footer = html[html.index("</tbody>"):]
    assert 'class="page-link">2</a>' in footer and "?q=yt&amp;sort=username&amp;per_page=25&amp;page=2" in footer
    assert 'href="?q=yt&amp;sort=username&amp;per_page=50"' in footer  # a page size starts again at page 1
    assert '<strong class="mx-1">25</strong>' in footer


def test_a_page_that_filters_nothing_builds_no_filter_form_once_its_card_is_kept(client, admin):
    client.force_login(admin)
    client.get(reverse(LIST), {"page": 2, "per_page": 25})
    response = client.get(reverse(LIST), {"page": 2, "per_page": 25})
    assert not hasattr(response.context["filterset"], "_form")
    assert 'id="filter-form"' in response.content.decode()
    filtered = client.get(reverse(LIST), {"q": "yt-0", "per_page": 25})
    assert [row.record.username for row in filtered.context["table"].page.object_list] == [
        f"yt-0{number}" for number in range(10)]
