"""Menu entry of the 缺项 rules (kept by those who may change them)."""

from zhifa.core.menu import MenuItem, register

register(
    MenuItem(group="系统管理", label="缺项规则", url_name="cases:stagerequirementrule_list",
             permission="cases.change_stagerequirementrule", order=45),
)
