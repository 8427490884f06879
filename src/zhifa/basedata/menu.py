"""Menu entries of the base-data context (group 基础数据, and the record monitor under 执法监督)."""

from zhifa.core.menu import MenuItem, register

GROUP = "基础数据"

register(
    MenuItem(group=GROUP, label="法律法规库", url_name="basedata:law_list", permission="basedata.view_law", order=10),
    MenuItem(group=GROUP, label="法条检索", url_name="basedata:law_search", permission="basedata.view_article", order=11),
    MenuItem(group=GROUP, label="我的法规收藏", url_name="basedata:favourite_list", permission="basedata.view_law",
             order=12),
    MenuItem(group=GROUP, label="权责清单", url_name="basedata:power_list", permission="basedata.view_power",
             order=20),
    MenuItem(group=GROUP, label="自由裁量基准", url_name="basedata:discretionstandard_list",
             permission="basedata.view_discretionstandard", order=30),
    MenuItem(group=GROUP, label="执法人员", url_name="basedata:officer_list", permission="basedata.view_officer",
             order=40),
    MenuItem(group=GROUP, label="检查对象库", url_name="basedata:inspectedobject_list",
             permission="basedata.view_inspectedobject", order=50),
    MenuItem(group=GROUP, label="检查对象概览", url_name="basedata:inspectedobject_overview",
             permission="basedata.view_inspectedobject", order=51),
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
