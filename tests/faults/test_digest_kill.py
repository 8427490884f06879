"""The worker killed inside the daily digest: after the lease, every due user gets exactly one digest."""

import datetime as dt
import signal

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from tests import factories
from zhifa.core.models import DigestRun, Notification, NotificationDelivery, TodoKind
from zhifa.core.periodic import JOBS, run_due_jobs
from zhifa.core.services.todos import todo_create

from .conftest import POSTGRES_ONLY, database_url, wait_until

pytestmark = [POSTGRES_ONLY, pytest.mark.django_db(transaction=True)]

DIGEST_JOB = next(job for job in JOBS if job.name == "send_deadline_digests")


def _worker_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_a_digest_killed_half_way_resumes_and_reaches_every_user_once(city, settings, slow_smtp, workers):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    smtp, port = slow_smtp(delay=0)
    today = timezone.localdate()
    people = [factories.user(city["yantian"], email=f"due{n}@yantian.gov.cn") for n in range(8)]
    for person in people:
        todo_create(assignee=person, title="陈述申辩期满，制作处罚决定书", url="/", kind=TodoKind.TASK,
                    due_at=today + dt.timedelta(days=1))

    # Another transaction holds the third user's digest row: the worker will stop there, mid-digest.
    blocker = psycopg.connect(database_url())
    blocker.execute(
        f"INSERT INTO {DigestRun._meta.db_table} (user_id, date, todo_count, created_at) VALUES (%s, %s, 0, now())",
        [people[2].pk, today],
    )
    assert run_due_jobs(jobs=(DIGEST_JOB,)) == [DIGEST_JOB.name]
    mail_env = {"ZHIFA_SMTP_HOST": "127.0.0.1", "ZHIFA_SMTP_PORT": str(port)}
    first = workers.start(database_url(), "--no-scheduler", **mail_env)
    wait_until(lambda: DigestRun.objects.count() == 2 and _worker_waits_on_a_lock(), message=workers.logs())
    first.send_signal(signal.SIGKILL)
    first.wait()
    blocker.rollback()
    blocker.close()
    assert set(DigestRun.objects.values_list("user_id", flat=True)) == {people[0].pk, people[1].pk}

    workers.start(database_url(), "--no-scheduler", **mail_env)
    wait_until(
        lambda: DigestRun.objects.count() == 8
        and not NotificationDelivery.objects.exclude(status="sent").exists()
        and len(smtp.messages) >= 8,
        message=f"摘要未发完：\n{workers.logs()}",
    )

    assert sorted(DigestRun.objects.filter(date=today).values_list("user_id", flat=True)) == sorted(p.pk for p in people)
    for person in people:
        assert Notification.objects.filter(recipient=person, title__startswith="期限提醒").count() == 1
    assert sorted(len(ids) for ids in smtp.copies().values()) == [1] * 8
