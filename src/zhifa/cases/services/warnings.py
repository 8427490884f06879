"""Case warnings (预警): the periodic sweep that raises and clears them, and the list's colour filter.

``raise_case_warnings`` walks every case that is not closed, one transaction per case with the
case row locked, so two workers running the sweep at once never raise a warning twice (the partial
unique constraint on open warnings backs this up). A warning is raised once, its colour and text
follow the case, and it is cleared when the deadline or the missing item is resolved, or the case
closes. When a warning turns red (raised red, or rising to red) the lead officer (主办) is notified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from zhifa.core.notifications import notify
from zhifa.workflow.requirements import Stage

from ..choices import CaseStatus, OfficerRole
from ..execution_choices import WarningColour
from ..links import case_page_url
from ..models import Case, CaseWarning, StageRequirementRule
from ..warning_rules import active_rules, wanted_warnings

RED_TITLE = "红色预警：{case}（{stage}）"
SEVERITY = [WarningColour.RED, WarningColour.YELLOW, WarningColour.BLUE]
BATCH = 500


@dataclass
class SweepResult:
    """What one sweep did."""

    raised: int = 0
    changed: int = 0
    cleared: int = 0
    notified: int = 0


def _notify_red(case: Case, warning: CaseWarning) -> bool:
    lead = case.officers.filter(role=OfficerRole.LEAD).select_related("officer__user").first()
    user = lead.officer.user if lead is not None else None
    if user is None:
        return False
    notify(recipients=[user], title=RED_TITLE.format(case=case, stage=Stage(warning.stage).label),
           body=warning.message, url=case_page_url(case, "warnings"))
    return True


def sweep_case(case_pk: int, rules: list[StageRequirementRule], *, now: dt.datetime, result: SweepResult) -> None:
    """Bring one case's open warnings in line with what it should carry now (locks the case)."""
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(pk=case_pk).first()
        if case is None:
            return
        wanted = wanted_warnings(case, rules, now=now)
        current = {(w.stage, w.kind): w for w in CaseWarning.objects.select_for_update().filter(case=case, cleared_at=None)}
        for key, want in wanted.items():
            warning = current.pop(key, None)
            was_red = warning is not None and warning.colour == WarningColour.RED
            if warning is None:
                warning = CaseWarning.objects.create(case=case, stage=key[0], kind=key[1], colour=want.colour,
                                                     message=want.message, due_on=want.due_on, raised_at=now)
                result.raised += 1
            elif (warning.colour, warning.message, warning.due_on) != (want.colour, want.message, want.due_on):
                warning.colour, warning.message, warning.due_on = want.colour, want.message, want.due_on
                warning.save(update_fields=["colour", "message", "due_on", "updated_at"])
                result.changed += 1
            if warning.colour == WarningColour.RED and not was_red and _notify_red(case, warning):
                result.notified += 1
        for warning in current.values():
            warning.cleared_at = now
            warning.save(update_fields=["cleared_at", "updated_at"])
            result.cleared += 1


def raise_case_warnings(*, now: dt.datetime | None = None) -> SweepResult:
    """The periodic job: every open case's warnings raised, updated or cleared; closed cases' cleared."""
    now = now or timezone.now()
    rules = active_rules()
    result = SweepResult()
    open_cases = Case.objects.exclude(status=CaseStatus.CLOSED).order_by("pk").values_list("pk", flat=True)
    closed_with_warnings = (CaseWarning.objects.filter(cleared_at=None, case__status=CaseStatus.CLOSED)
                            .values_list("case_id", flat=True).distinct())
    last = 0
    while True:
        batch = list(open_cases.filter(pk__gt=last)[:BATCH])
        if not batch:
            break
        for pk in batch:
            sweep_case(pk, rules, now=now, result=result)
        last = batch[-1]
    for pk in list(closed_with_warnings):
        sweep_case(pk, rules, now=now, result=result)
    return result


# --- the list's colour: the worst open warning of each case -----------------------------------------------


def _open(colours) -> Exists:
    return Exists(CaseWarning.objects.filter(case=OuterRef("pk"), cleared_at=None, colour__in=colours))


def with_warning_colour(queryset):
    """``queryset`` of cases annotated with ``warning_colour``: the worst open warning's colour, or ``""``."""
    rank = models.Case(*(models.When(colour=c, then=Value(i)) for i, c in enumerate(SEVERITY)),
                       output_field=models.IntegerField())
    worst = (CaseWarning.objects.filter(case=OuterRef("pk"), cleared_at=None).annotate(rank=rank)
             .order_by("rank").values("colour")[:1])
    return queryset.annotate(warning_colour=Coalesce(Subquery(worst), Value("")))


def filter_warning_colour(queryset, colour: str):
    """Cases whose worst open warning has ``colour`` (``red``/``yellow``/``blue``); ``none`` for no open warning."""
    if colour == "none":
        return queryset.filter(~_open(SEVERITY))
    if colour not in SEVERITY:
        return queryset
    worse = SEVERITY[:SEVERITY.index(colour)]
    condition = _open([colour])
    if worse:
        condition &= ~_open(worse)
    return queryset.filter(condition)


def most_severe_first(warnings) -> list[CaseWarning]:
    """``warnings`` sorted red, yellow, blue, then by stage (for the tab)."""
    rank = {c: i for i, c in enumerate(SEVERITY)}
    return sorted(warnings, key=lambda w: (rank[w.colour], w.stage))
