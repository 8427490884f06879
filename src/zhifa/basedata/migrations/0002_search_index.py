"""Vendor-specific full-text index over SearchEntry tokens.

SQLite: an external-content FTS5 table kept in step with ``basedata_searchentry`` by triggers.
PostgreSQL: a stored generated ``tsvector`` column (title weighted A, body B) with a GIN index.
The tokens are overlapping bigrams produced in Python (zhifa.basedata.search.tokens), so both
databases only need whitespace tokenisation; no Chinese parser extension is required.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE basedata_searchentry_fts USING fts5(
        title_tokens, body_tokens,
        content='basedata_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )""",
    """CREATE TRIGGER basedata_searchentry_fts_insert AFTER INSERT ON basedata_searchentry BEGIN
        INSERT INTO basedata_searchentry_fts(rowid, title_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens);
    END""",
    """CREATE TRIGGER basedata_searchentry_fts_delete AFTER DELETE ON basedata_searchentry BEGIN
        INSERT INTO basedata_searchentry_fts(basedata_searchentry_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
    END""",
    """CREATE TRIGGER basedata_searchentry_fts_update AFTER UPDATE ON basedata_searchentry BEGIN
        INSERT INTO basedata_searchentry_fts(basedata_searchentry_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
        INSERT INTO basedata_searchentry_fts(rowid, title_tokens, body_tokens)
        VALUES (new.id, new.title_tokens, new.body_tokens);
    END""",
    "INSERT INTO basedata_searchentry_fts(basedata_searchentry_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS basedata_searchentry_fts_update",
    "DROP TRIGGER IF EXISTS basedata_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS basedata_searchentry_fts_insert",
    "DROP TABLE IF EXISTS basedata_searchentry_fts",
]
POSTGRESQL_FORWARD = [
    """ALTER TABLE basedata_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_tokens), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_tokens), 'B')
    ) STORED""",
    # fastupdate off: entries go straight into the index instead of a pending list that every search
    # would scan until the next vacuum; the library is written rarely and read constantly.
    "CREATE INDEX basedata_searchentry_vector ON basedata_searchentry USING gin (search_vector) WITH (fastupdate = off)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS basedata_searchentry_vector",
    "ALTER TABLE basedata_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("basedata", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
