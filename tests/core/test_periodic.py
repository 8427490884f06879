"""Periodic jobs fire exactly once per tick, however many workers run the scheduler."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from zhifa.core.models import PeriodicTick
from zhifa.core.periodic import JOBS, PeriodicJob, run_due_jobs

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
