"""Background tasks of the framework layer (django.tasks).

``deliver_notification`` is enqueued after commit by ``notify``. The two periodic jobs —
``retry_notification_deliveries`` (every few minutes) and ``send_deadline_digests`` (once a day,
in the morning) — are safe to fire on several workers at once: deliveries are claimed row by row
and digests are guarded by a unique ``DigestRun`` row.
"""

from django.tasks import task

from .notifications import digest, dispatch
from .tasks_support import with_task_actor


@task
@with_task_actor
def deliver_notification(delivery_id: int) -> str:
    """Send one email/SMS copy of a notification; failures are recorded and retried later."""
    return dispatch.deliver(delivery_id)


@task
@with_task_actor
def retry_notification_deliveries() -> int:
    """Re-enqueue the deliveries whose retry time has come (and those left behind by dead workers)."""
    return dispatch.retry_due_deliveries()


@task
@with_task_actor
def send_deadline_digests() -> int:
    """Email each user the todos due within 3 days, at most once per user and day."""
    return digest.send_deadline_digests()
