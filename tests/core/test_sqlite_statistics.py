"""SQLite: after ``migrate`` a new index of an analysed table has statistics like its other indexes."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite",
                                reason="只有 SQLite 按 sqlite_stat1 选择索引")


def analysed_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT idx FROM sqlite_stat1 WHERE idx LIKE 'stat_test_%'")
        return {name for (name,) in cursor.fetchall()}


def test_a_new_index_of_an_analysed_table_is_analysed_after_migrate_and_no_other_table(db):
    with connection.cursor() as cursor:
        for table in ("stat_test_analysed", "stat_test_never"):
            cursor.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER)")
            cursor.execute(f"CREATE INDEX {table}_a ON {table} (a)")
            cursor.executemany(f"INSERT INTO {table} (a, b) VALUES (%s, %s)", [(n % 3, n) for n in range(30)])
        cursor.execute("ANALYZE stat_test_analysed")
        cursor.execute("CREATE INDEX stat_test_analysed_b ON stat_test_analysed (b)")  # what a migration adds
        cursor.execute("CREATE INDEX stat_test_never_b ON stat_test_never (b)")
    assert analysed_indexes() == {"stat_test_analysed_a"}

    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)

    # the never-analysed table stays so
    assert analysed_indexes() == {"stat_test_analysed_a", "stat_test_analysed_b"}
