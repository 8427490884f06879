"""Menu entries of the base-data context."""

from zhifa.core.menu import MenuItem, register

register(
    MenuItem(group="基础数据", label="法律法规库", url_name="basedata:law_list", permission="basedata.view_law", order=10),
    MenuItem(group="基础数据", label="法条检索", url_name="basedata:law_search", permission="basedata.view_article", order=11),
    MenuItem(group="基础数据", label="我的法规收藏", url_name="basedata:favourite_list", permission="basedata.view_law", order=12),
)
