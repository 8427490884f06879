"""Leases of background work: worker heartbeats, and taking back what a dead worker held.

Each ``zhifa worker`` refreshes its ``WorkerHeartbeat`` row every quarter of the lease
(``settings.ZHIFA_TASK_LEASE_SECONDS``). A claim — a ``RUNNING`` task of django-tasks-db, a
``sending`` notification delivery — is abandoned when it is older than the lease and the worker that
made it has not beaten within the lease (or never registered, e.g. a bare ``db_worker``). Abandoned
tasks go back to ``READY`` and run again; tasks are written so that running twice does no harm.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# The id of the worker running in this process ("" outside a worker), recorded on the claims it makes.
current_worker_id = ""


def lease() -> dt.timedelta:
    """How long a claim survives its worker's last heartbeat."""
    return dt.timedelta(seconds=settings.ZHIFA_TASK_LEASE_SECONDS)


def heartbeat_interval() -> float:
    """Seconds between two heartbeats: a quarter of the lease, so that one missed beat is harmless."""
    return max(settings.ZHIFA_TASK_LEASE_SECONDS / 4, 0.2)


def beat(worker_id: str) -> None:
    """Record that ``worker_id`` is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"beat_at": timezone.now()},
        create_defaults={"beat_at": timezone.now(), "hostname": socket.gethostname(), "pid": os.getpid()},
    )


def forget(worker_id: str) -> None:
    """Remove the heartbeat of a worker that stops cleanly."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def live_worker_ids(now: dt.datetime) -> set[str]:
    return set(WorkerHeartbeat.objects.filter(beat_at__gte=now - lease()).values_list("worker_id", flat=True))


def abandoned_claim(*, claimed_at: str, claimed_by: str, now: dt.datetime) -> Q:
    """A filter for rows claimed (``claimed_at``/``claimed_by`` fields) by a worker that is gone."""
    alive = WorkerHeartbeat.objects.filter(worker_id=OuterRef(claimed_by), beat_at__gte=now - lease())
    return Q(**{f"{claimed_at}__lt": now - lease()}) & ~Exists(alive)


def reclaim_abandoned_tasks(now: dt.datetime | None = None) -> int:
    """Put the ``RUNNING`` tasks of dead workers back to ``READY``; returns how many."""
    now = now or timezone.now()
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=now - lease())
    candidates = list(running.values_list("pk", "started_at", "worker_ids"))
    if not candidates:
        return 0
    alive = live_worker_ids(now)
    reclaimed = 0
    for pk, started_at, worker_ids in candidates:
        if worker_ids and worker_ids[-1] in alive:
            continue
        # Only if nobody touched the row since we read it (the worker may have just finished).
        reclaimed += DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at).update(
            status=TaskResultStatus.READY, started_at=None
        )
    if reclaimed:
        logger.warning("已收回 %s 个失去处理进程的后台任务，将重新执行", reclaimed)
    return reclaimed
