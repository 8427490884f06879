"""Notices and todos of the demo, so that every demo account's workbench shows something."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoticeItem:
    """A notice (通知公告) published by the unit with plan key ``unit_key``."""

    unit_key: str
    title: str
    body: str
    pinned: bool = False


@dataclass(frozen=True)
class TodoItem:
    """A todo for a demo account, due ``due_in_days`` days from the run."""

    username: str
    kind: str
    title: str
    due_in_days: int


NOTICES: tuple[NoticeItem, ...] = (
    NoticeItem(
        "city:justice",
        "关于开展年度行政执法案卷评查工作的通知",
        "各区司法局、市直各执法部门：\n为提升行政执法规范化水平，定于本季度开展行政执法案卷评查。"
        "请于本月底前在执法通平台报送评查计划，并按评查标准组织自查。",
        pinned=True,
    ),
    NoticeItem(
        "city:justice",
        "关于做好行政执法“三项制度”落实情况自查的通知",
        "请各单位对照行政执法公示、执法全过程记录、重大执法决定法制审核制度，开展自查并形成报告。",
    ),
    NoticeItem(
        "440308:urban",
        "执法通平台上线试运行的通知",
        "局属各中队、各街道综合行政执法队：执法通平台即日起试运行，新办案件一律在平台办理，纸质材料同步扫描上传。",
        pinned=True,
    ),
    NoticeItem(
        "440308:urban",
        "关于开展占道经营专项整治行动的通知",
        "为改善辖区市容环境，即日起至月底在沙头角、海山街道开展占道经营专项整治，请各中队按方案落实巡查。",
    ),
    NoticeItem(
        "city:market",
        "关于开展春季食品安全专项检查的通知",
        "各监管局：请围绕校园周边、农贸市场开展食品安全专项检查，检查结果按双随机一公开要求公示。",
    ),
)

TODOS: tuple[TodoItem, ...] = (
    TodoItem("officer_yantian", "task", "核查线索：沙头角街道某商户占道经营投诉（12345热线）", 2),
    TodoItem("officer_yantian", "deadline", "期限提醒：盐田街道某餐饮店油烟案调查取证期限将届满", 3),
    TodoItem("squad_yantian", "approval", "立案审批：某餐饮店未按规定安装油烟净化设施案", 1),
    TodoItem("squad_yantian", "task", "指派承办人：梅沙街道流动摊贩投诉", 2),
    TodoItem("reviewer_yantian", "approval", "法制审核：某建材公司违法建设案（拟罚款二十万元）", 5),
    TodoItem("unitadmin_yantian", "task", "完善本单位常用语与检查单", 7),
    TodoItem("unitadmin_yantian", "task", "核对本单位执法人员执法证有效期", 10),
    TodoItem("clue_yantian", "task", "受理审批：12345热线转办线索3件", 1),
    TodoItem("clue_yantian", "task", "分派线索：海山街道夜间施工噪声举报", 2),
    TodoItem("leader_yantian", "approval", "审批：某餐饮店油烟案行政处罚决定", 2),
    TodoItem("officer_futian", "task", "现场检查：园岭街道门前三包责任区巡查", 1),
    TodoItem("supervisor_yantian", "task", "核查预警：盐田区城管局2件案件立案审批超期（黄色预警）", 3),
    TodoItem("supervisor_city", "task", "督办：各区行政执法案卷评查计划报送", 5),
    TodoItem("supervisor_city", "deadline", "期限提醒：季度执法效能评价数据报送", 7),
    TodoItem("justice_admin", "task", "维护权责清单：市场监管领域职权调整", 7),
    TodoItem("leader_city", "approval", "审批：年度双随机抽查工作计划", 3),
    TodoItem("sysadmin", "task", "核验审计链完整性（系统管理 → 审计日志）", 1),
    TodoItem("sysadmin", "task", "为单位管理员开通动态口令", 3),
)
