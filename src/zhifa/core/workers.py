"""The task worker of ``zhifa worker``: django-tasks-db's worker made to survive database faults.

- A lost connection (server restart, network cut, failover) never ends the process: the worker
  waits with a growing pause (at most ``RECONNECT_MAX_SECONDS``), reconnects and goes on.
- A task that failed only because the database went away is queued again instead of being marked
  failed (at most ``DB_FAULT_RETRIES`` times).
- A lease keeper thread refreshes this worker's heartbeat and takes back the tasks of dead workers
  (``zhifa.core.leases``).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

from django.db import InterfaceError, OperationalError, close_old_connections, connection
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from . import leases

logger = logging.getLogger(__name__)

DB_ERRORS = (OperationalError, InterfaceError)
DB_ERROR_PATHS = {f"{cls.__module__}.{cls.__qualname__}" for cls in DB_ERRORS}
RECONNECT_MAX_SECONDS = 10.0
DB_FAULT_RETRIES = 5
DB_FAULT_DELAY = dt.timedelta(seconds=2)


class ResilientWorker(Worker):
    """A django-tasks-db ``Worker`` that outlives database outages and keeps a lease on its tasks."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._stopped = threading.Event()
        self._interrupted_task = None

    @classmethod
    def for_default_queue(cls, *, interval: float = 1.0, batch: bool = False) -> ResilientWorker:
        """A worker of the default backend and queue, with a fresh random id."""
        return cls(
            queue_names=[DEFAULT_TASK_QUEUE_NAME],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=not batch,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )

    def run(self) -> None:
        leases.current_worker_id = self.worker_id
        threading.Thread(target=self._keep_lease, daemon=True, name="zhifa-lease").start()
        try:
            while self.running:
                try:
                    super().run()
                    return  # --batch or --max-tasks: the queue is done
                except DB_ERRORS as exc:
                    logger.warning("数据库连接中断，等待恢复后继续处理任务：%s", exc)
                    self.startup_delay = False
                    self._wait_for_database()
                    self._requeue_interrupted()
        finally:
            self._stopped.set()
            try:
                leases.forget(self.worker_id)
            except DB_ERRORS:
                pass

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run one task; a task that failed for want of a database is queued again, not failed."""
        self._interrupted_task = db_task_result
        super().run_task(db_task_result)  # raises only when even recording the outcome failed
        self._interrupted_task = None
        if (
            db_task_result.status == TaskResultStatus.FAILED
            and db_task_result.exception_class_path in DB_ERROR_PATHS
            and len(db_task_result.worker_ids) <= DB_FAULT_RETRIES
        ):
            _requeue(db_task_result.pk, TaskResultStatus.FAILED)

    def _requeue_interrupted(self) -> None:
        """Give back the task whose outcome could not be recorded when the connection was lost."""
        task, self._interrupted_task = self._interrupted_task, None
        if task is not None:
            _requeue(task.pk, TaskResultStatus.RUNNING)

    def _wait_for_database(self) -> None:
        """Block until the database answers again, pausing a little longer after each failure."""
        pause = 0.5
        while True:
            connection.close()
            try:
                connection.ensure_connection()
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
            except DB_ERRORS:
                time.sleep(pause)
                pause = min(pause * 2, RECONNECT_MAX_SECONDS)
            else:
                logger.info("数据库连接已恢复，继续处理任务")
                return

    def _keep_lease(self) -> None:
        """Beat the heartbeat and reclaim dead workers' tasks until the worker stops."""
        while not self._stopped.is_set():
            try:
                leases.beat(self.worker_id)
                leases.reclaim_abandoned_tasks()
            except DB_ERRORS as exc:
                logger.debug("心跳写入失败（数据库不可用）：%s", exc)
            finally:
                close_old_connections()
            self._stopped.wait(leases.heartbeat_interval())


def _requeue(pk, status: str) -> None:
    """Put task ``pk`` back in the queue if it is still in ``status``."""
    updated = DBTaskResult.objects.filter(pk=pk, status=status).update(
        status=TaskResultStatus.READY,
        started_at=None,
        finished_at=None,
        run_after=timezone.now() + DB_FAULT_DELAY,
        exception_class_path="",
        traceback="",
    )
    if updated:
        logger.warning("任务 %s 因数据库中断未能完成，已重新排队", pk)
