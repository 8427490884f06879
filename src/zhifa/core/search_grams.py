"""Name search (``q``) at a million rows: a side index over the characters of the searched text.

``q`` matches with ``icontains`` (``UPPER(col) LIKE UPPER('%…%')``, on SQLite ``LIKE``), which no
B-tree answers: the database reads every row of the user's scope (issue 9: 7–44× the floor at 1M
rows). ``pg_trgm`` does not help with Chinese: in a database whose character type is ``C`` it
treats CJK characters as word separators, and a two-character search (广告, 张伟) has no trigram.

So a model lists the fields ``q`` searches in ``search_grams``, and the searched text's *grams* —
every character and every pair of adjacent characters, upper-cased (``zhifa_grams``) — are indexed:

- PostgreSQL: a GIN index over ``zhifa_grams(<those fields joined>)``; a search for 广告 adds
  ``zhifa_grams(…) @> zhifa_search_grams('广告')`` — every pair of the text must occur.
- SQLite: a contentless FTS5 table ``<table>_grams`` whose one column holds the row's grams
  separated by spaces (rowid = the row's primary key), kept in step by triggers on the table that
  call ``zhifa_grams``, a deterministic Python function registered on every connection
  (``register_functions``; docs/decisions/0014-sqlite-gram-side-index.md). A search adds
  ``pk IN (SELECT rowid FROM <table>_grams WHERE <table>_grams MATCH '"广告"')``.

Either way the ``icontains`` conditions stay and check each candidate exactly, so the result is the
same as without the index.

A common pair (广告, 公司, 油烟) is in a tenth of a million rows, and reading its whole posting list
costs more than the rest of the page (9 ms for 100,000 cases). Most searches come from a user whose
scope is a few units (``unit_partition`` of the permission gate), so a model may also name its unit
field in ``search_grams_unit``: each gram is then also indexed prefixed with the row's unit
(``zhifa_unit_grams(unit, text)``: ``42:油烟``), and such a user's search looks up only the grams of
their units — one posting list per unit and gram, as long as the unit's share of the rows. On
PostgreSQL a second GIN index holds them; on SQLite the same side index, as tokens of their own
(``zhifa.core.search_grams_sqlite``).
"""

from __future__ import annotations

import json

from django.core.exceptions import EmptyResultSet
from django.db import connections, migrations
from django.db.models import BooleanField, F, Func, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In

from . import search_grams_sqlite
from .probing import probed_pk

INDEXED_VENDORS = ("postgresql", "sqlite")
MAX_UNIT_GRAM_PARTS = 16  # a scope of more units searches the plain gram index
SQLITE_FETCH_BY_KEY = 5_000  # candidates SQLite fetches by primary key; beyond, the scope's index drives

def _gram_functions_sql(prefix: str, parameters: str, text: str, unit: str = "") -> list[str]:
    """``CREATE FUNCTION`` statements of ``<prefix>grams`` and ``<prefix>search_grams`` over the argument ``text``,
    each gram preceded by ``unit || ':'`` when ``unit`` is given. Built-in functions only: a restore (pg_dump's
    output) builds the indexes over them with an empty search_path, where no other function is found."""
    piece = (lambda sql: f"{unit}::text || ':' || {sql}") if unit else (lambda sql: sql)
    return [
        # Every character and every pair of adjacent characters of the upper-cased text.
        f"""CREATE OR REPLACE FUNCTION {prefix}grams({parameters}) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT {piece(f"substr(upper({text}), i, n)")}), '{{}}')
        FROM generate_series(1, char_length({text})) AS i, (VALUES (1), (2)) AS sizes(n)
        WHERE i + n - 1 <= char_length({text})
    $$""",
        # What a search text requires: its one character, or each pair of adjacent characters.
        f"""CREATE OR REPLACE FUNCTION {prefix}search_grams({parameters}) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT CASE WHEN char_length({text}) = 1 THEN ARRAY[{piece(f"upper({text})")}]
            ELSE ARRAY(SELECT DISTINCT {piece(f"substr(upper({text}), i, 2)")}
                       FROM generate_series(1, char_length({text}) - 1) AS i)
        END
    $$""",
    ]


FUNCTIONS_SQL = _gram_functions_sql("zhifa_", "value text", "$1")
UNIT_FUNCTIONS_SQL = _gram_functions_sql("zhifa_unit_", "unit bigint, value text", "$2", unit="$1")
"""The same grams, each prefixed with the row's unit: "42:油烟"."""
DROP_UNIT_FUNCTIONS_SQL = ["DROP FUNCTION IF EXISTS zhifa_unit_search_grams(bigint, text)",
                           "DROP FUNCTION IF EXISTS zhifa_unit_grams(bigint, text)"]
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


def create_unit_gram_index(table: str, unit_column: str, columns: tuple[str, ...], name: str) -> migrations.RunPython:
    """Migration operation creating ``zhifa_unit_grams`` and the GIN index ``name`` of the grams of ``columns``
    prefixed with ``unit_column`` (see the module) on PostgreSQL; the functions stay when it is reversed
    (another table's index may use them; ``DROP_UNIT_FUNCTIONS_SQL`` removes them)."""
    quote = connections["default"].ops.quote_name
    expression = f"zhifa_unit_grams({quote(unit_column)}, {joined_sql([quote(column) for column in columns])})"
    return migrations.RunPython(
        _on_postgresql(lambda: [*UNIT_FUNCTIONS_SQL,
                                f"CREATE INDEX {quote(name)} ON {quote(table)} USING gin ({expression})"]),
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


class UnitGramMatch(Func):
    """``zhifa_unit_grams(<unit>, <fields joined>) @> zhifa_unit_search_grams(<unit key>, <text>)``: the rows of
    the unit ``unit`` holding every piece of the text, answered by the unit gram index (``search_grams_unit``)."""

    output_field = BooleanField()

    def __init__(self, unit_field: str, fields: tuple[str, ...], text: str, unit: int):
        super().__init__(F(unit_field), *[F(name) for name in fields], Value(int(unit)), Value(text))

    def as_sql(self, compiler, connection, **extra_context):
        unit_column, *fields, unit, text = (compiler.compile(part) for part in self.get_source_expressions())
        params = [*unit_column[1], *[param for _, field_params in fields for param in field_params], *unit[1], *text[1]]
        return (f"zhifa_unit_grams({unit_column[0]}, {joined_sql([sql for sql, _ in fields])}) @> "
                f"zhifa_unit_search_grams({unit[0]}::bigint, {text[0]})", params)


def scope_units(queryset) -> tuple[int, ...] | None:
    """The units of the user's scope when the model has a unit gram index and the scope is a few of its units
    (see the module), else ``None``."""
    unit_field = getattr(queryset.model, "search_grams_unit", None)
    partition = getattr(queryset, "unit_partition", None)
    if not unit_field or not partition or connections[queryset.db].vendor not in INDEXED_VENDORS:
        return None
    lookup, units = partition
    return units if lookup == f"{unit_field}__pk" and 0 < len(units) <= MAX_UNIT_GRAM_PARTS else None


def one_character_by_unit_grams(queryset) -> bool:
    """Whether a one-character search of ``queryset`` goes through the grams of the scope's units rather than
    a join with the searched rows: on PostgreSQL when ``scope_units`` applies (the units' posting lists are
    read as bitmaps). Not on SQLite: there the candidates are read row by row before the outer query starts,
    which costs more than a join that stops at the page (officers ``q=张`` in a unit where 2,000 of 12,000
    users hold 张: 5 ms against 1 ms for the page's keys)."""
    return connections[queryset.db].vendor == "postgresql" and scope_units(queryset) is not None


def indexed(queryset) -> bool:
    """Whether ``queryset``'s model has a gram index on its database (``search_grams``; PostgreSQL or SQLite)."""
    return bool(getattr(queryset.model, "search_grams", ())) and connections[queryset.db].vendor in INDEXED_VENDORS


def narrowed(queryset, texts: list[str]):
    """``queryset`` limited, through the gram index, to rows that may contain one of ``texts``.

    Only a pre-filter: the caller still applies its exact conditions, which must look only in the
    model's ``search_grams`` fields. Unchanged on other databases and for models without the index.
    """
    texts = sorted({text for text in texts if text})
    if not texts or not indexed(queryset):
        return queryset
    if connections[queryset.db].vendor == "sqlite":
        return _narrowed_on_sqlite(queryset, texts)
    fields = tuple(queryset.model.search_grams)
    condition = Q()
    units = scope_units(queryset)
    for text in texts:
        if units is None:
            condition |= Q(GramMatch(fields, text))
        else:
            for unit in units:
                condition |= Q(UnitGramMatch(queryset.model.search_grams_unit, fields, text, unit))
    return queryset.filter(condition)


def estimated_rows(queryset) -> int | None:
    """PostgreSQL's estimate of the rows of ``queryset`` — its planner's, from the statistics (a gram index's
    are good: 91,590 estimated for 91,300 objects holding 科技) — reading no row; ``None`` on other databases."""
    if connections[queryset.db].vendor != "postgresql":
        return None
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return 0
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def _narrowed_on_sqlite(queryset, texts: list[str]):
    """``pk IN (SELECT rowid FROM <table>_grams WHERE … MATCH …)``: the side index's candidates —
    when the scope is a few units (``scope_units``), only theirs, through the unit tokens.

    Up to ``SQLITE_FETCH_BY_KEY`` candidates, SQLite fetches them by primary key. Beyond, when the
    queryset is filtered (a scope), that costs more than walking the scope's own index and probing
    each key against the candidates (a common pair such as 广告 is in 4 % of a million rows; a unit
    holds 6 %), so the key is written ``+pk``, which SQLite cannot look up by and therefore probes;
    one capped count tells which. An unfiltered queryset has no index to walk: by key, always.
    """
    expression = search_grams_sqlite.match_expression(texts, scope_units(queryset))
    if expression is None:
        return queryset
    index = search_grams_sqlite.side_index_name(queryset.model._meta.db_table)
    candidates = f'SELECT rowid FROM "{index}" WHERE "{index}" MATCH %s'
    key = F("pk")
    if queryset.query.where and _many_candidates(queryset.db, candidates, expression):
        key = probed_pk(queryset.model)
    return queryset.filter(In(key, RawSQL(candidates, [expression])))


def _many_candidates(db: str, candidates: str, expression: str) -> bool:
    """Whether the side index holds more than ``SQLITE_FETCH_BY_KEY`` candidates (a count capped there)."""
    with connections[db].cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({candidates} LIMIT %s)", [expression, SQLITE_FETCH_BY_KEY + 1])
        return cursor.fetchone()[0] > SQLITE_FETCH_BY_KEY
