"""Menu entries of the power list and the discretion standards (group 基础数据)."""

from zhifa.core.menu import MenuItem, register

GROUP = "基础数据"

register(
    MenuItem(group=GROUP, label="权责清单", url_name="basedata:power_list", permission="basedata.view_power",
             order=20),
    MenuItem(group=GROUP, label="自由裁量基准", url_name="basedata:discretionstandard_list",
             permission="basedata.view_discretionstandard", order=30),
)
