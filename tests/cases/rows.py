"""Builders of case rows for the list, page, API and isolation tests (written as the services would, audited)."""

from __future__ import annotations

import itertools

from tests.basedata import people
from zhifa.cases.choices import CaseSource, OfficerRole, PartyType, ProcedureKind
from zhifa.cases.models import Case, CaseOfficer, CaseParty
from zhifa.cases.search_text import refresh_case
from zhifa.core.actor import Channel, actor_context

_serials = itertools.count(1)


def case(unit, cause: str, *, party=None, officer=None, created_by=None, **fields) -> Case:
    """A case of ``unit`` with one party and one 主办 officer (new ones of ``unit`` unless given)."""
    fields.setdefault("procedure_type", ProcedureKind.SIMPLE)
    fields.setdefault("source", CaseSource.INSPECTION)
    fields.setdefault("party_type", PartyType.LEGAL_PERSON)
    party = party or people.inspected_object(unit, f"{unit.name[:2]}某商行{next(_serials)}")
    officer = officer or people.officer(unit)
    with actor_context(channel=Channel.SYSTEM):
        row = Case.objects.create(unit=unit, cause=cause, created_by=created_by, **fields)
        CaseParty.objects.create(case=row, inspected_object=party)
        CaseOfficer.objects.create(case=row, officer=officer, role=OfficerRole.LEAD)
        refresh_case(row)
    return row
