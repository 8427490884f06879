"""The left menu, generated from a registry by the user's permissions.

Each app registers its entries in its ``menu.py`` (imported by its ``AppConfig.ready``); core's own
entries are at the end of this module::

    menu.register(MenuItem(group="组织与用户", label="单位", url_name="org:unit_list",
                           permission="org.view_unit", order=10))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property

from . import usercache

#: The menu groups in order, with their Tabler icon. Entries of any other group sort last.
GROUPS = {
    "工作台": "layout-dashboard",
    "执法办案": "briefcase",
    "执法监督": "eye-check",
    "基础数据": "database",
    "系统管理": "settings",
}


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
    """One collapsible group of the menu; it starts open when it holds the current page."""

    label: str
    icon: str = ""
    items: list[dict] = field(default_factory=list)
    open: bool = False

    @property
    def key(self) -> str:
        return f"menu-{list(GROUPS).index(self.label) if self.label in GROUPS else len(GROUPS)}"


_registry: list[MenuItem] = []


def register(*items: MenuItem) -> None:
    for item in items:
        if item not in _registry:
            _registry.append(item)


def registered() -> list[MenuItem]:
    return list(_registry)


def visible_entries(user) -> list[tuple[str, str, str]]:
    """``(group, label, url)`` of every entry ``user`` may open, in menu order (cached per user).

    The entries depend only on the user's permissions, which the access token of
    ``zhifa.core.usercache`` covers.
    """

    def build():
        entries = []
        for item in sorted(_registry, key=lambda i: (i.order, i.label)):
            if item.permission and not user.has_perm(item.permission):
                continue
            try:
                entries.append((item.group, item.label, reverse(item.url_name)))
            except NoReverseMatch:
                continue
        return entries

    return usercache.cached(user, "menu_entries", build)


def active_url(entries: list[tuple[str, str, str]], current_path: str) -> str:
    """The address of the entry to highlight: the longest one that is a prefix of ``current_path`` ("" for none)."""
    matching = [url for _group, _label, url in entries
                if current_path == url or (url != "/" and current_path.startswith(url))]
    return max(matching, key=len) if matching else ""


def menu_for(user, current_path: str = "") -> list[MenuGroup]:
    """The menu groups and links visible to ``user``, in a stable order.

    Exactly one entry is highlighted: the one whose address is the longest prefix of the current
    page (so a detail page under ``/basedata/objects/`` highlights 检查对象库, not its parent).
    """
    entries = visible_entries(user)
    active = active_url(entries, current_path)
    groups: dict[str, MenuGroup] = {}
    for group_label, label, url in entries:
        group = groups.setdefault(group_label, MenuGroup(group_label, GROUPS.get(group_label, "")))
        group.items.append({"label": label, "url": url, "active": url == active})
    rank = {name: i for i, name in enumerate(GROUPS)}
    ordered = sorted(groups.values(), key=lambda g: rank.get(g.label, len(rank)))
    for group in ordered:
        group.open = any(item["active"] for item in group.items)
    if ordered and not any(group.open for group in ordered):
        ordered[0].open = True
    return ordered


class PageMenu:
    """The menu of one page for the layout: the highlighted address at once, the groups only when rendered.

    The layout caches the rendered menu per user and highlighted entry (``{% usercached %}``), so
    the groups are built only on the first page of a user after an access change.
    """

    def __init__(self, user, current_path: str):
        self.user = user
        self.current_path = current_path

    @cached_property
    def active_url(self) -> str:
        return active_url(visible_entries(self.user), self.current_path)

    @cached_property
    def groups(self) -> list[MenuGroup]:
        return menu_for(self.user, self.current_path)


# --- core's own entries: workbench, notifications, notices, delivery and SMS logs, audit ---------

register(
    MenuItem(group="工作台", label="我的工作台", url_name="core:workbench", order=10),
    MenuItem(group="工作台", label="通知中心", url_name="core:notification_list", order=20),
    MenuItem(group="工作台", label="通知公告", url_name="core:notice_list", order=30),
    MenuItem(group="系统管理", label="通知公告管理", url_name="core:notice_manage", permission="core.add_notice", order=40),
    MenuItem(group="系统管理", label="通知发送记录", url_name="core:delivery_list", permission="core.view_notificationdelivery", order=85),
    MenuItem(group="系统管理", label="审计日志", url_name="core:audit_list", permission="core.view_auditentry", order=10),
    MenuItem(group="系统管理", label="本地短信记录", url_name="core:sms_list", permission="core.view_smsmessage", order=90),
)
