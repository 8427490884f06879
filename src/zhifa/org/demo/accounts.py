"""The fixed demo accounts: one per role, at known places of the demo city.

Every demo account, and every generated demo user, signs in with ``DEMO_PASSWORD``. It is
published in the README and printed by ``zhifa demo-data``: demo databases only.
"""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "Zhifa@2026demo"


@dataclass(frozen=True)
class DemoAccount:
    """A documented login of the demo: username, role and the unit it belongs to (a plan key)."""

    username: str
    role: str
    unit_key: str
    note: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("officer_yantian", "officer", "440308:urban", "盐田区城管局执法人员，只看本单位"),
    DemoAccount("squad_yantian", "squad_leader", "440308:urban", "盐田区城管局中队长，审批与指派"),
    DemoAccount("reviewer_yantian", "legal_reviewer", "440308:urban", "盐田区城管局法制审核"),
    DemoAccount("unitadmin_yantian", "unit_admin", "440308:urban", "盐田区城管局单位管理员，制定和发布本局的自由裁量基准"),
    DemoAccount("clue_yantian", "clue_manager", "440308:urban", "盐田区城管局案源管理"),
    DemoAccount("leader_yantian", "leader", "440308:urban", "盐田区城管局局长，本局及下属街道执法队"),
    DemoAccount("team_shatoujiao", "squad_leader", "440308003:team", "沙头角街道综合行政执法队队长，认领盐田区城管局的裁量基准"),
    DemoAccount("officer_futian", "officer", "440304:urban", "福田区城管局执法人员（用于对比数据隔离）"),
    DemoAccount("supervisor_yantian", "supervisor", "440308:justice", "盐田区司法局监督人员，盐田全区；审核区属执法机关的裁量基准"),
    DemoAccount("supervisor_city", "supervisor", "city:justice", "深圳市司法局监督人员，全市"),
    DemoAccount("justice_admin", "justice_admin", "city:justice", "深圳市司法局管理员"),
    DemoAccount("leader_city", "leader", "city:market", "深圳市市场监管局局长，含各区监管局"),
    DemoAccount("sysadmin", "system_admin", "city:justice", "系统管理员，全部数据"),
)
