"""SQLite's probed key: a condition on the primary key checked row by row, not used to look rows up.

``+pk IN (<list>)`` (the unary ``+`` makes the column an expression) cannot drive the query through the
primary key, so SQLite walks the index the rest of the query chooses — the scope's, in the list's order,
stopping at the page — and probes each key against the list, built once. Written plainly, SQLite starts from
the list: every row it names is fetched from the table and sorted before the first page is known (an officer's
3,700 cases of one agency for the 办案人员 filter: 16 ms for the first page's keys against 1.5 ms probed).
"""

from __future__ import annotations

from django.db.models import F, Func


def probed_pk(model) -> Func:
    """``+pk`` of ``model``: use as the left side of an ``In`` condition on SQLite (see the module)."""
    return Func(F("pk"), template="+%(expressions)s", output_field=model._meta.pk)
