"""The left menu, generated from a registry by the user's permissions.

Each app registers its entries in its ``menu.py`` (imported by ``CoreConfig.ready``)::

    menu.register(MenuItem(group="组织与用户", label="单位", url_name="org:unit_list",
                           permission="org.view_unit", order=10))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

GROUP_ORDER = ["工作台", "执法办案", "基础数据", "执法监督", "工具", "组织与用户", "系统管理"]


@dataclass(frozen=True)
class MenuItem:
    """One menu link; shown when the user holds ``permission`` (or always when it is empty)."""

    group: str
    label: str
    url_name: str
    permission: str = ""
    order: int = 100
    icon: str = ""


@dataclass
class MenuGroup:
    label: str
    items: list[dict] = field(default_factory=list)


_registry: list[MenuItem] = []


def register(*items: MenuItem) -> None:
    for item in items:
        if item not in _registry:
            _registry.append(item)


def registered() -> list[MenuItem]:
    return list(_registry)


def menu_for(user, current_path: str = "") -> list[MenuGroup]:
    """The menu groups and links visible to ``user``, in a stable order."""
    groups: dict[str, MenuGroup] = {}
    for item in sorted(_registry, key=lambda i: (i.order, i.label)):
        if item.permission and not user.has_perm(item.permission):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        group = groups.setdefault(item.group, MenuGroup(item.group))
        group.items.append({"label": item.label, "url": url, "active": current_path.startswith(url) and url != "/"})
    rank = {name: i for i, name in enumerate(GROUP_ORDER)}
    return sorted(groups.values(), key=lambda g: rank.get(g.label, len(rank)))
