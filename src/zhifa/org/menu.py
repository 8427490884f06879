"""Menu entries of the organisation context (group 系统管理).

Every staff member may *view* units and users (pickers and names need it); the screens that
manage them are offered to those who may change them, so officers never see them in the menu.
"""

from zhifa.core.menu import MenuItem, register

GROUP = "系统管理"

register(
    MenuItem(group=GROUP, label="单位管理", url_name="org:unit_list", permission="org.change_unit", order=1),
    MenuItem(group=GROUP, label="用户管理", url_name="org:user_list", permission="org.change_user", order=2),
    MenuItem(group=GROUP, label="角色", url_name="org:role_list", permission="org.view_role", order=3),
    MenuItem(group=GROUP, label="跨单位授权", url_name="org:scopegrant_list", permission="org.view_scopegrant",
             order=4),
    MenuItem(group=GROUP, label="行政区划", url_name="org:region_list", permission="org.change_region", order=50),
)
