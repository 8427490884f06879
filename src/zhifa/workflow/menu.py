"""Menu entries of the process engine."""

from zhifa.core.menu import MenuItem, register

register(
    MenuItem(group="工作台", label="我的流程待办", url_name="workflow:my_tasks", order=20),
    MenuItem(group="系统管理", label="流程配置", url_name="workflow:processdefinition_list",
             permission="workflow.view_processdefinition", order=40),
    MenuItem(group="工作台", label="委托代办", url_name="workflow:deputy_list", order=25),
)
