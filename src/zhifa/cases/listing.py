"""What the case list and the case page read besides the case row: the stage (open step) of its process.

The stage of a 一般程序 case is the legal stage (``workflow.requirements.Stage``) of the open work
items of its process; a 简易程序 case has none. Both the list's column and its filter read the work
items directly (indexed by ``instance, status``), so no copy on the case can fall out of step.
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


def with_people(queryset):
    """``queryset`` of cases with their parties and officers, each read in one joined query."""
    return queryset.prefetch_related(
        Prefetch("parties", CaseParty.objects.select_related("inspected_object")),
        Prefetch("officers", CaseOfficer.objects.select_related("officer__user")),
    )


def in_stages(queryset, stages: list[str]):
    """The cases whose process has an open step of one of the legal ``stages``."""
    return queryset.filter(Exists(open_items().filter(stage__in=stages))) if stages else queryset


STAGE_CHOICES = [(value, label) for value, label in Stage.choices if value != Stage.APPROVAL]
