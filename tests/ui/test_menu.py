"""The menu follows the role: officers see no administration, groups carry icons, one entry is highlighted."""

import pytest
from django.urls import reverse

from zhifa.core.menu import GROUPS, menu_for
from zhifa.core.templatetags.zhifa_ui import icon_svg


def labels(groups) -> dict[str, list[str]]:
    return {group.label: [item["label"] for item in group.items] for group in groups}


def test_officers_see_no_administration(demo_accounts):
    for username in ("officer_yantian", "officer_futian", "clue_yantian", "reviewer_yantian"):
        groups = labels(menu_for(demo_accounts[username]))
        assert "系统管理" not in groups and "组织与用户" not in groups, username
        assert "期限计算器" in groups["执法办案"]


def test_administrators_manage_units_and_users(demo_accounts):
    for username in ("unitadmin_yantian", "sysadmin"):
        assert {"单位管理", "用户管理"} <= set(labels(menu_for(demo_accounts[username]))["系统管理"]), username


def test_groups_have_icons_and_only_the_current_group_is_open(demo_accounts):
    path = reverse("basedata:inspectedobject_list")
    groups = menu_for(demo_accounts["sysadmin"], path + "123/")
    assert [g.label for g in groups] == [label for label in GROUPS if label in {g.label for g in groups}]
    assert all(icon_svg(g.icon).startswith("<svg") for g in groups)
    active = [(g.label, i["label"]) for g in groups for i in g.items if i["active"]]
    assert active == [("基础数据", "检查对象库")]
    assert [g.label for g in groups if g.open] == ["基础数据"]


def test_the_workbench_group_is_open_on_pages_outside_the_menu(demo_accounts):
    groups = menu_for(demo_accounts["officer_yantian"], "/somewhere/else/")
    assert [g.label for g in groups if g.open] == ["工作台"]
