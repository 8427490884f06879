"""Periodic-job ticks and task-worker heartbeats: what makes background work survive faults."""

from django.db import models


class PeriodicTick(models.Model):
    """That periodic job ``job`` was enqueued for tick number ``tick`` (seconds since epoch // interval).

    Every worker runs the scheduler; the first to insert the row for a tick enqueues the job in the
    same transaction, the others hit the unique constraint and skip it. ``task_id`` is the queued
    task of the tick: while the tick is current, a task that failed (or vanished) is queued again,
    up to ``attempts`` times, so that a slot whose job did not finish runs again.
    """

    job = models.CharField("任务", max_length=100)
    tick = models.BigIntegerField("周期序号")
    claimed_at = models.DateTimeField("触发时间", auto_now_add=True)
    task_id = models.CharField("后台任务编号", max_length=64, blank=True)
    attempts = models.PositiveIntegerField("入队次数", default=1)

    class Meta:
        verbose_name = "定时任务触发记录"
        verbose_name_plural = "定时任务触发记录"
        constraints = [models.UniqueConstraint(fields=["job", "tick"], name="periodic_tick_unique")]

    def __str__(self):
        return f"{self.job} #{self.tick}"


class WorkerHeartbeat(models.Model):
    """A running ``zhifa worker`` process, refreshed every few seconds while it lives.

    A task or delivery claimed by a worker whose heartbeat is older than the lease
    (``ZHIFA_TASK_LEASE_SECONDS``) belongs to a dead worker and is taken back (``zhifa.core.leases``).
    """

    worker_id = models.CharField("进程编号", max_length=64, primary_key=True)
    hostname = models.CharField("主机", max_length=255, blank=True)
    pid = models.PositiveIntegerField("进程号", default=0)
    started_at = models.DateTimeField("启动时间", auto_now_add=True)
    beat_at = models.DateTimeField("最近心跳", db_index=True)

    class Meta:
        verbose_name = "后台进程心跳"
        verbose_name_plural = "后台进程心跳"

    def __str__(self):
        return f"{self.hostname}:{self.pid}"
