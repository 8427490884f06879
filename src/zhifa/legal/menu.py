"""Menu entries of the legal rules engine.

Everyone may read the holiday schedule and the thresholds (the calculator cites them); the menu
offers their administration screens to those who maintain them.
"""

from zhifa.core.menu import MenuItem, register

register(
    MenuItem(group="执法办案", label="期限计算器", url_name="legal:calculator", order=10),
    MenuItem(group="系统管理", label="节假日安排", url_name="legal:calendar", permission="legal.change_calendarday", order=40),
    MenuItem(group="系统管理", label="法定标准配置", url_name="legal:thresholds", permission="legal.change_thresholdsetting", order=41),
)
