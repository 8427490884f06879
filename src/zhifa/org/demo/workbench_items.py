"""Notices of the demo; the demo accounts' todos are written last by ``zhifa demo-workbench``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoticeItem:
    """A notice (通知公告) published by the unit with plan key ``unit_key``."""

    unit_key: str
    title: str
    body: str
    pinned: bool = False


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
