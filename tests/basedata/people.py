"""Builders for the officer and inspection-object tests."""

from __future__ import annotations

import datetime as dt
import itertools

from tests import factories
from zhifa.basedata.models.objects import InspectedObject, ObjectKind
from zhifa.basedata.models.officers import Officer
from zhifa.basedata.demo.objects import credit_code, id_number
from zhifa.core.actor import Channel, actor_context
from zhifa.org.choices import Sector

_serials = itertools.count(100000)
PERSONAL_DATA = "basedata.view_personal_data"
ID_NUMBER = "11010519491231002X"
MASKED_ID_NUMBER = "110105********002X"
PHONE = "13812345678"
MASKED_PHONE = "138****5678"


def new_credit_code(region_code: str = "440308") -> str:
    """A valid credit code never used before in this test process."""
    return credit_code("91", region_code, next(_serials))


def new_id_number(region_code: str = "440308") -> str:
    return id_number(region_code, next(_serials))


def inspected_object(unit, name: str, *, kind: str = ObjectKind.ENTERPRISE, **values) -> InspectedObject:
    """An object owned by ``unit``, located in its region, saved as a service would (audited)."""
    if kind == ObjectKind.INDIVIDUAL:
        values.setdefault("id_number", new_id_number())
    else:
        values.setdefault("credit_code", new_credit_code())
    values.setdefault("region", unit.region)
    values.setdefault("sector", Sector.MARKET_REGULATION)
    with actor_context(channel=Channel.SYSTEM):
        obj = InspectedObject(unit=unit, name=name, kind=kind, **values)
        obj.full_clean()
        obj.save()
    return obj


def officer(unit, *, number: str | None = None, issued_on=dt.date(2024, 1, 1), expires_on=dt.date(2029, 1, 1),
            user=None, **values) -> Officer:
    """A certificate for a new user of ``unit`` (or for ``user``)."""
    user = user or factories.user(unit)
    number = number or f"粤{unit.region.code}-{next(_serials):06d}"
    with actor_context(channel=Channel.SYSTEM):
        obj = Officer(user=user, certificate_number=number, issued_on=issued_on, expires_on=expires_on, **values)
        obj.full_clean()
        obj.save()
    return obj
