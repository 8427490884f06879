"""Periodic jobs that fire once per tick, however many workers run the scheduler, and catch up.

Each ``zhifa worker`` runs ``scheduler_loop`` in a background thread. On every pass it computes,
for each job, the current tick (``epoch seconds // interval``) and tries to insert a
``PeriodicTick`` row for it; only the worker whose insert succeeds enqueues the task, in the same
transaction, so a connection drop between the two can never use up a tick without queuing its job.

A tick whose task did not finish runs again: a task whose worker died is taken back by its lease
(``zhifa.core.leases``); a task that failed, or vanished from the queue, is queued again by the next
pass while its tick is still current (at most ``MAX_ATTEMPTS`` times). Jobs are idempotent.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from django.db import IntegrityError, close_old_connections, transaction
from django.tasks import TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone
from django.utils.module_loading import import_string

from .actor import Channel, actor_context
from .models import PeriodicTick

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class PeriodicJob:
    """A django.tasks task (dotted path) enqueued every ``interval`` seconds."""

    name: str
    task: str
    interval: int

    def tick(self, now) -> int:
        return int(now.timestamp()) // self.interval


JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob("retry_notification_deliveries", "zhifa.core.tasks.retry_notification_deliveries", 300),
    PeriodicJob("send_deadline_digests", "zhifa.core.tasks.send_deadline_digests", 86400),
    PeriodicJob(
        "remind_expiring_certificates", "zhifa.basedata.tasks.remind_expiring_certificates", 86400
    ),
    PeriodicJob("check_process_timeouts", "zhifa.workflow.tasks.check_process_timeouts", 900),
    PeriodicJob("raise_case_warnings", "zhifa.cases.tasks.raise_case_warnings", 900),
)


def claim(job: PeriodicJob, now) -> bool:
    """Claim the tick of ``now`` for ``job`` and enqueue its task; False when another worker already has."""
    try:
        with transaction.atomic():
            tick = PeriodicTick.objects.create(job=job.name, tick=job.tick(now))
            tick.task_id = str(import_string(job.task).enqueue().id)
            tick.save(update_fields=["task_id"])
    except IntegrityError:
        return False
    return True


def _unfinished(job: PeriodicJob, task_id: str) -> bool:
    """True when the tick's task failed or is gone from the queue (so the tick has to run again)."""
    task = import_string(job.task)
    if not task_id or not task.get_backend().supports_get_result:
        return False
    try:
        return task.get_result(task_id).status == TaskResultStatus.FAILED
    except TaskResultDoesNotExist:
        return True


def catch_up(job: PeriodicJob, now) -> bool:
    """Queue the current tick's task again when it failed or vanished; True when it did."""
    with transaction.atomic():
        tick = (
            PeriodicTick.objects.select_for_update()
            .filter(job=job.name, tick=job.tick(now), attempts__lt=MAX_ATTEMPTS)
            .first()
        )
        if tick is None or not _unfinished(job, tick.task_id):
            return False
        tick.task_id = str(import_string(job.task).enqueue().id)
        tick.attempts += 1
        tick.save(update_fields=["task_id", "attempts"])
    logger.warning("定时任务 %s 本周期未完成，已重新排队（第 %s 次）", job.name, tick.attempts)
    return True


def run_due_jobs(now=None, jobs: tuple[PeriodicJob, ...] = JOBS) -> list[str]:
    """Enqueue every job whose current tick is unclaimed or unfinished; returns the names enqueued."""
    now = now or timezone.now()
    fired = []
    with actor_context(channel=Channel.TASK):
        for job in jobs:
            if claim(job, now) or catch_up(job, now):
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
