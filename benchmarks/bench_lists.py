"""Side-by-side benchmark of the generic list pages against a floor, at any table size.

Run (after growing the tables with ``benchmarks/load_rows.py``)::

    ZHIFA_DEMO=1 ZHIFA_DATA_DIR=var/bench [DATABASE_URL=postgres://…] \\
        .venv/bin/python benchmarks/bench_lists.py [--lists objects,officers,users] [--pairs 30]

The floor is a bare logged-in view behind the same middleware that fetches, by primary key, the
same rows the list page shows (3 queries: session, user, rows) and writes one cell per row. Each
case runs ``--pairs`` pairs — the list page and the floor one after the other, the order
alternating — in this process through Django's test client (no network). It prints, per case,
the median and p95 of both in milliseconds and the ratio of the p95s; the figures go to
docs/performance.md ("Generic lists at a million rows").

Cases per list: the first page (as a user with the unit scope), a rare and a common filter, page
500 (by its number, and by page 499's 下一页 link, which continues where page 499 ended), a name
search, then the first page as a user of each of the five data scopes (own, unit,
subtree, region, all; the region user sits in the city's justice bureau, like the city supervisor).
The benchmark users and roles (``bench_*``) are created on first use.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.base")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402
from django.utils.html import escape  # noqa: E402

from zhifa.basedata.models import InspectedObject, Officer  # noqa: E402
from zhifa.core.views.generic.registry import registered_view  # noqa: E402
from zhifa.core.scoping import DataScope  # noqa: E402
from zhifa.core.warmup import warm_up  # noqa: E402
from zhifa.org.models import Role, Unit, User  # noqa: E402

FLOOR_LIMIT = 100
NEXT_LINK = re.compile(r'href="([^"]*)"[^>]*class="page-link">下一页</a>')


@login_required
def floor(request, label: str):
    """The floor: the rows with the given keys, one escaped cell each."""
    model = LISTS[label].model
    keys = [int(key) for key in request.GET.get("ids", "").split(",") if key][:FLOOR_LIMIT]
    rows = registered_view(model, "list").queryset.filter(pk__in=keys)  # the list's joins: no N+1 for str()
    cells = "".join(f"<tr><td>{escape(str(row))}</td></tr>" for row in rows)
    return HttpResponse(f"<table>{cells}</table>")


urlpatterns = [path("bench-floor/<str:label>/", floor), path("", include("zhifa.urls"))]


@dataclass(frozen=True)
class ListSpec:
    """One list page: its model, URL name, cases (name → query parameters) and permissions."""

    model: type
    url_name: str
    cases: dict[str, dict]
    unit_path: str  # lookup of the owning unit's id, to place the benchmark users


LISTS = {
    "objects": ListSpec(InspectedObject, "basedata:inspectedobject_list", {
        "first page": {}, "filter status=注销 (rare)": {"status": "cancelled"},
        "filter status=存续": {"status": "active"}, "page 500": {"page": 500}, "search q=广告": {"q": "广告"},
    }, "unit_id"),
    "officers": ListSpec(Officer, "basedata:officer_list", {
        "first page": {}, "filter status=吊销 (rare)": {"status": "revoked"},
        "filter status=正常": {"status": "active"}, "page 500": {"page": 500}, "search q=张": {"q": "张"},
    }, "unit_id"),
    "users": ListSpec(User, "org:user_list", {
        "first page": {}, "filter is_active=否 (rare)": {"is_active": "false"},
        "filter is_active=是": {"is_active": "true"}, "page 500": {"page": 500}, "search q=张": {"q": "张"},
    }, "unit_id"),
}
VIEW_PERMISSIONS = ("basedata.view_inspectedobject", "basedata.view_officer", "org.view_user", "org.view_unit",
                    "org.view_region", "org.view_role")


def bench_user(scope: str, unit: Unit) -> User:
    """The benchmark user of ``scope`` in ``unit`` (created once), holding the view permissions."""
    role, created = Role.objects.get_or_create(code=f"bench_{scope}", defaults={"name": f"基准测试 {scope}",
                                                                                 "data_scope": scope})
    if created:
        for name in VIEW_PERMISSIONS:
            app_label, codename = name.split(".")
            role.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    user, _ = User.objects.get_or_create(username=f"bench_{scope}", defaults={"display_name": f"基准{scope}",
                                                                               "unit": unit})
    user.roles.add(role)
    return user


def busiest_unit(spec: ListSpec) -> Unit:
    top = (spec.model._base_manager.values(spec.unit_path).annotate(n=Count("pk")).order_by("-n").first())
    return Unit.objects.get(pk=top[spec.unit_path])


def scope_users(spec: ListSpec) -> dict[str, User]:
    unit = busiest_unit(spec)
    city_bureau = Unit.objects.filter(kind="supervisory_body", level="city").first() or unit
    return {
        scope: bench_user(scope, city_bureau if scope == DataScope.REGION else unit)
        for scope in (DataScope.OWN, DataScope.UNIT, DataScope.SUBTREE, DataScope.REGION, DataScope.ALL)
    }


def page_keys(client: Client, url: str) -> tuple[list[int], int]:
    """The keys of the rows the list page shows (read from its checkboxes) and its query count."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content.decode()
    keys = [int(chunk.split('"', 1)[0]) for chunk in html.split('name="pk" value="')[1:]]
    return keys, len(queries)


def continued_url(client: Client, url: str) -> str:
    """The address of the 下一页 link of the page at ``url`` (it carries the keyset cursor, ``after``)."""
    found = NEXT_LINK.search(client.get(url).content.decode())
    assert found, (url, "没有下一页")
    return url.split("?", 1)[0] + html.unescape(found.group(1))


def timed(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def run_case(client: Client, label: str, url: str, pairs: int) -> dict:
    page_keys(client, url)  # fills the per-user caches
    keys, queries = page_keys(client, url)
    floor_url = f"/bench-floor/{label}/?ids={','.join(map(str, keys))}"
    _floor_keys, floor_queries = page_keys(client, floor_url)
    timed(client, url), timed(client, floor_url)  # warm-up
    app, bare = [], []
    for i in range(pairs):
        if i % 2:
            bare.append(timed(client, floor_url))
            app.append(timed(client, url))
        else:
            app.append(timed(client, url))
            bare.append(timed(client, floor_url))
    return {"rows": len(keys), "queries": queries, "floor_queries": floor_queries,
            "app_median": statistics.median(app), "app_p95": p95(app),
            "floor_median": statistics.median(bare), "floor_p95": p95(bare)}


def print_row(label: str, case: str, scope: str, result: dict) -> None:
    ratio = result["app_p95"] / result["floor_p95"]
    print(f"| {label} | {case} | {scope} | {result['rows']} | {result['queries']} / {result['floor_queries']} | "
          f"{result['app_median']:.1f} / {result['app_p95']:.1f} | {result['floor_median']:.1f} / "
          f"{result['floor_p95']:.1f} | {ratio:.1f}× |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", default="objects,officers,users")
    parser.add_argument("--pairs", type=int, default=30)
    parser.add_argument("--scopes-only", action="store_true", help="only the first page per data scope")
    options = parser.parse_args()
    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    warm_up()  # as each worker of `zhifa serve` starts (zhifa.wsgi)
    print(f"# {connection.vendor}, {options.pairs} pairs per case")
    print("| list | case | scope | rows shown | queries app / floor | app median / p95 ms | "
          "floor median / p95 ms | p95 ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for label in options.lists.split(","):
        spec = LISTS[label]
        users = scope_users(spec)
        print(f"<!-- {label}: {spec.model._base_manager.count():,} rows -->", flush=True)
        client = Client()
        client.force_login(users[DataScope.UNIT])
        url = reverse(spec.url_name)
        if not options.scopes_only:
            for case, params in spec.cases.items():
                query = "&".join(f"{k}={v}" for k, v in params.items())
                print_row(label, case, "unit", run_case(client, label, f"{url}?{query}", options.pairs))
            print_row(label, "page 500 from 下一页 (keyset)", "unit",
                      run_case(client, label, continued_url(client, f"{url}?page=499"), options.pairs))
        for scope, user in users.items():
            client = Client()
            client.force_login(user)
            print_row(label, "first page", scope, run_case(client, label, url, options.pairs))


if __name__ == "__main__":
    main()
