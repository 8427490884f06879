"""Background task of the officer records: the daily certificate expiry reminder.

Schedule ``remind_expiring_certificates`` once a day (e.g. 07:00); running it more often, or on
several workers at the same time, reminds each certificate validity only once.
"""

from django.tasks import task

from zhifa.core.tasks_support import with_task_actor

from .services import officers


@task
@with_task_actor
def remind_expiring_certificates() -> int:
    """Todos and notifications for certificates expiring within 30 days; returns how many were reminded."""
    return officers.remind_expiring_certificates()
