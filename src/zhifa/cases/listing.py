"""What the case list and the case page read besides the case row: the stage (open step) of its process.

The stage of a 一般程序 case is the legal stage (``workflow.requirements.Stage``) of the open work
items of its process; a 简易程序 case has none. The list's column, its filter and the case page read
the work items directly (indexed by ``instance, status``), so no copy on the case can fall out of
step: the list page in one query for the cases it shows (``attach_stages``), the export and the
case page as a subquery per case (``with_stage``).
"""

from __future__ import annotations

from django.db.models import Exists, F, Func, OuterRef, Prefetch, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf

from zhifa.core import usercache
from zhifa.org.models import Unit
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
               "created_at", "process", "unit", "party_names", "lead_names")
"""What the list's columns (and its stage) read of a case: its long texts (facts, reasons …) stay in the database;
the parties' and 主办 officers' names are columns of the case (``zhifa.cases.listed_names``)."""

NAME_SEPARATOR = "、"
OFFICER_NAMES = "listed_officer_names"
"""The annotation of ``with_officer_names``: the names of every officer of the case."""


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
    """A case officer's name: the user's display name, else the username."""
    return Coalesce(NullIf(F("officer__user__display_name"), Value("")), F("officer__user__username"),
                    output_field=TextField())


def with_officer_names(queryset):
    """``queryset`` of cases annotated with ``OFFICER_NAMES`` (a sub-select over the ``case`` index of the
    officers: read in the same statement as the cases; only the optional 办案人员 column shows it)."""
    return queryset.annotate(**{OFFICER_NAMES: JoinedNames(CaseOfficer.objects.all(), officer_name())})


def for_list(queryset, *, officers: bool = True):
    """``queryset`` of cases with what the list page and the export read of them, in one query: the columns of
    ``LIST_FIELDS`` and, with ``officers``, every officer's name (the list page asks for them only when its
    办案人员 column is shown). The unit's name comes from ``unit_names``."""
    rows = queryset.only(*LIST_FIELDS)
    return with_officer_names(rows) if officers else rows


def unit_names() -> dict[int, str]:
    """Every unit's name by key, kept by the process until the access data change (``usercache.shared``; saving a
    unit changes them): the case list reads its unit column from here instead of a join on every page."""
    return usercache.shared("unit_names", lambda: dict(Unit.objects.values_list("pk", "name")))


def officer_names_of(case) -> str:
    """Every officer's name (主办 first) joined with "、": read with the case by ``for_list``, else from its rows."""
    if hasattr(case, OFFICER_NAMES):
        return getattr(case, OFFICER_NAMES) or ""
    return NAME_SEPARATOR.join(row.officer.user.display_name or row.officer.user.username
                               for row in case.officers.all())


def in_stages(queryset, stages: list[str]):
    """The cases whose process has an open step of one of the legal ``stages``."""
    return queryset.filter(Exists(open_items().filter(stage__in=stages))) if stages else queryset


STAGE_CHOICES = [(value, label) for value, label in Stage.choices if value != Stage.APPROVAL]
