"""What the case list and the case page read besides the case row: the stage (open step) of its process.

The stage of a 一般程序 case is the legal stage (``workflow.requirements.Stage``) of the open work
items of its process; a 简易程序 case has none. The list's column, its filter and the case page read
the work items directly (indexed by ``instance, status``), so no copy on the case can fall out of
step: the list page in one query for the cases it shows (``attach_stages``), the export and the
case page as a subquery per case (``with_stage``).
"""

from __future__ import annotations

import functools

from django.db.models import Exists, F, Func, OuterRef, Prefetch, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf

from zhifa.workflow.choices import ItemStatus
from zhifa.workflow.models import WorkItem
from zhifa.workflow.requirements import Stage

from .choices import OfficerRole
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
               "created_at", "process", "unit")
"""What the list's columns (and its stage) read of a case: its long texts (facts, reasons …) stay in the database."""

UNIT_NAME = "listed_unit_name"
"""The annotation of ``for_list`` holding the unit's name (a value, not a unit row per case)."""

NAME_SEPARATOR = "、"
PARTY_NAMES, LEAD_NAMES, OFFICER_NAMES = "listed_party_names", "listed_lead_names", "listed_officer_names"
"""The annotations of ``for_list``: the names of the parties, of the 主办 officers and of every officer."""


class JoinedNames(Func):
    """The names of the outer case's rows (parties or officers) joined with "、" in the order of the rows' keys:
    ``(SELECT STRING_AGG(t.n, '、' ORDER BY t.k) FROM (<the rows' keys and names>) AS t)``. SQLite before 3.44
    has no ``ORDER BY`` inside an aggregate; there ``GROUP_CONCAT`` joins the rows as the inner query gives them,
    ordered by key."""

    output_field = TextField()

    def __init__(self, rows, name):
        ordered = rows.filter(case_id=OuterRef("pk")).order_by("pk").values(k=F("pk"), n=name)
        super().__init__(Subquery(ordered, output_field=TextField()))

    def as_sql(self, compiler, connection, **extra_context):
        rows_sql, params = compiler.compile(self.get_source_expressions()[0])
        order = " ORDER BY t.k" if connection.features.supports_aggregate_order_by_clause else ""
        function = "STRING_AGG" if connection.vendor == "postgresql" else "GROUP_CONCAT"
        return f"(SELECT {function}(t.n, %s{order}) FROM {rows_sql} AS t)", (NAME_SEPARATOR, *params)


def officer_name():
    return Coalesce(NullIf(F("officer__user__display_name"), Value("")), F("officer__user__username"),
                    output_field=TextField())


def names_expression(name: str) -> JoinedNames:
    """The sub-select giving the annotation ``name`` (``PARTY_NAMES``, ``LEAD_NAMES`` or ``OFFICER_NAMES``)."""
    if name == PARTY_NAMES:
        return JoinedNames(CaseParty.objects.all(), F("inspected_object__name"))
    officers = CaseOfficer.objects.filter(role=OfficerRole.LEAD) if name == LEAD_NAMES else CaseOfficer.objects.all()
    return JoinedNames(officers, officer_name())


def with_names(queryset, names=(PARTY_NAMES, LEAD_NAMES, OFFICER_NAMES)):
    """``queryset`` of cases annotated with the joined names ``names`` (sub-selects over the ``case`` index of
    the parties or officers: read in the same statement as the cases)."""
    return queryset.annotate(**{name: names_expression(name) for name in names})


@functools.lru_cache(maxsize=32)
def with_names_kept(queryset, names: tuple[str, ...]):
    """``with_names(queryset, names)`` built once per queryset object and names (the list page's rows: the
    view's constant queryset with the names of the columns shown). The kept queryset is only ever filtered
    (cloned), never evaluated itself."""
    return with_names(queryset, names)


def for_list(queryset, names=(PARTY_NAMES, LEAD_NAMES, OFFICER_NAMES)):
    """``queryset`` of cases with what the list page and the export read of them, in one query: the columns of
    ``LIST_FIELDS``, the unit's name (``UNIT_NAME``) and the joined names ``names`` (``with_names``; the list
    page asks only for those of the columns it shows)."""
    return with_names(queryset.only(*LIST_FIELDS).annotate(**{UNIT_NAME: F("unit__name")}), names)


def party_names_of(case) -> str:
    """The parties' names joined with "、": read with the case by ``for_list``, else from its rows."""
    if hasattr(case, PARTY_NAMES):
        return getattr(case, PARTY_NAMES) or ""
    return NAME_SEPARATOR.join(party.inspected_object.name for party in case.parties.all())


def officer_names_of(case, role: str | None = None) -> str:
    """The officers' names (主办 first) joined with "、", or those of ``role`` (主办 or every officer: read with the
    case by ``for_list``; any role from the case's rows)."""
    annotation = {None: OFFICER_NAMES, OfficerRole.LEAD: LEAD_NAMES}.get(role)
    if annotation is not None and hasattr(case, annotation):
        return getattr(case, annotation) or ""
    return NAME_SEPARATOR.join(row.officer.user.display_name or row.officer.user.username
                               for row in case.officers.all() if role is None or row.role == role)


def in_stages(queryset, stages: list[str]):
    """The cases whose process has an open step of one of the legal ``stages``."""
    return queryset.filter(Exists(open_items().filter(stage__in=stages))) if stages else queryset


STAGE_CHOICES = [(value, label) for value, label in Stage.choices if value != Stage.APPROVAL]
