"""Fixtures of the execution, remedy and warning tests: the agency's roles with the catalogue's execution
permissions, and cases decided through the services (never rows written directly)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from zhifa.cases.services import case_register, simple_decide
from zhifa.org.models import Role
from zhifa.org.roles_catalogue import (
    EXECUTION_APPROVAL,
    EXECUTION_HANDLING,
    EXECUTION_READING,
    REMEDY_HANDLING,
)

DECIDED_ON = dt.date(2026, 3, 2)  # a Monday; the party receives the decision on the spot
GRANTS = {
    "officer": EXECUTION_HANDLING,
    "squad_leader": EXECUTION_HANDLING,
    "legal_reviewer": (*EXECUTION_READING, *REMEDY_HANDLING),
    "leader": (*EXECUTION_READING, *EXECUTION_APPROVAL),
}


def _permissions(dotted) -> list[Permission]:
    return [Permission.objects.get(content_type__app_label=name.split(".")[0], codename=name.split(".")[1])
            for name in dotted]


@pytest.fixture
def executing(agency):
    """The agency's officer, squad leader, legal reviewer and leader roles, with their catalogue execution permissions."""
    for code, dotted in GRANTS.items():
        Role.objects.get(code=code).permissions.add(*_permissions(dotted))
    return agency


def decided_case(agency, *, fine=Decimal("200"), party="citizen", decided_on=DECIDED_ON):
    """A 简易程序 case registered and decided on ``decided_on`` through the case services."""
    case = case_register(
        unit=agency["unit"], actor=agency["officer"], procedure_type="simple", source="self_discovered",
        cause="占道经营", parties=[agency[party]], lead=agency["certificates"]["officer"],
        assistants=[agency["certificates"]["officer2"]], facts="在人行道上摆卖水果",
    )
    return simple_decide(case=case, actor=agency["officer"], fine_amount=fine, notified=True, decided_on=decided_on)
