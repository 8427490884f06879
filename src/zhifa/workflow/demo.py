"""Demo procedures and instances: the shipped BPMN models published, and approvals at every step.

Instances are started in 盐田区城管局 by ``officer_yantian`` and moved on so that the demo accounts
of that agency each find real work on their workbench.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model

from . import services
from .models import ProcessInstance, WorkItem
from .requirements import ProcedureType

PROCEDURES = Path(__file__).resolve().parent / "procedures"

#: (title, fine amount, how many steps to approve after starting)
DEMO_CASES = (
    ("关于沙头角某餐饮店占道经营的处理审批", 800, 0),
    ("关于海山街道某工地夜间施工噪声的处理审批", 3000, 1),
    ("关于盐田港某物流公司乱堆放的处理审批", 5000, 2),
    ("关于梅沙某商户违规户外广告的处理审批", 20000, 4),
    ("关于某小区违法搭建的处理审批", 50000, 5),
    ("关于某菜市场超门窗经营的处理审批", 600, 6),
)


def load_procedures(actor) -> list:
    """Import and publish every shipped model (``procedures/*.bpmn``).

    A file named after a procedure type (``punishment_general.bpmn``) is imported as that type.
    """
    versions = []
    for path in sorted(PROCEDURES.glob("*.bpmn")):
        procedure_type = path.stem if path.stem in ProcedureType.values else None
        version = services.import_model(xml=path.read_bytes(), actor=actor, procedure_type=procedure_type,
                                        note="系统预置")
        versions.append(services.publish_version(version=version, actor=actor))
    return versions


def _advance(instance, steps: int) -> None:
    """Approve the first open item ``steps`` times, as whoever holds it."""
    for _ in range(steps):
        item = WorkItem.objects.filter(instance=instance, status="open").select_related("assignee").order_by("id").first()
        if item is None:
            return
        services.approve(item=item, actor=item.assignee, opinion="同意")


def demo_instances(definition) -> int:
    """Start the demo approvals in 盐田区城管局 and move each to its step; returns how many."""
    officer = get_user_model().objects.select_related("unit").get(username="officer_yantian")
    for title, fine, steps in DEMO_CASES:
        instance = services.start_instance(
            definition=definition, unit=officer.unit, actor=officer, title=title, variables={"fine_amount": fine},
        )
        _advance(instance, steps)
    return ProcessInstance.objects.filter(version__definition=definition).count()
