"""A PostgreSQL restart under a running worker and a stream of tasks: every task runs, the worker lives."""

import subprocess
import sys
import time

import psycopg
import pytest
from django_tasks_db.models import DBTaskResult

from .conftest import POSTGRES_ONLY, ROOT, database_url, wait_until
from .pgserver import ThrowawayPostgres

pytestmark = POSTGRES_ONLY


@pytest.fixture
def private_postgres():
    server = ThrowawayPostgres()
    try:
        server.init()
        yield server
    finally:
        server.destroy()


def _statuses(url: str) -> dict[str, str]:
    """Status of every task in the private server's queue, by id."""
    with psycopg.connect(url) as conn:
        return dict(conn.execute(f"SELECT id::text, status FROM {DBTaskResult._meta.db_table}").fetchall())


@pytest.mark.django_db(transaction=True)
def test_worker_survives_a_database_restart_and_runs_every_task(private_postgres, workers):
    # The private server gets a copy of the (migrated) test database.
    url = private_postgres.create_database("zhifa", copy_of=database_url())
    worker = workers.start(url, "--no-scheduler")

    producer_log = workers.tmp_path / "producer.out"
    with open(producer_log, "w") as out:
        producer = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.produce", "40", "0.1"], cwd=ROOT, env=workers.env(url), stdout=out
        )
        # Restart the server once the worker is busy, while tasks are still being queued.
        wait_until(
            lambda: list(_statuses(url).values()).count("SUCCESSFUL") >= 3, message=f"处理进程未开始处理任务：\n{workers.logs()}"
        )
        private_postgres.stop()
        time.sleep(2)
        private_postgres.start()
        assert producer.wait(timeout=120) == 0
    acknowledged = producer_log.read_text().split()
    assert len(acknowledged) == 40

    def all_done():
        statuses = _statuses(url)
        return all(statuses.get(pk) == "SUCCESSFUL" for pk in acknowledged) and statuses

    statuses = wait_until(all_done, timeout=90, message=f"仍有任务未完成；处理进程日志：\n{workers.logs()}")
    assert worker.poll() is None, workers.logs()
    assert "RUNNING" not in statuses.values()
    assert "数据库连接中断" in workers.logs()
