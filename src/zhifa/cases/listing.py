"""What the case list and the case page read besides the case row: the stage (open step) of its process.

The stage of a 一般程序 case is the legal stage (``workflow.requirements.Stage``) of the open work
items of its process; a 简易程序 case has none. The list's column, its filter and the case page read
the work items directly (indexed by ``instance, status``), so no copy on the case can fall out of
step: the list page in one query for the cases it shows (``attach_stages``), the export and the
case page as a subquery per case (``with_stage``).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Subquery

from zhifa.workflow.choices import ItemStatus
from zhifa.workflow.models import WorkItem
from zhifa.workflow.requirements import Stage

from .models import CaseOfficer, CaseParty

OPEN = (ItemStatus.OPEN, ItemStatus.DELEGATED)


def open_items():
    """The open work items of the outer case's process."""
    return WorkItem.objects.filter(instance_id=OuterRef("process_id"), status__in=OPEN)


def with_stage(queryset):
    """``queryset`` of cases annotated with ``stage_name``: the name of their first open step."""
    first = open_items().order_by("position", "id").values("step_name")[:1]
    return queryset.annotate(stage_name=Subquery(first))


def attach_stages(cases) -> None:
    """Set ``stage_name`` on each of ``cases`` (the name of its process's first open step, or ``None``),
    reading the open work items of all of them in one query."""
    processes = {case.process_id for case in cases if case.process_id is not None}
    first: dict[int, str] = {}
    if processes:
        items = (WorkItem.objects.filter(instance_id__in=processes, status__in=OPEN)
                 .order_by("instance_id", "position", "id").values_list("instance_id", "step_name"))
        for instance_id, step_name in items:
            first.setdefault(instance_id, step_name)
    for case in cases:
        case.stage_name = first.get(case.process_id)


def with_people(queryset):
    """``queryset`` of cases with their parties and officers, each read in one joined query."""
    return queryset.prefetch_related(
        Prefetch("parties", CaseParty.objects.select_related("inspected_object")),
        Prefetch("officers", CaseOfficer.objects.select_related("officer__user")),
    )


LIST_FIELDS = ("number", "cause", "procedure_type", "source", "fine_amount", "filed_on", "decided_on", "status",
               "created_at", "process", "unit__name")
"""What the list's columns (and its stage) read of a case: its long texts (facts, reasons …) stay in the database."""


LISTED_PARTIES, LISTED_OFFICERS = "listed_parties", "listed_officers"


def for_list(queryset):
    """``queryset`` of cases with what the list shows: the columns of ``LIST_FIELDS``, the unit's name, and
    the names of the parties and officers, each read in one joined query of the columns it needs into a
    plain list (``listed``: a related manager's ``all()`` would copy its query for every row)."""
    parties = CaseParty.objects.select_related("inspected_object").only("case", "inspected_object__name")
    officers = CaseOfficer.objects.select_related("officer__user").only(
        "case", "role", "officer__user__display_name", "officer__user__username"
    )
    return (queryset.select_related("unit").only(*LIST_FIELDS).prefetch_related(
        Prefetch("parties", parties, to_attr=LISTED_PARTIES), Prefetch("officers", officers, to_attr=LISTED_OFFICERS)
    ))


def listed(case, attribute: str, manager: str) -> list:
    """The prefetched rows ``attribute`` of ``case`` (plain lists: ``for_list``), else its ``manager``'s rows
    (the case page and the API, through ``with_people``)."""
    rows = getattr(case, attribute, None)
    return rows if rows is not None else list(getattr(case, manager).all())


def in_stages(queryset, stages: list[str]):
    """The cases whose process has an open step of one of the legal ``stages``."""
    return queryset.filter(Exists(open_items().filter(stage__in=stages))) if stages else queryset


STAGE_CHOICES = [(value, label) for value, label in Stage.choices if value != Stage.APPROVAL]
