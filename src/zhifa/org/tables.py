"""Tables of the organisation lists."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html

from zhifa.core.tables import ZhifaTable

from .authority import ACTION_LABELS
from .models import Region, Role, ScopeGrant, Unit, User


class RegionTable(ZhifaTable):
    name = tables.Column(linkify=True)

    class Meta(ZhifaTable.Meta):
        model = Region
        fields = ("pk", "code", "name", "level", "parent")


class UnitTable(ZhifaTable):
    """Units in tree order (by path), each name indented by its depth."""

    name = tables.Column(linkify=True)
    parent = tables.Column(verbose_name="上级单位")

    class Meta(ZhifaTable.Meta):
        model = Unit
        fields = ("pk", "name", "short_name", "kind", "level", "sector", "region", "parent", "credit_code",
                  "number_prefix", "phone", "is_active", "version", "updated_at")
        default_columns = ("name", "kind", "level", "sector", "region", "is_active")

    def render_name(self, value, record):
        depth = max(record.path.count("/") - 2, 0)
        return format_html('<span style="padding-left: {}rem">{}</span>', depth * 1.25, value)

    def value_name(self, value):
        return value


class UserTable(ZhifaTable):
    username = tables.Column(linkify=True)
    roles = tables.ManyToManyColumn(verbose_name="角色", separator="、")

    class Meta(ZhifaTable.Meta):
        model = User
        fields = ("pk", "username", "display_name", "unit", "department", "title", "roles", "phone", "email",
                  "id_number", "is_active", "last_login")
        default_columns = ("username", "display_name", "unit", "roles", "phone", "is_active")


class RoleTable(ZhifaTable):
    name = tables.Column(linkify=True)
    user_count = tables.Column(verbose_name="用户数", accessor="user_count")

    class Meta(ZhifaTable.Meta):
        model = Role
        fields = ("pk", "code", "name", "data_scope", "requires_2fa", "is_builtin", "user_count", "description")
        # The code is the roles' key in imports and the API; people read the name.
        default_columns = ("name", "data_scope", "requires_2fa", "is_builtin", "user_count", "description")


class ScopeGrantTable(ZhifaTable):
    grantee = tables.Column(linkify=lambda record: record.get_absolute_url())
    actions = tables.Column(verbose_name="操作")

    class Meta(ZhifaTable.Meta):
        model = ScopeGrant
        fields = ("pk", "grantee", "unit", "region", "include_subordinates", "actions", "valid_until", "reason")

    def render_actions(self, record):
        return "、".join(ACTION_LABELS.get(action, action) for action in record.action_list())
