"""Menu entries of the enforcement elements and the record library (group 基础数据)."""

from zhifa.core.menu import MenuItem, register

GROUP = "基础数据"

register(
    MenuItem(group=GROUP, label="常用语", url_name="basedata:phrase_list", permission="basedata.view_phrase", order=60),
    MenuItem(group=GROUP, label="检查模块", url_name="basedata:checkmodule_list",
             permission="basedata.view_checkmodule", order=61),
    MenuItem(group=GROUP, label="检查项", url_name="basedata:checkitem_list", permission="basedata.view_checkitem",
             order=62),
    MenuItem(group=GROUP, label="检查单", url_name="basedata:checklist_list", permission="basedata.view_checklist",
             order=63),
    MenuItem(group="执法监督", label="执法全记录库", url_name="basedata:recordbatch_monitor",
             permission="basedata.view_recordbatch", order=70),
)
