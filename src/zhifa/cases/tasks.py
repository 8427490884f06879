"""Background work of the case module: the periodic case-warning sweep."""

from django.tasks import task

from zhifa.core.tasks_support import with_task_actor

from .services.warnings import raise_case_warnings as sweep


@task
@with_task_actor
def raise_case_warnings() -> dict:
    """Periodic job (every 15 minutes): raise, update and clear case warnings; returns the counts."""
    result = sweep()
    return {"raised": result.raised, "changed": result.changed, "cleared": result.cleared, "notified": result.notified}
