"""Periodic jobs that fire exactly once per tick, however many workers run the scheduler.

Each ``zhifa worker`` runs ``scheduler_loop`` in a background thread. On every pass it computes,
for each job, the current tick (``epoch seconds // interval``) and tries to insert a
``PeriodicTick`` row for it; only the worker whose insert succeeds enqueues the task.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .actor import Channel, actor_context
from .models import PeriodicTick

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    """A django.tasks task (dotted path) enqueued every ``interval`` seconds."""

    name: str
    task: str
    interval: int


JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob("retry_notification_deliveries", "zhifa.core.tasks.retry_notification_deliveries", 300),
    PeriodicJob("send_deadline_digests", "zhifa.core.tasks.send_deadline_digests", 86400),
    PeriodicJob(
        "remind_expiring_certificates", "zhifa.basedata.officers.tasks.remind_expiring_certificates", 86400
    ),
    PeriodicJob("check_process_timeouts", "zhifa.workflow.tasks.check_process_timeouts", 900),
)


def claim(job: PeriodicJob, now) -> bool:
    """Claim the tick of ``now`` for ``job``; False when another worker already has."""
    tick = int(now.timestamp()) // job.interval
    try:
        with transaction.atomic():
            PeriodicTick.objects.create(job=job.name, tick=tick)
    except IntegrityError:
        return False
    return True


def run_due_jobs(now=None, jobs: tuple[PeriodicJob, ...] = JOBS) -> list[str]:
    """Enqueue every job whose current tick nobody has claimed yet; returns the names enqueued."""
    now = now or timezone.now()
    fired = []
    with actor_context(channel=Channel.TASK):
        for job in jobs:
            if claim(job, now):
                import_string(job.task).enqueue()
                fired.append(job.name)
    return fired


def scheduler_loop(stop: threading.Event, poll_seconds: float = 30.0) -> None:
    """Run ``run_due_jobs`` until ``stop`` is set; errors are logged and the loop goes on."""
    while not stop.is_set():
        try:
            fired = run_due_jobs()
            if fired:
                logger.info("定时任务已触发：%s", ", ".join(fired))
        except Exception:  # noqa: BLE001 - the scheduler must survive a database hiccup
            logger.exception("定时任务调度失败")
        finally:
            close_old_connections()
        stop.wait(poll_seconds)
