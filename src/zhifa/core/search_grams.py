"""Name search (``q``) at a million rows on PostgreSQL: a GIN index over the characters of the searched text.

``q`` matches with ``icontains`` (``UPPER(col) LIKE UPPER('%…%')``), which no B-tree answers: the
database reads every row of the user's scope (issue 9: 7–44× the floor at 1M rows). ``pg_trgm``
does not help with Chinese: in a database whose character type is ``C`` it treats CJK characters
as word separators, and a two-character search (广告, 张伟) has no trigram anyway.

So a model lists the fields ``q`` searches in ``search_grams``, and a migration creates (on
PostgreSQL only) a GIN index over ``zhifa_grams(<those fields joined>)``: every character and every
pair of adjacent characters, upper-cased. A search for 广告 then adds
``zhifa_grams(…) @> zhifa_search_grams('广告')`` — every pair of the text must occur — which the
index answers; the ``icontains`` conditions stay and check each candidate exactly, so the result
is the same as without the index. On SQLite nothing changes.
"""

from __future__ import annotations

from django.db import connections, migrations
from django.db.models import BooleanField, F, Func, Q, Value

FUNCTIONS_SQL = [
    # Every character and every pair of adjacent characters of the upper-cased text.
    """CREATE OR REPLACE FUNCTION zhifa_grams(value text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT substr(upper($1), i, n)), '{}')
        FROM generate_series(1, char_length($1)) AS i, (VALUES (1), (2)) AS sizes(n)
        WHERE i + n - 1 <= char_length($1)
    $$""",
    # What a search text requires: its one character, or each pair of adjacent characters.
    """CREATE OR REPLACE FUNCTION zhifa_search_grams(value text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT CASE WHEN char_length($1) = 1 THEN ARRAY[upper($1)]
            ELSE ARRAY(SELECT DISTINCT substr(upper($1), i, 2) FROM generate_series(1, char_length($1) - 1) AS i)
        END
    $$""",
]
DROP_FUNCTIONS_SQL = ["DROP FUNCTION IF EXISTS zhifa_search_grams(text)", "DROP FUNCTION IF EXISTS zhifa_grams(text)"]


def joined_sql(columns: list[str]) -> str:
    """The searched text: ``columns`` (SQL) joined by spaces, an empty string for NULL."""
    return " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements():
                schema_editor.execute(statement)

    return run


def create_functions() -> migrations.RunPython:
    """Migration operation creating ``zhifa_grams`` and ``zhifa_search_grams`` on PostgreSQL."""
    return migrations.RunPython(
        _on_postgresql(lambda: FUNCTIONS_SQL), _on_postgresql(lambda: DROP_FUNCTIONS_SQL), elidable=False
    )


def create_gram_index(table: str, columns: tuple[str, ...], name: str) -> migrations.RunPython:
    """Migration operation creating the GIN gram index ``name`` over ``columns`` of ``table`` on PostgreSQL."""
    quote = connections["default"].ops.quote_name
    expression = f"zhifa_grams({joined_sql([quote(column) for column in columns])})"
    return migrations.RunPython(
        _on_postgresql(lambda: [f"CREATE INDEX {quote(name)} ON {quote(table)} USING gin ({expression})"]),
        _on_postgresql(lambda: [f"DROP INDEX IF EXISTS {quote(name)}"]),
    )


class GramMatch(Func):
    """``zhifa_grams(<fields joined>) @> zhifa_search_grams(<text>)``: true when every piece of the
    text occurs in the fields; written exactly like the index expression so that the index answers it."""

    output_field = BooleanField()

    def __init__(self, fields: tuple[str, ...], text: str):
        super().__init__(*[F(name) for name in fields], Value(text))

    def as_sql(self, compiler, connection, **extra_context):
        *fields, text = self.get_source_expressions()
        columns, params = [], []
        for field in fields:
            sql, field_params = compiler.compile(field)
            columns.append(sql)
            params.extend(field_params)
        text_sql, text_params = compiler.compile(text)
        return f"zhifa_grams({joined_sql(columns)}) @> zhifa_search_grams({text_sql})", [*params, *text_params]


def indexed(queryset) -> bool:
    """Whether ``queryset``'s model has a gram index on its database (PostgreSQL and ``search_grams``)."""
    return bool(getattr(queryset.model, "search_grams", ())) and connections[queryset.db].vendor == "postgresql"


def narrowed(queryset, texts: list[str]):
    """``queryset`` limited, through the gram index, to rows that may contain one of ``texts``.

    Only a pre-filter: the caller still applies its exact conditions, which must look only in the
    model's ``search_grams`` fields. Unchanged on other databases and for models without the index.
    """
    texts = sorted({text for text in texts if text})
    if not texts or not indexed(queryset):
        return queryset
    condition = Q()
    for text in texts:
        condition |= Q(GramMatch(tuple(queryset.model.search_grams), text))
    return queryset.filter(condition)
