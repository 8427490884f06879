"""Every registered list page, at every data scope, is answered from indexes on PostgreSQL.

The test signs in as a user of each data scope, opens each list page (first page, a name search,
a deeper page, a page continued after the first page's first row as a 下一页 link continues it) and
runs ``EXPLAIN`` on every query the page made, with ``enable_seqscan`` off so
that the planner picks a sequential scan only when no index can serve the query (with a handful
of test rows it would otherwise prefer one everywhere). A sequential scan of a table that grows
with the workload fails, naming the page, the scope, the table and the query. Only a bounded scan
without a filter is allowed (the capped count of an unfiltered list reads its first 10,001 rows).
Reference tables that stay small (regions, units, roles …) may be scanned.
"""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from tests import factories
from zhifa.core import paging
from zhifa.core.views.generic.registry import models_with
from zhifa.core.scoping import DataScope

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="需要 PostgreSQL：本测试检查 PostgreSQL 查询计划（EXPLAIN）；SQLite 的查询规划器不同，不适用",
)

SMALL_TABLES = {
    "org_region", "org_unit", "org_role", "org_role_permissions", "auth_permission", "django_content_type",
    "django_session", "core_accessversion", "core_usertablepreference", "core_notification",
    "legal_dataversion", "legal_calendarday", "legal_thresholdsetting",
}
"""Tables that stay small however much work the platform does (hundreds to a few thousand rows)."""

get_resolver().url_patterns  # importing the URL configuration registers every model's views
LIST_MODELS = [apps.get_model(app_label, model_name) for app_label, model_name in models_with("list")]
REQUESTS = ({}, {"q": "张"}, {"page": 2})


def view_permissions() -> list[str]:
    """View permissions on every list model, so that every filter card's dropdown is filled."""
    return [f"{model._meta.app_label}.view_{model._meta.model_name}" for model in LIST_MODELS]


def seq_scans(plan: dict, bounded: bool = False):
    """``(table, filter)`` of every sequential scan in ``plan`` that is not a bounded, unfiltered read."""
    node_bounded = bounded or plan["Node Type"] == "Limit"
    if plan["Node Type"] == "Seq Scan" and (plan.get("Filter") or not node_bounded):
        yield plan["Relation Name"], plan.get("Filter", "")
    for child in plan.get("Plans", ()):
        yield from seq_scans(child, node_bounded and plan["Node Type"] in ("Limit", "Aggregate", "Subquery Scan"))


def explain(sql: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        row = cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = on")
    return (json.loads(row) if isinstance(row, str) else row)[0]["Plan"]


def continued_cursor(client, url: str) -> str:
    """The ``after`` cursor of the list's first row (a 下一页 link's, as if pages held one row), or ``""`` when
    the list has no row or its order does not allow keyset pages."""
    table = client.get(url).context["table"]
    rows = table.page.object_list
    return (paging.keyset_cursor(table.paginator.object_list, rows[0].record) or "") if len(rows) else ""


@pytest.mark.parametrize("scope", DataScope.values)
@pytest.mark.parametrize("model", LIST_MODELS, ids=lambda model: model._meta.label)
def test_list_queries_use_indexes(client, city, model, scope):
    user = factories.user(city["yantian"], roles=[factories.role(view_permissions(), scope)])
    client.force_login(user)
    url = reverse(f"{model._meta.app_label}:{model._meta.model_name}_list")
    problems = []
    for params in (*REQUESTS, "continued"):
        if params == "continued":
            params = {"page": 2, "after": continued_cursor(client, url)}
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            for table, condition in seq_scans(explain(sql)):
                if table not in SMALL_TABLES:
                    problems.append(f"{url}?{params} {scope}: 顺序扫描 {table} {condition}\n    {sql[:400]}")
    assert not problems, "\n".join(problems)
