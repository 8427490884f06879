"""The base-data figures of the supervisors' and leaders' workbench: each counts what the user may see."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhifa.core.workbench_figures import Figure, register

from .models.discretion import DiscretionStandard, StandardStatus
from .models.objects import InspectedObject
from .models.officers import Officer
from .models.records import RecordBatch
from .services.officers import REMINDER_DAYS, valid_on


def expiring_certificates(user):
    today = timezone.localdate()
    return (Officer.objects.restrict(user, "view")
            .filter(valid_on(today), expires_on__lte=today + dt.timedelta(days=REMINDER_DAYS)))


def standards_in(status: str):
    return lambda user: DiscretionStandard.objects.restrict(user, "view").filter(status=status)


def recent_batches(user):
    """Batches received since the start of the day a week ago (a fixed instant all day: one statement to count)."""
    since = timezone.make_aware(dt.datetime.combine(timezone.localdate() - dt.timedelta(days=7), dt.time.min))
    return RecordBatch.objects.restrict(user, "view").filter(received_at__gte=since)


register(
    Figure(label="待审核的裁量基准", rows=standards_in(StandardStatus.SUBMITTED), order=10,
           url_name="basedata:discretionstandard_list", query=f"?status={StandardStatus.SUBMITTED}",
           permission="basedata.view_discretionstandard"),
    Figure(label=f"{REMINDER_DAYS}日内到期的执法证", rows=expiring_certificates, order=20,
           url_name="basedata:officer_list", query="?validity=expiring", permission="basedata.view_officer"),
    Figure(label="已发布的裁量基准", rows=standards_in(StandardStatus.PUBLISHED), order=30,
           url_name="basedata:discretionstandard_list", query=f"?status={StandardStatus.PUBLISHED}",
           permission="basedata.view_discretionstandard"),
    Figure(label="检查对象", rows=lambda user: InspectedObject.objects.restrict(user, "view"), order=40,
           url_name="basedata:inspectedobject_list", permission="basedata.view_inspectedobject"),
    Figure(label="近7天接收的执法记录批次", rows=recent_batches, order=50,
           url_name="basedata:recordbatch_monitor", query="?period=7", permission="basedata.view_recordbatch"),
)
