"""Which demo case goes where: unit, party, officers, cause, facts, fine and the stage it rests at.

Computed from a seed and the demo city already in the database (units, staff, certificates,
objects, powers), without writing anything: the same seed on the same demo city gives the same
plan. Each case carries a demo number (演示案例第0001号) written into its 来源说明, so that a second
run recognises the cases it already made.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Q

from zhifa.basedata.models import InspectedObject, Officer
from zhifa.basedata.models.objects import ObjectStatus
from zhifa.basedata.models.officers import CertificateStatus
from zhifa.basedata.models.powers import Power, PowerKind
from zhifa.legal import evaluate
from zhifa.org.choices import UnitKind, UnitLevel
from zhifa.org.demo.accounts import DEMO_ACCOUNTS
from zhifa.org.models import Unit, User

from ..choices import ProcedureKind
from ..services.cases import PARTY_TYPES
from .catalogue import SECTORS, SOURCE_NOTES, Violation, violations_of

#: The stages of 一般程序 in the order of the shipped model; a case rests at one of them, or is archived.
GENERAL_STAGES = (
    "filing", "investigation", "investigation_report", "case_review", "legal_review", "collective_discussion",
    "notification", "hearing", "decision", "service", "execution", "closing", "archiving",
)
ARCHIVED = "archived"
#: 简易程序: registered and waiting for the on-the-spot decision, or decided.
REGISTERED, DECIDED = "registered", "decided"

#: How often a case rests at each place (relative weights); every place gets at least one case.
TARGET_WEIGHTS = {
    "filing": 8, "investigation": 12, "investigation_report": 6, "case_review": 6, "legal_review": 6,
    "collective_discussion": 4, "notification": 8, "hearing": 6, "decision": 6, "service": 5, "execution": 8,
    "closing": 4, "archiving": 5, ARCHIVED: 16, REGISTERED: 2, DECIDED: 14,
}
ROLES_OF_GENERAL = ("leader", "squad_leader", "legal_reviewer")
DEMO_USERNAMES = frozenset(account.username for account in DEMO_ACCOUNTS)
#: The unit of the demo accounts (盐田区城管局) gets the most cases, so that their workbench is full.
HOME_OFFICER, HOME_UNIT_WEIGHT, HOME_OFFICER_SHARE = "officer_yantian", 20, 0.6
MARKER_WORD = "演示案例第"
MARKER = "（" + MARKER_WORD + "{number:04d}号）"
MARKER_PATTERN = re.compile("（" + MARKER_WORD + r"(\d+)号）$")
CASE_REFUSED = "演示案例第{number:04d}号未能生成：{reasons}"
NO_UNITS = ("演示城市中没有可以办理案件的市场监管、城市管理或生态环境执法单位（需要两名持证执法人员、领导、"
            "队长、法制审核人员和检查对象），请先运行 zhifa demo-data、demo-officers 和 demo-objects")
#: A certificate must stay valid this long after today for its holder to handle a demo case to its end.
CERTIFICATE_MARGIN = dt.timedelta(days=30)
#: A 简易程序 decision is dated as a 一般程序 case this many stages on (five weeks or more ago).
DECIDED_PROGRESS = 5
#: The oldest demo case is registered about this many days ago.
OLDEST_DAYS = 150
#: A 一般程序 case that goes past its decision was filed at most this many days ago (within the 90 days of 第60条);
#: one resting before its decision keeps its date, so a case that has waited for months is overdue.
DECIDED_WITHIN_DAYS = 75
#: The first case resting here is always one that has waited for months (so every demo has an overdue case).
OVERDUE_PLACE = "investigation"


@dataclass
class DemoUnit:
    """A unit that can take demo cases: its officers with valid certificates, its objects and powers."""

    unit: Unit
    officers: list[Officer]
    objects: dict[str, list[InspectedObject]]
    general: bool  # it has the leader, squad leader and legal reviewer the 一般程序 steps go to
    powers: dict[str, Power] = field(default_factory=dict)  # power_act → a penalty power naming it

    @property
    def weight(self) -> int:
        names = {o.user.username for o in self.officers}
        return HOME_UNIT_WEIGHT if HOME_OFFICER in names else 4 if names & DEMO_USERNAMES else 2


@dataclass(frozen=True)
class CasePlan:
    """One demo case: everything ``case_register`` needs, and where the case is to rest."""

    number: int
    unit: Unit
    procedure: str
    target: str
    violation: Violation
    cause: str
    power: Power | None
    party: InspectedObject
    lead: Officer
    assistant: Officer
    source: str
    facts: str
    fine: Decimal
    opened_on: dt.date
    today: dt.date
    requires_legal_review: bool = False
    requires_collective_discussion: bool = False
    hearing_right: bool = False
    hearing_requested: bool = False

    @property
    def filed_on(self) -> dt.date | None:
        """The day a 一般程序 case was registered and filed (补录, ``case_register(occurred_on=…)``)."""
        if self.procedure != ProcedureKind.GENERAL:
            return None
        order = (*GENERAL_STAGES, ARCHIVED)
        if order.index(self.target) > GENERAL_STAGES.index("decision"):
            return max(self.opened_on, self.today - dt.timedelta(days=DECIDED_WITHIN_DAYS))
        return self.opened_on

    @property
    def source_note(self) -> str:
        return SOURCE_NOTES[self.source] + MARKER.format(number=self.number)

    @property
    def party_type(self) -> str:
        return PARTY_TYPES[self.party.kind]


def demo_number(source_note: str) -> int | None:
    """The demo number a case's 来源说明 carries, or ``None`` for a case a person registered."""
    match = MARKER_PATTERN.search(source_note or "")
    return int(match.group(1)) if match else None


def _officers(unit: Unit, today: dt.date) -> list[Officer]:
    """The unit's officers whose certificates are valid from the oldest case to a month ahead; demo accounts first."""
    rows = (
        Officer.objects.filter(user__unit=unit, user__is_active=True, user__roles__code="officer",
                               status=CertificateStatus.ACTIVE, issued_on__lte=today - dt.timedelta(days=OLDEST_DAYS),
                               expires_on__gte=today + CERTIFICATE_MARGIN)
        .select_related("user").distinct().order_by("pk")
    )
    return sorted(rows, key=lambda o: (o.user.username not in DEMO_USERNAMES, o.pk))


def _powers(unit: Unit) -> dict[str, Power]:
    """Penalty powers of the unit, or of the bureau above it, by the violation they name."""
    found: dict[str, Power] = {}
    acts = {v.power_act for v in violations_of(unit.sector) if v.power_act}
    powers = Power.objects.filter(Q(unit=unit) | Q(unit_id=unit.parent_id), kind=PowerKind.PENALTY, is_active=True)
    for power in sorted(powers, key=lambda p: (p.unit_id != unit.pk, p.pk)):
        for act in acts:
            if act in power.name and act not in found:
                found[act] = power
    return found


def demo_units(today: dt.date) -> list[DemoUnit]:
    """District agencies of market regulation, urban management and ecology that own objects and have two officers."""
    units = (Unit.objects.filter(sector__in=SECTORS, level=UnitLevel.DISTRICT, is_active=True,
                                 kind__in=[UnitKind.AGENCY, UnitKind.ENFORCEMENT_SUBJECT])
             .select_related("region").order_by("pk"))
    found = []
    for unit in units:
        officers = _officers(unit, today)
        objects: dict[str, list[InspectedObject]] = {}
        for obj in InspectedObject.objects.filter(unit=unit, status=ObjectStatus.ACTIVE).order_by("pk"):
            objects.setdefault(obj.kind, []).append(obj)
        if len(officers) < 2 or not objects:
            continue
        roles = set(User.objects.filter(unit=unit, is_active=True, roles__code__in=ROLES_OF_GENERAL)
                    .values_list("roles__code", flat=True))
        found.append(DemoUnit(unit=unit, officers=officers, objects=objects, general=roles >= set(ROLES_OF_GENERAL),
                              powers=_powers(unit)))
    return found


def targets(count: int, rng: random.Random) -> list[str]:
    """Where each of ``count`` cases rests: every place once (when ``count`` allows), the rest by weight."""
    places = list(TARGET_WEIGHTS)
    chosen = places[:count] + rng.choices(places, weights=list(TARGET_WEIGHTS.values()), k=max(0, count - len(places)))
    rng.shuffle(chosen)
    return chosen


def _round(amount: float) -> Decimal:
    step = 1000 if amount >= 10000 else 100 if amount >= 1000 else 10
    return Decimal(max(step, int(amount // step * step)))


def _required(rule: str, **params) -> bool:
    return bool(evaluate(rule, **params)["required"])


class DemoCasesError(Exception):
    """The demo city lacks what the demo cases need."""


class _Planner:
    """Draws every choice of the plan from one seeded ``Random``."""

    def __init__(self, units: list[DemoUnit], seed: int, today: dt.date):
        self.rng = random.Random(seed)
        self.today = today
        self.general_units = [u for u in units if u.general]
        self.simple_units = [u for u in units if any(v.simple_fine for v in violations_of(u.unit.sector))]
        if not self.general_units or not self.simple_units:
            raise DemoCasesError(NO_UNITS)

    def unit_for(self, procedure: str) -> DemoUnit:
        units = self.general_units if procedure == ProcedureKind.GENERAL else self.simple_units
        return self.rng.choices(units, weights=[u.weight for u in units])[0]

    def party(self, unit: DemoUnit, violation: Violation) -> InspectedObject:
        kinds = [kind for kind in violation.party_kinds if unit.objects.get(kind)] or sorted(unit.objects)
        return self.rng.choice(unit.objects[self.rng.choice(kinds)])

    def team(self, unit: DemoUnit) -> tuple[Officer, Officer]:
        home = unit.officers[0].user.username in DEMO_USERNAMES
        lead = unit.officers[0] if home and self.rng.random() < HOME_OFFICER_SHARE else self.rng.choice(unit.officers)
        return lead, self.rng.choice([o for o in unit.officers if o != lead])

    def opened_on(self, target: str, waited: bool = False) -> dt.date:
        """Later stages were registered longer ago (an on-the-spot decision weeks ago, so its payment may be
        overdue); one case in ten, and a ``waited`` one, has been waiting for months."""
        order = (*GENERAL_STAGES, ARCHIVED)
        progress = order.index(target) if target in order else DECIDED_PROGRESS if target == DECIDED else 0
        days = progress * 7 + self.rng.randint(0, 10)
        if self.rng.random() < 0.1 or waited:
            days += 90
        return self.today - dt.timedelta(days=min(days, OLDEST_DAYS))

    def fine(self, violation: Violation, procedure: str, party_type: str) -> Decimal:
        if procedure == ProcedureKind.SIMPLE:
            low, high = violation.simple_fine
            high = min(high, 200 if party_type == "citizen" else 3000)
            return Decimal(self.rng.randint(min(low, high) // 10, high // 10) * 10)
        low, high = violation.fine_range
        return _round(self.rng.uniform(low, high))

    def case(self, number: int, target: str, waited: bool = False) -> CasePlan:
        procedure = ProcedureKind.SIMPLE if target in (REGISTERED, DECIDED) else ProcedureKind.GENERAL
        unit = self.unit_for(procedure)
        choices = [v for v in violations_of(unit.unit.sector)
                   if procedure == ProcedureKind.GENERAL or v.simple_fine is not None]
        violation = self.rng.choice(choices)
        party = self.party(unit, violation)
        lead, assistant = self.team(unit)
        power = unit.powers.get(violation.power_act)
        cause = power.name.removeprefix("对").removesuffix("的行政处罚") if power else violation.cause
        opened_on = self.opened_on(target, waited)
        facts = violation.facts.format(day=f"{opened_on:%Y年%-m月%-d日}", party=party.name,
                                       address=party.business_address or party.registered_address or unit.unit.name,
                                       detail=self.rng.choice(violation.details))
        plan = CasePlan(
            number=number, unit=unit.unit, procedure=procedure, target=target, violation=violation, cause=cause,
            power=power, party=party, lead=lead, assistant=assistant, source=self.rng.choice(violation.sources),
            facts=facts, fine=self.fine(violation, procedure, PARTY_TYPES[party.kind]), opened_on=opened_on,
            today=self.today,
        )
        return self.general_flags(plan) if procedure == ProcedureKind.GENERAL else plan

    def general_flags(self, plan: CasePlan) -> CasePlan:
        """法制审核, 集体讨论 and 听证 as the legal rules say for this fine, forced where the case rests at them."""
        where = {"region": plan.unit.region.code[:6], "sector": plan.unit.sector, "decided_on": self.today}
        at = GENERAL_STAGES.index(plan.target) if plan.target in GENERAL_STAGES else len(GENERAL_STAGES)
        serious = plan.fine >= 100000
        complex_ = plan.target in ("legal_review", "collective_discussion") or self.rng.random() < 0.3
        legal = _required("legal_review_required", major_public_interest=serious, major_rights_after_hearing=False,
                          complex=complex_, required_by_law=False, **where)
        collective = plan.target == "collective_discussion" or _required(
            "collective_discussion_required", complex=complex_ and self.rng.random() < 0.5, serious=serious)
        fine = Decimal(plan.violation.fine_range[1]) if plan.target == "hearing" else plan.fine
        hearing_right = _required("hearing_right", party_type=plan.party_type, penalty_kinds=["fine"],
                                  fine_amount=fine, **where)
        requested = hearing_right and (plan.target == "hearing" or (
            at > GENERAL_STAGES.index("hearing") and self.rng.random() < 0.3))
        return replace(plan, fine=fine, requires_legal_review=legal, requires_collective_discussion=collective,
                       hearing_right=hearing_right, hearing_requested=requested)


def make_plans(units: list[DemoUnit], count: int, *, seed: int, today: dt.date,
               places: list[str] | None = None) -> list[CasePlan]:
    """``count`` demo cases numbered from 1, spread over ``units`` and over every stage (or over ``places``)."""
    planner = _Planner(units, seed, today)
    chosen = places if places is not None else targets(count, planner.rng)
    chosen = chosen[:count]
    # The first case resting at 调查取证 has waited for months: past its decision period, whatever the draws say.
    waiting = chosen.index(OVERDUE_PLACE) + 1 if OVERDUE_PLACE in chosen else None
    return [planner.case(number, target, waited=number == waiting) for number, target in enumerate(chosen, start=1)]
