"""Periodic jobs fire exactly once per tick, however many workers run the scheduler."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, connection
from django.tasks import TaskResultStatus
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from zhifa.core.models import PeriodicTick
from zhifa.core.periodic import JOBS, MAX_ATTEMPTS, PeriodicJob, run_due_jobs

NOW = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.timezone.utc)  # on a 300-second boundary
JOB = PeriodicJob("retry_notification_deliveries", "zhifa.core.tasks.retry_notification_deliveries", 300)


@pytest.mark.django_db
def test_a_second_worker_in_the_same_tick_fires_nothing():
    assert run_due_jobs(NOW, (JOB,)) == ["retry_notification_deliveries"]
    assert run_due_jobs(NOW + dt.timedelta(seconds=299), (JOB,)) == []
    assert PeriodicTick.objects.count() == 1


@pytest.mark.django_db
def test_the_next_tick_fires_again():
    run_due_jobs(NOW, (JOB,))
    assert run_due_jobs(NOW + dt.timedelta(seconds=300), (JOB,)) == ["retry_notification_deliveries"]
    assert PeriodicTick.objects.count() == 2


@pytest.mark.django_db
def test_every_registered_job_points_at_a_real_task():
    fired = run_due_jobs(NOW)
    assert fired == [job.name for job in JOBS]


@pytest.mark.django_db
def test_a_tick_is_never_claimed_without_its_task_queued(monkeypatch):
    def connection_lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(type(import_string(JOB.task)), "enqueue", connection_lost)
    with pytest.raises(OperationalError):
        run_due_jobs(NOW, (JOB,))
    assert not PeriodicTick.objects.exists()


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_a_tick_whose_task_failed_runs_again_until_it_finishes(database_queue):
    assert run_due_jobs(NOW, (JOB,)) == [JOB.name]
    first = PeriodicTick.objects.get()
    assert run_due_jobs(NOW + dt.timedelta(seconds=30), (JOB,)) == []  # queued, not finished: wait
    DBTaskResult.objects.filter(pk=first.task_id).update(status=TaskResultStatus.FAILED)

    assert run_due_jobs(NOW + dt.timedelta(seconds=60), (JOB,)) == [JOB.name]
    again = PeriodicTick.objects.get()
    assert (again.attempts, DBTaskResult.objects.get(pk=again.task_id).status) == (2, TaskResultStatus.READY)
    DBTaskResult.objects.filter(pk=again.task_id).update(status=TaskResultStatus.SUCCESSFUL)
    assert run_due_jobs(NOW + dt.timedelta(seconds=90), (JOB,)) == []


@pytest.mark.django_db
def test_a_tick_whose_task_vanished_runs_again_but_not_forever(database_queue):
    run_due_jobs(NOW, (JOB,))
    for attempt in range(2, MAX_ATTEMPTS + 1):
        DBTaskResult.objects.all().delete()
        assert run_due_jobs(NOW, (JOB,)) == [JOB.name]
        assert PeriodicTick.objects.get().attempts == attempt
    DBTaskResult.objects.all().delete()
    assert run_due_jobs(NOW, (JOB,)) == []


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_fire_each_tick_once():
    barrier = threading.Barrier(8)

    def worker(_):
        try:
            barrier.wait()
            return run_due_jobs(NOW, (JOB,))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(worker, range(8)))
    assert sum(len(r) for r in results) == 1
    assert PeriodicTick.objects.filter(job=JOB.name).count() == 1
