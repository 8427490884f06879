"""A probe task for the worker fault tests (queued by ``tests.faults.produce``)."""

from django.db import connection
from django.tasks import task


@task
def hold(label: int, seconds: float) -> int:
    """Hold a database connection busy for ``seconds`` (so a restart can hit a running task)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [seconds])
    return label
