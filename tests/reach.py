"""Every model under every data scope and under explicit grants, and API writes outside the scope.

``ReadOnlyObjectTests`` mixes these in, so each model's test class runs them with its own data:
``data["own"]`` lies within the 盐田区 agency's reach under ``data_scope``, ``data["other"]`` in
福田区. Two testers stand in 盐田区 — one in the agency itself, one in a sibling unit of the same
district — so that each scope is told apart from the next wider one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import resolve

from tests.model_base import ModelTestBase
from zhifa.core.audit import snapshot
from zhifa.core.models import AuditEntry
from zhifa.core.scoping import DataScope
from zhifa.org.models import ScopeGrant

SCOPE_RANK = {scope: rank for rank, scope in enumerate(DataScope.values)}
"""own < unit < subtree < region < all."""

WRITE_ACTIONS = ("view", "add", "change", "delete")


def pks(rows) -> set:
    return {row.pk for row in rows}


@dataclass(frozen=True)
class Reach:
    """The data rows a tester must reach, and those they may reach (every other row: out of reach)."""

    must: frozenset
    may: frozenset

    @classmethod
    def exactly(cls, rows: set) -> Reach:
        return cls(frozenset(rows), frozenset(rows))


class ReachAssertions(ModelTestBase):
    """Checks that list, detail page and API of the model agree on what a tester reaches."""

    def assert_reach(self, client, tester, data, reach: Reach, label: str) -> None:
        client.force_login(tester)
        universe = pks(data["own"] + data["other"]) | reach.must
        response = client.get(self.url("list"))
        assert response.status_code == 200, label
        shown = pks(response.context["table"].data) & universe
        assert reach.must <= shown <= reach.may, f"{label}：列表 {sorted(shown)}"
        api = self.has_api()
        if api:
            response = client.get(self.api_url())
            assert response.status_code == 200, label
            listed = {row["id"] for row in response.json()["results"]} & universe
            assert reach.must <= listed <= reach.may, f"{label}：接口列表 {sorted(listed)}"
        model = self.model._default_manager
        for pk in {*(rows[0].pk for rows in (data["own"], data["other"])), *reach.must}:
            obj = model.get(pk=pk)
            if pk in reach.must:
                expected = 200
            elif pk not in reach.may:
                expected = 404
            else:
                continue
            assert client.get(self.url("detail", obj)).status_code == expected, f"{label}：详情 {pk}"
            if api:
                assert client.get(self.api_url(obj)).status_code == expected, f"{label}：接口详情 {pk}"

    def assert_api_writes_refused(self, client, obj) -> None:
        """PUT, PATCH and DELETE of ``obj`` answer 404 (405 where the API has no such method) and
        change nothing, not even the audit trail."""
        manager = self.model._default_manager
        before, audit_rows = snapshot(manager.get(pk=obj.pk)), AuditEntry.objects.count()
        allowed = self.api_methods(obj)
        for method in ("put", "patch", "delete"):
            response = getattr(client, method)(
                self.api_url(obj), {self.key_field: "越权修改"}, content_type="application/json"
            )
            assert response.status_code == (404 if method in allowed else 405), (method, response.content.decode())
        assert snapshot(manager.get(pk=obj.pk)) == before
        assert AuditEntry.objects.count() == audit_rows

    def api_methods(self, obj=None) -> set[str]:
        """The HTTP methods the model's API answers on the list (or ``obj``'s) address."""
        view = resolve(self.api_url(obj)).func
        return set(view.actions) & set(view.cls.http_method_names)


class ScopeTests(ReachAssertions):
    """Each data scope (own, unit, subtree, region, all) and explicit grants reach exactly their rows."""

    def owned_rows(self, tester, data) -> list:
        """Rows ``tester`` owns under the ``own`` scope: the first own row, made theirs.

        Override when the owner is not a direct field (``ScopeSpec(owner="a__b")``) or when owning a
        row changes what the tester reaches otherwise.
        """
        owner = self.model.scope.owner
        if owner == "pk":
            return [tester]
        if "__" in owner:
            raise NotImplementedError(f"{type(self).__name__} 需要实现 owned_rows（所有人字段 {owner}）")
        row = data["own"][0]
        self.model._default_manager.filter(pk=row.pk).update(**{owner: tester})
        return [row]

    def expected_reach(self, data, tester, scope: str, in_agency: bool) -> Reach:
        own, other = pks(data["own"]), pks(data["other"])
        if not self.scoped or scope == DataScope.ALL:
            return Reach.exactly(own | other)
        if scope == DataScope.OWN and self.model.scope.owner:
            return Reach.exactly(pks(self.owned_rows(tester, data)))
        effective = DataScope.UNIT if scope == DataScope.OWN else scope
        if not in_agency:
            return Reach.exactly(own if effective == DataScope.REGION else set())
        wide_enough = SCOPE_RANK[effective] >= SCOPE_RANK[self.data_scope]
        return Reach(frozenset(own if wide_enough else ()), frozenset(own))

    @pytest.mark.parametrize("scope", DataScope.values)
    def test_each_scope_reaches_exactly_its_rows(self, client, city, data, scope):
        for in_agency in (True, False):
            unit = city["yantian"] if in_agency else self.sibling_unit(city)
            tester = self.make_tester(city, scope=scope, unit=unit)
            reach = self.expected_reach(data, tester, scope, in_agency)
            self.assert_reach(client, tester, data, reach, f"{scope}/{'本单位' if in_agency else '同区其他单位'}")

    @pytest.mark.parametrize("target", ["unit", "region"])
    def test_grant_reaches_another_district_for_its_actions_only(self, client, city, data, target):
        tester = self.make_tester(city, WRITE_ACTIONS)
        where = ({"unit": city["futian"], "include_subordinates": True} if target == "unit"
                 else {"region": city["regions"]["futian"]})
        ScopeGrant.objects.create(grantee=tester, actions="view", reason="测试授权", **where)
        self.assert_reach(client, tester, data, Reach.exactly(pks(data["own"] + data["other"])), f"授权/{target}")
        if self.scoped and self.has_api():
            self.assert_api_writes_refused(client, data["other"][0])


class ApiWriteTests(ReachAssertions):
    """PUT/PATCH/DELETE of another district's rows through the API are refused and change nothing."""

    def test_api_writes_outside_the_scope_change_nothing(self, client, city, data):
        if not self.scoped and self.api_methods(data["other"][0]) & {"put", "patch", "delete"}:
            pytest.skip("共享参考数据没有其他辖区的行")
        client.force_login(self.make_tester(city, WRITE_ACTIONS))
        for obj in data["other"]:
            self.assert_api_writes_refused(client, obj)
