"""Pages of a scope of a few units are read unit by unit and merged (``paging.keys_by_unit``): the same
rows in the same order as the plain query, for every page and sort (issue 9: a district's first page
walked 159,000 rows of the global name index on PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from zhifa.core import paging
from zhifa.core.scoping import DataScope
from zhifa.org.models import ScopeGrant, User

LIST = "org:user_list"
PERMISSIONS = ["org.view_user", "org.view_unit", "org.view_role"]


@pytest.fixture
def district(tree):
    """The district bureau and its street office with interleaved user names, and a viewer of the subtree."""
    second_street = factories.unit("盐田区沙头角街道办事处", tree["district"].region, parent=tree["district"],
                                   level="street")
    for number in range(40):
        unit = (tree["district"], tree["street"], second_street)[number % 3]
        factories.user(unit, username=f"u{(number * 7) % 40:02d}")
    factories.user(tree["city"], username="u-city")  # outside the subtree
    viewer = factories.user(tree["district"], username="viewer", roles=[factories.role(PERMISSIONS, DataScope.SUBTREE)])
    return {**tree, "viewer": viewer}


def page_names(client, **params) -> tuple[list[str], list[str]]:
    with CaptureQueriesContext(connection) as captured:
        table = client.get(reverse(LIST), {"per_page": 25, **params}).context["table"]
    return [row.record.username for row in table.page.object_list], [q["sql"] for q in captured.captured_queries]


def expected_names(tree, *, reverse_order: bool = False) -> list[str]:
    names = User.objects.filter(unit__path__startswith=tree["district"].path).values_list("username", flat=True)
    return sorted(names, reverse=reverse_order)


@pytest.mark.parametrize("sort", ["", "-username"])
def test_every_page_of_a_subtree_scope_holds_the_rows_of_the_plain_order(client, district, sort):
    client.force_login(district["viewer"])
    params = {"sort": sort} if sort else {}
    shown, queries = [], []
    for page in (1, 2):
        names, sql = page_names(client, page=page, **params)
        shown += names
        queries += sql
    assert shown == expected_names(district, reverse_order=bool(sort))
    merged = any("UNION ALL" in sql for sql in queries)
    assert merged == connection.features.supports_slicing_ordering_in_compound  # PostgreSQL: merged per unit


def test_a_grant_or_a_single_unit_reads_the_page_in_one_query(client, district):
    viewer = factories.user(district["district"], roles=[factories.role(PERMISSIONS, DataScope.UNIT)])
    client.force_login(viewer)
    names, queries = page_names(client)
    assert names == sorted(User.objects.filter(unit=district["district"]).values_list("username", flat=True))[:25]
    assert not any("UNION ALL" in sql for sql in queries)
    ScopeGrant.objects.create(grantee=district["viewer"], unit=district["city"], actions="view", reason="协助检查")
    client.force_login(district["viewer"])
    names, queries = page_names(client, per_page=100)
    assert "u-city" in names and not any("UNION ALL" in sql for sql in queries)


def test_a_condition_that_matches_nothing_gives_no_keys(district):
    """``pk__in=[]`` (a search whose matches were read first and found none) compiles to no statement."""
    scope = User.objects.restrict(district["viewer"], "view")
    by_unit = connection.features.supports_slicing_ordering_in_compound  # else the plain query reads the page
    assert paging.keys_by_unit(scope.filter(pk__in=[]), 0, 26) == ([] if by_unit else None)
