"""Enforcement certificates for the users of the demo city.

Every user holding an enforcing role (officer, squad leader, legal reviewer) gets a certificate
of their unit's sector. Most are valid for years; a few expire within 30 days (so that the
reminder job has work), a few have expired and one in a hundred is withheld (暂扣), so that the
assignment check can be seen refusing. The documented demo accounts always hold valid ones.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from zhifa.org.choices import Sector

from ..models.officers import CertificateStatus, Officer

ENFORCING_ROLES = ("officer", "squad_leader", "legal_reviewer")
ISSUING_AUTHORITY = "广东省人民政府"
VALID_YEARS = 5


@dataclass(frozen=True)
class CertificatePlan:
    """The dates and state of one generated certificate."""

    issued_on: dt.date
    expires_on: dt.date
    status: str


def certificate_number(region_code: str, serial: int) -> str:
    """``粤440308-000123``: province, the region of the unit, a serial."""
    return f"粤{region_code[:6]}-{serial:06d}"


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def plan_certificate(rng: random.Random, today: dt.date, *, always_valid: bool) -> CertificatePlan:
    """Dates and status: 5 % expiring within 30 days, 3 % expired, 1 % withheld, the rest valid."""
    draw = 1.0 if always_valid else rng.random()
    if draw < 0.05:
        expires = today + dt.timedelta(days=rng.randint(1, 30))
    elif draw < 0.08:
        expires = today - dt.timedelta(days=rng.randint(1, 200))
    else:
        expires = today + dt.timedelta(days=rng.randint(60, 365 * (VALID_YEARS - 1)))
    issued = _years_before(expires, VALID_YEARS) + dt.timedelta(days=1)
    status = CertificateStatus.SUSPENDED if 0.08 <= draw < 0.09 else CertificateStatus.ACTIVE
    return CertificatePlan(issued, expires, status)


def demo_officers(users, *, seed: int, today: dt.date, always_valid: set[str]) -> list[Officer]:
    """Unsaved ``Officer`` rows for ``users`` (with ``unit`` and ``region`` selected)."""
    rng = random.Random(seed)
    officers = []
    for serial, user in enumerate(users, start=1):
        plan = plan_certificate(rng, today, always_valid=user.username in always_valid)
        sector = user.unit.sector
        categories = sector if sector != Sector.GENERAL else ""
        officers.append(
            Officer(
                user=user,
                certificate_number=certificate_number(user.unit.region.code, serial),
                categories=categories,
                issuing_authority=ISSUING_AUTHORITY,
                issued_on=plan.issued_on,
                expires_on=plan.expires_on,
                status=plan.status,
            )
        )
    return officers
