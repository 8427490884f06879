"""Menu entries of the organisation context (group 组织与用户)."""

from zhifa.core.menu import MenuItem, register

GROUP = "组织与用户"

register(
    MenuItem(group=GROUP, label="单位", url_name="org:unit_list", permission="org.view_unit", order=10),
    MenuItem(group=GROUP, label="用户", url_name="org:user_list", permission="org.view_user", order=20),
    MenuItem(group=GROUP, label="角色", url_name="org:role_list", permission="org.view_role", order=30),
    MenuItem(group=GROUP, label="跨单位授权", url_name="org:scopegrant_list", permission="org.view_scopegrant",
             order=40),
    MenuItem(group=GROUP, label="行政区划", url_name="org:region_list", permission="org.view_region", order=50),
)
