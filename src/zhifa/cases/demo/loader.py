"""Writing the demo cases: plan them, skip those already made, register and drive the others."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Case
from .plan import CASE_REFUSED, MARKER_WORD, DemoCasesError, demo_number, demo_units, make_plans
from .stages import drive, place_of, register


@dataclass(frozen=True)
class DemoCasesResult:
    """What a run did: cases made, cases already there, and where all demo cases rest."""

    created: int
    skipped: int
    places: Counter


def demo_cases() -> list[Case]:
    """The cases made by the demo (their 来源说明 carries a demo number)."""
    cases = Case.objects.filter(source_note__contains=MARKER_WORD).select_related("process").order_by("pk")
    return [case for case in cases if demo_number(case.source_note) is not None]


def load_demo_cases(*, count: int, seed: int, today: dt.date) -> DemoCasesResult:
    """Make the ``count`` planned demo cases that do not exist yet, each in its own transaction."""
    units = demo_units(today)
    done = {demo_number(case.source_note) for case in demo_cases()}
    created = skipped = 0
    for plan in make_plans(units, count, seed=seed, today=today):
        if plan.number in done:
            skipped += 1
            continue
        try:
            with transaction.atomic():
                drive(register(plan), plan)
        except ValidationError as error:
            raise DemoCasesError(CASE_REFUSED.format(number=plan.number, reasons="；".join(error.messages))) from error
        created += 1
    return DemoCasesResult(created=created, skipped=skipped, places=Counter(place_of(c) for c in demo_cases()))
