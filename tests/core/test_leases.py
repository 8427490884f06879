"""Leases: tasks of dead workers run again; a task that lost the database is queued again, not failed."""

import datetime as dt

import pytest
from django.db import OperationalError
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from zhifa.core.models import WorkerHeartbeat
from zhifa.core.leases import beat, reclaim_abandoned_tasks
from zhifa.core.workers import DB_FAULT_RETRIES, ResilientWorker

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task
def lose_the_database() -> None:
    """A task body whose connection is cut (what a server restart does to a running query)."""
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.ZHIFA_TASK_LEASE_SECONDS = 60


def _running(worker_id: str, started_ago: dt.timedelta) -> DBTaskResult:
    result = DBTaskResult.objects.get(pk=lose_the_database.enqueue().id)
    result.claim(worker_id)
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - started_ago)
    return result


def _status(result: DBTaskResult) -> str:
    result.refresh_from_db()
    return result.status


def test_a_task_of_a_dead_worker_is_reclaimed_after_the_lease(queue):
    beat("dead")
    WorkerHeartbeat.objects.filter(pk="dead").update(beat_at=timezone.now() - dt.timedelta(minutes=5))
    orphan = _running("dead", dt.timedelta(minutes=5))
    never_registered = _running("bare-db-worker", dt.timedelta(minutes=5))

    assert reclaim_abandoned_tasks() == 2
    assert _status(orphan) == _status(never_registered) == TaskResultStatus.READY


def test_a_task_within_its_lease_or_of_a_live_worker_is_left_alone(queue):
    beat("alive")
    young = _running("gone", dt.timedelta(seconds=10))
    long_running = _running("alive", dt.timedelta(hours=2))

    assert reclaim_abandoned_tasks() == 0
    assert _status(young) == _status(long_running) == TaskResultStatus.RUNNING


def test_a_task_that_lost_the_database_is_queued_again_not_failed(queue):
    worker = ResilientWorker.for_default_queue(batch=True)
    result = _running(worker.worker_id, dt.timedelta(0))

    worker.run_task(result)

    result.refresh_from_db()
    assert result.status == TaskResultStatus.READY
    assert result.run_after > timezone.now()


def test_a_task_that_keeps_losing_the_database_fails_in_the_end(queue):
    worker = ResilientWorker.for_default_queue(batch=True)
    result = _running(worker.worker_id, dt.timedelta(0))
    DBTaskResult.objects.filter(pk=result.pk).update(worker_ids=[worker.worker_id] * (DB_FAULT_RETRIES + 1))
    result.refresh_from_db()

    worker.run_task(result)

    assert _status(result) == TaskResultStatus.FAILED
