"""Writes a ``DemoPlan`` into the database in one transaction.

Units go through ``unit_create`` (paths, first version, audit row each); the large tables (users,
their roles, number rules) are bulk-inserted with one audit row per bulk step, because bulk
inserts skip the audit signals. Notices go through their core service.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from zhifa.core.audit import ObjectRef, bulk_link, record
from zhifa.core.models import AuditAction, NumberRule
from zhifa.core.services.notices import notice_create
from zhifa.org.management.commands.load_regions import import_regions
from zhifa.org.models import Region, Role, Unit, User
from zhifa.org.roles_catalogue import sync_builtin_roles
from zhifa.org.services.units import unit_create

from . import agencies
from .accounts import DEMO_PASSWORD
from .plan import DemoPlan
from .workbench_items import NOTICES

NUMBER_RULES = (
    ("punishment_decision", "行政处罚决定书文号", "{prefix}罚〔{year}〕第{seq:04d}号"),
    ("case", "案件编号", "{prefix}立〔{year}〕{seq:05d}号"),
)
BATCH_SIZE = 500


@dataclass(frozen=True)
class DemoResult:
    """Counts of what was written."""

    regions: int
    units: int
    users: int
    number_rules: int
    notices: int


def write_units(plan: DemoPlan) -> dict[str, Unit]:
    """Create the plan's units, parents first, and return them by plan key."""
    regions = {region.code: region for region in Region.objects.filter(code__startswith=agencies.CITY_CODE[:4])}
    units: dict[str, Unit] = {}
    for item in plan.units:
        unit = Unit(
            name=item.name,
            short_name=item.short_name,
            kind=item.kind,
            level=item.level,
            sector=item.sector,
            parent=units.get(item.parent_key),
            region=regions[item.region_code],
            credit_code=item.credit_code,
            number_prefix=item.number_prefix,
            address=item.address,
            phone=item.phone,
        )
        units[item.key] = unit_create(unit=unit, reason="演示数据")
    return units


def write_number_rules(units: dict[str, Unit]) -> int:
    """A decision-number and a case-number rule for every unit with a 文号代字."""
    rules = [
        NumberRule(unit=unit, kind=kind, name=name, pattern=pattern)
        for unit in units.values()
        if unit.number_prefix
        for kind, name, pattern in NUMBER_RULES
    ]
    NumberRule.objects.bulk_create(rules, batch_size=BATCH_SIZE)
    record(
        AuditAction.IMPORT,
        ObjectRef("core.numberrule", "", "演示编号规则"),
        changes={"created": len(rules)},
        message=f"演示数据：批量新建编号规则 {len(rules)} 条",
    )
    return len(rules)


def write_users(plan: DemoPlan, units: dict[str, Unit]) -> dict[str, User]:
    """Bulk-create the plan's users with one role each; all share the demo password."""
    password = make_password(DEMO_PASSWORD)  # hashed once: Argon2 for 500 users would take a minute
    now = timezone.now()
    users = [
        User(
            username=item.username,
            password=password,
            display_name=item.display_name,
            phone=item.phone,
            title=item.title,
            unit=units[item.unit_key],
            department=units.get(item.department_key),
            password_changed_at=now,
        )
        for item in plan.users
    ]
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    created = {user.username: user for user in User.objects.filter(username__in=[u.username for u in users])}
    roles = {role.code: role for role in Role.objects.filter(code__in={item.role for item in plan.users})}
    bulk_link(User, "roles", [(created[item.username], roles[item.role].pk) for item in plan.users])
    holders = {code: sum(1 for item in plan.users if item.role == code) for code in sorted(roles)}
    record(
        AuditAction.IMPORT,
        ObjectRef("org.user", "", "演示用户"),
        changes={"created": len(users), "roles": holders},
        message=f"演示数据：批量新建用户 {len(users)} 名并分配角色",
    )
    return created


def write_notices(units: dict[str, Unit]) -> int:
    """The demo notices (the demo accounts' todos come last, from ``zhifa demo-workbench``)."""
    notices = [
        notice_create(unit=units[item.unit_key], title=item.title, body=item.body, pinned=item.pinned, publish=True)
        for item in NOTICES
        if item.unit_key in units
    ]
    return len(notices)


@transaction.atomic
def write_plan(plan: DemoPlan) -> DemoResult:
    """Put the whole demo city in the database: all of it or, on any error, nothing."""
    regions = import_regions(agencies.CITY_CODE[:4])
    sync_builtin_roles()
    units = write_units(plan)
    rules = write_number_rules(units)
    users = write_users(plan, units)
    notices = write_notices(units)
    return DemoResult(
        regions=regions.created + regions.updated,
        units=len(units),
        users=len(users),
        number_rules=rules,
        notices=notices,
    )
