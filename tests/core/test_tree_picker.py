"""Filter cards pick many units or people in a searchable tree that names each parent and offers only
what the user may view."""

import re

import pytest
from django.urls import reverse

from tests import factories
from zhifa.core.widgets import tree_order
from zhifa.core.scoping import DataScope


def test_tree_order_puts_children_under_their_parent_and_orphans_at_the_top():
    entries = [{"pk": 3, "parent_pk": 1}, {"pk": 1, "parent_pk": None}, {"pk": 2, "parent_pk": 1},
               {"pk": 4, "parent_pk": 99}, {"pk": 5, "parent_pk": 3}]
    ordered = tree_order(entries)
    assert [(e["pk"], e["depth"]) for e in ordered] == [(1, 0), (3, 1), (5, 2), (2, 1), (4, 0)]


@pytest.fixture
def reader(city):
    street = factories.unit("盐田区海山街道办事处", city["regions"]["shatoujiao"], parent=city["yantian"],
                            level="street")
    user = factories.user(city["yantian"], roles=[factories.role(
        ["org.view_user", "org.view_unit", "org.change_user"], DataScope.SUBTREE)])
    return {"user": user, "street": street}


def test_unit_filter_is_a_tree_of_visible_units_with_their_parents(client, city, reader):
    client.force_login(reader["user"])
    page = client.get(reverse("org:user_list"), {"unit_id": reader["street"].pk}).content.decode()
    picker = re.search(r'<div class="tree-picker"[^>]*data-name="unit_id".*?</div>\s*</div>', page, re.S).group(0)
    assert 'placeholder="输入名称查找…"' in picker
    labels = re.findall(r'data-search="([^"]*)"', picker)
    assert labels == [f"{city['yantian'].name} ", f"{reader['street'].name} {city['yantian'].name}"]
    assert city["futian"].name not in picker  # outside the reader's scope: never offered
    assert re.search(rf'value="{reader["street"].pk}" checked', picker) and "已选 1 项" in picker
    assert "<select" not in picker


def test_yes_no_filters_default_to_all_not_unknown(rf, city):
    import django_filters

    from zhifa.core.filtersets import ZhifaFilterSet
    from zhifa.org.models import Role

    class RoleFilter(ZhifaFilterSet):
        class Meta:
            model = Role
            fields = ["is_builtin"]

    request = rf.get("/")
    request.user = factories.user(city["yantian"])
    form = RoleFilter({}, queryset=Role.objects.all(), request=request).form
    assert isinstance(RoleFilter.base_filters["is_builtin"], django_filters.BooleanFilter)
    assert list(form.fields["is_builtin"].widget.choices) == [("", "全部"), ("true", "是"), ("false", "否")]
    assert "未知" not in str(form["is_builtin"])
