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


def search_grams(text: str) -> list[str]:
    """What a search text requires (``zhifa_search_grams``): its one character, or each pair of
    adjacent characters, upper-cased — less the grams that are not one token of the side index."""
    text = text.upper()
    wanted = {text} if len(text) == 1 else {text[start : start + 2] for start in range(len(text) - 1)}
    return sorted(gram for gram in wanted if all(_token_character(character) for character in gram))


def _token_character(character: str) -> bool:
    """Whether ``TOKENIZER`` keeps ``character`` inside a token (it separates at Z* and Cc only)."""
    category = unicodedata.category(character)
    return not category.startswith("Z") and category != "Cc"


def match_expression(texts: list[str]) -> str | None:
    """The FTS5 query finding the rows that may contain one of ``texts``: ``("广告") OR ("A" …)``;
    ``None`` when some text has no gram to look for (then the index cannot narrow the search)."""
    alternatives = []
    for text in texts:
        wanted = search_grams(text)
        if not wanted:
            return None
        alternatives.append("(" + " ".join('"' + gram.replace('"', '""') + '"' for gram in wanted) + ")")
    return " OR ".join(alternatives)


def register_functions(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: registers ``zhifa_grams`` on every SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("zhifa_grams", 1, grams, deterministic=True)


def side_index_name(table: str) -> str:
    """The FTS5 side index of ``table``."""
    return f"{table}_grams"


def side_index_sql(table: str, columns: tuple[str, ...], pk: str = "id") -> list[str]:
    """Statements (re)creating the side index of ``table`` over ``columns``, its triggers and its content.

    Idempotent: a later migration that makes Django rebuild ``table`` on SQLite (which drops the
    table's triggers) runs ``create_sqlite_gram_index`` again to restore them.
    """
    index = side_index_name(table)

    def grams_of(row: str) -> str:
        joined = " || ' ' || ".join(f'COALESCE({row}."{column}", \'\')' for column in columns)
        return f"zhifa_grams({joined})"

    changed = " OR ".join(f'old."{column}" IS NOT new."{column}"' for column in (pk, *columns))
    remove = f"""INSERT INTO "{index}"("{index}", rowid, grams) VALUES ('delete', old."{pk}", {grams_of("old")});"""
    add = f'INSERT INTO "{index}"(rowid, grams) VALUES (new."{pk}", {grams_of("new")});'
    watched = ", ".join(f'"{column}"' for column in (pk, *columns))
    return [
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS "{index}" USING fts5(
            grams, content='', detail=none, columnsize=0, tokenize="{TOKENIZER}")""",
        f"""CREATE TRIGGER IF NOT EXISTS "{index}_insert" AFTER INSERT ON "{table}" BEGIN {add} END""",
        f"""CREATE TRIGGER IF NOT EXISTS "{index}_update" AFTER UPDATE OF {watched} ON "{table}"
            WHEN {changed} BEGIN {remove} {add} END""",
        f"""CREATE TRIGGER IF NOT EXISTS "{index}_delete" AFTER DELETE ON "{table}" BEGIN {remove} END""",
        f"""INSERT INTO "{index}"("{index}") VALUES ('delete-all')""",
        f"""INSERT INTO "{index}"(rowid, grams) SELECT "{pk}", {grams_of(f'"{table}"')} FROM "{table}" """,
        f"""INSERT INTO "{index}"("{index}") VALUES ('optimize')""",
    ]


def drop_side_index_sql(table: str) -> list[str]:
    """Statements dropping the side index of ``table`` and its triggers."""
    index = side_index_name(table)
    return [
        *(f'DROP TRIGGER IF EXISTS "{index}_{event}"' for event in ("insert", "update", "delete")),
        f'DROP TABLE IF EXISTS "{index}"',
    ]


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
