"""The SQLite gram side index of the name search (see ``zhifa.core.search_grams``).

Per searched table ``<table>``, a contentless FTS5 table ``<table>_grams``: its one column holds
``zhifa_grams(<searched columns joined>)`` — the row's characters and pairs of adjacent
characters, upper-cased and separated by spaces — and its rowid is the row's primary key. Triggers
on ``<table>`` keep it in step on every insert, update of a searched column and delete, whatever
writes (services, ``QuerySet.update``, ``bulk_create``, raw ``INSERT … SELECT`` of the benchmark
loader). They call ``zhifa_grams``, which ``register_functions`` adds to every Django connection;
a tool that opens the file without it can read everything, but its writes to these tables fail
with "no such function: zhifa_grams" (docs/decisions/0014-sqlite-gram-side-index.md).

The tokenizer splits only at white space and control characters, so each gram is one token —
CJK characters, digits, Latin letters and punctuation alike (FTS5 folds Latin case on both sides).
A gram holding a space cannot be one token: a search leaves such grams out (it only narrows less).

A model with ``search_grams_unit`` (its unit field) has, in the same side index, each gram of the row
also prefixed with the row's unit key and a colon, as one token (``42:广告``; ``zhifa_unit_grams``,
PostgreSQL's spelling): a search within a few units matches those tokens, whose posting lists hold
only the units' rows. A plain gram has at most two characters and a unit token at least three, so
the two kinds never meet. The triggers also follow a change of the row's unit.
"""

from __future__ import annotations

import unicodedata

from django.db import migrations

TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* M* N* P* S* Cf Cn Co Cs'"


def grams(value: str | None) -> str | None:
    """``zhifa_grams``: every character and every pair of adjacent characters of the upper-cased
    text, distinct, separated by spaces (the set PostgreSQL's ``zhifa_grams`` gives)."""
    if value is None:
        return None
    text = value.upper()
    pieces = {text[start : start + size] for size in (1, 2) for start in range(len(text) - size + 1)}
    return " ".join(sorted(pieces))


def unit_grams(unit: int | None, value: str | None) -> str:
    """``zhifa_unit_grams``: the grams of the text, each prefixed with ``unit`` (``42:广告``); nothing
    for a row without a unit. White space splits a gram here as the tokenizer would (``C `` gives ``42:C``)."""
    if unit is None or value is None:
        return ""
    return " ".join(dict.fromkeys(f"{unit}:{piece}" for piece in grams(value).split()))


def search_grams(text: str) -> list[str]:
    """What a search text requires (``zhifa_search_grams``): its one character, or each pair of
    adjacent characters, upper-cased — less the grams that are not one token of the side index."""
    text = text.upper()
    return _tokens({text} if len(text) == 1 else {text[start : start + 2] for start in range(len(text) - 1)})


def looked_up_grams(text: str) -> list[str]:
    """The grams a search looks up in the side index: of a text of four characters or more, every other pair
    of ``search_grams`` (and the last), so that each character is in one pair looked up. Only a pre-filter
    (the caller's exact check follows), about as narrow as every pair, and half the posting lists to read:
    a company's full name has 14 pairs, the common ones (深圳, 有限, 公司) each listing most rows of a unit."""
    upper = text.upper()
    if len(upper) < 4:
        return search_grams(text)
    starts = {*range(0, len(upper) - 1, 2), len(upper) - 2}
    return _tokens({upper[start : start + 2] for start in starts})


def _tokens(grams: set[str]) -> list[str]:
    """``grams`` less those that are not one token of the side index, sorted."""
    return sorted(gram for gram in grams if all(_token_character(character) for character in gram))


def _token_character(character: str) -> bool:
    """Whether ``TOKENIZER`` keeps ``character`` inside a token (it separates at Z* and Cc only)."""
    category = unicodedata.category(character)
    return not category.startswith("Z") and category != "Cc"


def match_expression(texts: list[str], units: tuple[int, ...] | None = None) -> str | None:
    """The FTS5 query finding the rows that may contain one of ``texts``: ``("广告") OR ("A" …)``;
    with ``units``, the rows of those units, through their unit tokens: ``("42:广告") OR ("43:广告")``.
    ``None`` when some text has no gram to look for (then the index cannot narrow the search)."""
    prefixes = [""] if units is None else [f"{int(unit)}:" for unit in units]
    alternatives = []
    for text in texts:
        wanted = looked_up_grams(text)
        if not wanted:
            return None
        for prefix in prefixes:
            tokens = ('"' + (prefix + gram).replace('"', '""') + '"' for gram in wanted)
            alternatives.append("(" + " ".join(tokens) + ")")
    return " OR ".join(alternatives)


def register_functions(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: registers ``zhifa_grams`` and ``zhifa_unit_grams`` on every SQLite
    connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("zhifa_grams", 1, grams, deterministic=True)
        connection.connection.create_function("zhifa_unit_grams", 2, unit_grams, deterministic=True)


def side_index_name(table: str) -> str:
    """The FTS5 side index of ``table``."""
    return f"{table}_grams"


def side_index_sql(table: str, columns: tuple[str, ...], pk: str = "id", unit: str | None = None,
                   ) -> list[str]:
    """Statements (re)creating the side index of ``table`` over ``columns``, its triggers and its content;
    with ``unit`` (the unit column), the rows' unit tokens too (see the module).

    Idempotent: the triggers are dropped and written anew, the index emptied and refilled. A later
    migration that makes Django rebuild ``table`` on SQLite (which drops the table's triggers) runs
    ``create_sqlite_gram_index`` again to restore them, and one that adds the unit tokens to an
    existing index refills it with them (the delete trigger must remove exactly what was inserted).
    """
    index = side_index_name(table)

    def grams_of(row: str) -> str:
        joined = " || ' ' || ".join(f'COALESCE({row}."{column}", \'\')' for column in columns)
        if unit is None:
            return f"zhifa_grams({joined})"
        return f"""zhifa_grams({joined}) || ' ' || zhifa_unit_grams({row}."{unit}", {joined})"""

    watched_columns = (pk, *([] if unit is None else [unit]), *columns)
    changed = " OR ".join(f'old."{column}" IS NOT new."{column}"' for column in watched_columns)
    remove = f"""INSERT INTO "{index}"("{index}", rowid, grams) VALUES ('delete', old."{pk}", {grams_of("old")});"""
    add = f'INSERT INTO "{index}"(rowid, grams) VALUES (new."{pk}", {grams_of("new")});'
    watched = ", ".join(f'"{column}"' for column in watched_columns)
    return [
        *_drop_triggers_sql(index),
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS "{index}" USING fts5(
            grams, content='', detail=none, columnsize=0, tokenize="{TOKENIZER}")""",
        f"""CREATE TRIGGER "{index}_insert" AFTER INSERT ON "{table}" BEGIN {add} END""",
        f"""CREATE TRIGGER "{index}_update" AFTER UPDATE OF {watched} ON "{table}"
            WHEN {changed} BEGIN {remove} {add} END""",
        f"""CREATE TRIGGER "{index}_delete" AFTER DELETE ON "{table}" BEGIN {remove} END""",
        f"""INSERT INTO "{index}"("{index}") VALUES ('delete-all')""",
        f"""INSERT INTO "{index}"(rowid, grams) SELECT "{pk}", {grams_of(f'"{table}"')} FROM "{table}" """,
        f"""INSERT INTO "{index}"("{index}") VALUES ('optimize')""",
    ]


def _drop_triggers_sql(index: str) -> list[str]:
    return [f'DROP TRIGGER IF EXISTS "{index}_{event}"' for event in ("insert", "update", "delete")]


def drop_side_index_sql(table: str) -> list[str]:
    """Statements dropping the side index of ``table`` and its triggers."""
    index = side_index_name(table)
    return [*_drop_triggers_sql(index), f'DROP TABLE IF EXISTS "{index}"']


def _on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


def create_sqlite_gram_index(table: str, columns: tuple[str, ...]) -> migrations.RunPython:
    """Migration operation creating (and filling) the SQLite side index of ``table`` over ``columns``;
    nothing on PostgreSQL, which has ``search_grams.create_gram_index`` instead."""
    return migrations.RunPython(
        _on_sqlite(side_index_sql(table, columns)), _on_sqlite(drop_side_index_sql(table)), elidable=False
    )


def create_sqlite_unit_gram_index(table: str, unit: str, columns: tuple[str, ...]) -> migrations.RunPython:
    """Migration operation (re)building the SQLite side index of ``table`` over ``columns`` with the rows'
    unit tokens (``unit``: the unit column; see the module); reversed, the index without them. Nothing on
    PostgreSQL, which has ``search_grams.create_unit_gram_index`` instead. A later migration rebuilding
    ``table`` runs this one again (not ``create_sqlite_gram_index``, which would drop the unit tokens)."""
    return migrations.RunPython(
        _on_sqlite(side_index_sql(table, columns, unit=unit)), _on_sqlite(side_index_sql(table, columns)),
        elidable=False,
    )
