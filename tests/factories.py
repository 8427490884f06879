"""Small builders for test data shared by every module's tests.

They write through the ORM inside an actor context, exactly as services would, so audit rows
exist for everything they create.
"""

from __future__ import annotations

import itertools

from django.contrib.auth.models import Permission

from zhifa.core.actor import Channel, actor_context
from zhifa.core.scoping import DataScope
from zhifa.org.choices import RegionLevel, UnitKind, UnitLevel
from zhifa.org.models import Region, Role, Unit, User

_counter = itertools.count(1)
PASSWORD = "Zhifa-Test-2026!"


def region(code: str, name: str, level: str, parent: Region | None = None) -> Region:
    obj, _ = Region.objects.get_or_create(code=code, defaults={"name": name, "level": level, "parent": parent})
    return obj


def shenzhen_regions() -> dict[str, Region]:
    """Guangdong → Shenzhen → 盐田区 / 福田区 → one street each."""
    gd = region("440000", "广东省", RegionLevel.PROVINCE)
    sz = region("440300", "深圳市", RegionLevel.CITY, gd)
    yantian = region("440308", "盐田区", RegionLevel.DISTRICT, sz)
    futian = region("440304", "福田区", RegionLevel.DISTRICT, sz)
    return {
        "province": gd,
        "city": sz,
        "yantian": yantian,
        "futian": futian,
        "shatoujiao": region("440308001", "沙头角街道", RegionLevel.STREET, yantian),
        "yuanling": region("440304001", "园岭街道", RegionLevel.STREET, futian),
    }


def unit(name: str, region: Region, *, kind: str = UnitKind.AGENCY, level: str = UnitLevel.DISTRICT,
         parent: Unit | None = None, **extra) -> Unit:
    with actor_context(channel=Channel.SYSTEM):
        obj = Unit(name=name, region=region, kind=kind, level=level, parent=parent, **extra)
        from zhifa.org.services.units import unit_create

        return unit_create(unit=obj, reason="测试数据")


def role(permissions: list[str], scope: str = DataScope.UNIT, code: str | None = None, **extra) -> Role:
    """A role granting ``permissions`` (``"app.codename"``) with ``scope``."""
    code = code or f"role-{next(_counter)}"
    obj = Role.objects.create(code=code, name=code, data_scope=scope, **extra)
    perms = []
    for dotted in permissions:
        app_label, codename = dotted.split(".")
        perms.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    obj.permissions.set(perms)
    return obj


def user(unit: Unit | None, *, roles: list[Role] = (), username: str | None = None, **extra) -> User:
    username = username or f"user{next(_counter)}"
    obj = User.objects.create_user(
        username=username, password=PASSWORD, display_name=extra.pop("display_name", username), unit=unit, **extra
    )
    if roles:
        obj.roles.set(roles)
    return obj


def model_permissions(model, actions=("view", "add", "change", "delete")) -> list[str]:
    meta = model._meta
    return [f"{meta.app_label}.{action}_{meta.model_name}" for action in actions]


def small_demo_city(*, objects: int = 60, powers: int = 120) -> dict[str, User]:
    """The demo city with its real units, built-in roles and documented demo accounts, but small: two districts,
    only the demo accounts as users, and a few objects and powers; then the demo workbench (``zhifa demo-workbench``).

    Returns the demo accounts by user name. Shared by the tests of the demo loaders and the browser tests.
    """
    from io import StringIO

    from django.core.management import call_command

    from zhifa.org.demo.accounts import DEMO_ACCOUNTS

    out = StringIO()
    call_command("demo_data", districts=2, users=len(DEMO_ACCOUNTS), stdout=out)
    call_command("demo_officers", stdout=out)
    call_command("demo_objects", count=objects, stdout=out)
    call_command("demo_powers", count=powers, stdout=out)
    call_command("demo_workbench", stdout=out)
    return {user.username: user for user in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])}
