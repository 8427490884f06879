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
PARTY_NAMES, OFFICER_NAMES = "party_names", "officer_names"


def for_list(queryset):
    """``queryset`` of cases with what the list page reads of the case rows: the columns of ``LIST_FIELDS``
    and the unit's name. The page's parties and officers come after paging (``attach_people``)."""
    return queryset.select_related("unit").only(*LIST_FIELDS)


def for_export(queryset):
    """``for_list`` with the names of the parties and officers, each read in one joined query of the
    columns it needs into a plain list per case (``listed``: a related manager's ``all()`` would copy its
    query for every row), chunk by chunk of the export."""
    parties = CaseParty.objects.select_related("inspected_object").only("case", "inspected_object__name")
    officers = CaseOfficer.objects.select_related("officer__user").only(
        "case", "role", "officer__user__display_name", "officer__user__username"
    )
    return for_list(queryset).prefetch_related(
        Prefetch("parties", parties, to_attr=LISTED_PARTIES), Prefetch("officers", officers, to_attr=LISTED_OFFICERS)
    )


def attach_people(cases) -> None:
    """Set the names of the parties (``party_names``) and the officers with their roles (``officer_names``)
    on each of ``cases``, in their order on the case (主办 first), reading them in one query each for all
    the cases and building no model rows."""
    parties: dict[int, list[str]] = {case.pk: [] for case in cases}
    officers: dict[int, list[tuple[str, str]]] = {case.pk: [] for case in cases}
    if parties:
        for case_id, name in (CaseParty.objects.filter(case_id__in=parties).order_by("case_id", "pk")
                              .values_list("case_id", "inspected_object__name")):
            parties[case_id].append(name)
        for case_id, role, display_name, username in (
            CaseOfficer.objects.filter(case_id__in=officers).order_by("case_id", "pk")
            .values_list("case_id", "role", "officer__user__display_name", "officer__user__username")
        ):
            officers[case_id].append((role, display_name or username))
    for case in cases:
        setattr(case, PARTY_NAMES, parties[case.pk])
        setattr(case, OFFICER_NAMES, officers[case.pk])


def listed(case, attribute: str, manager: str) -> list:
    """The prefetched rows ``attribute`` of ``case`` (plain lists: ``for_export``), else its ``manager``'s rows
    (the case page and the API, through ``with_people``)."""
    rows = getattr(case, attribute, None)
    return rows if rows is not None else list(getattr(case, manager).all())


def party_names_of(case) -> list[str]:
    """The names of the case's parties: attached by the list page (``attach_people``), else from their rows."""
    names = getattr(case, PARTY_NAMES, None)
    if names is None:
        names = [party.inspected_object.name for party in listed(case, LISTED_PARTIES, "parties")]
    return names


def officers_of(case) -> list[tuple[str, str]]:
    """``(role, name)`` of the case's officers, 主办 first: attached by the list page, else from their rows."""
    people = getattr(case, OFFICER_NAMES, None)
    if people is None:
        people = [(row.role, row.officer.user.display_name or row.officer.user.username)
                  for row in listed(case, LISTED_OFFICERS, "officers")]
    return people


def in_stages(queryset, stages: list[str]):
    """The cases whose process has an open step of one of the legal ``stages``."""
    return queryset.filter(Exists(open_items().filter(stage__in=stages))) if stages else queryset


STAGE_CHOICES = [(value, label) for value, label in Stage.choices if value != Stage.APPROVAL]
