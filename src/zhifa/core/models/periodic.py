"""Claims of periodic-job ticks: the unique row that makes a job fire once per tick."""

from django.db import models


class PeriodicTick(models.Model):
    """That periodic job ``job`` was enqueued for tick number ``tick`` (seconds since epoch // interval).

    Every worker runs the scheduler; the first to insert the row for a tick enqueues the job, the
    others hit the unique constraint and skip it.
    """

    job = models.CharField("任务", max_length=100)
    tick = models.BigIntegerField("周期序号")
    claimed_at = models.DateTimeField("触发时间", auto_now_add=True)

    class Meta:
        verbose_name = "定时任务触发记录"
        verbose_name_plural = "定时任务触发记录"
        constraints = [models.UniqueConstraint(fields=["job", "tick"], name="periodic_tick_unique")]

    def __str__(self):
        return f"{self.job} #{self.tick}"
