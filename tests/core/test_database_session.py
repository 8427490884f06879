"""The application's PostgreSQL sessions run without JIT and parallel workers (docs/decisions/0015)."""

import pytest
from django.db import connection


@pytest.mark.postgres_only(reason="PostgreSQL 的会话参数")
def test_the_application_connection_turns_off_jit_and_parallel_workers(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather')")
        assert cursor.fetchone() == ("off", "0")
