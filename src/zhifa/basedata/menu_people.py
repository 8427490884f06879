"""Menu entries of the officer records and the inspection objects (group 基础数据)."""

from zhifa.core.menu import MenuItem, register

GROUP = "基础数据"

register(
    MenuItem(group=GROUP, label="执法人员", url_name="basedata:officer_list", permission="basedata.view_officer",
             order=40),
    MenuItem(group=GROUP, label="检查对象库", url_name="basedata:inspectedobject_list",
             permission="basedata.view_inspectedobject", order=50),
    MenuItem(group=GROUP, label="检查对象概览", url_name="basedata:inspectedobject_overview",
             permission="basedata.view_inspectedobject", order=51),
)
