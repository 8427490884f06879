"""Menu entries of the case module (group 执法办案); supervisors reach the list through their view permission."""

from zhifa.core.menu import MenuItem, register

GROUP = "执法办案"

register(
    MenuItem(group=GROUP, label="案件登记", url_name="cases:case_add", permission="cases.add_case", order=10),
    MenuItem(group=GROUP, label="案件查询", url_name="cases:case_list", permission="cases.view_case", order=20),
)
#: The 缺项 rules, kept by those who may change them.
register(
    MenuItem(group="系统管理", label="缺项规则", url_name="cases:stagerequirementrule_list",
             permission="cases.change_stagerequirementrule", order=45),
)
