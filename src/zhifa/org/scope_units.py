"""The units a subtree or region data scope reaches, as a cached list of keys.

The permission gate filters scoped rows by these keys (``unit_id IN (…)``) instead of joining
the unit table on a path prefix: the planner then knows from the rows' own statistics how many
rows a scope holds and picks the index that matches the list's order (issue 9: a district's first
page walked 159,000 rows of the name index through the join). The lists are cached per process
until units change (``zhifa.core.usercache``).
"""

from __future__ import annotations

from zhifa.core import usercache


def units_under(user, path: str) -> list[int]:
    """Keys of the unit with ``path`` and every unit below it."""
    from .models import Unit

    return usercache.cached(
        user, "units_under", lambda: list(Unit.objects.filter(path__startswith=path).values_list("pk", flat=True)), path
    )


def units_in_region(user, path: str) -> list[int]:
    """Keys of every unit located in the region with ``path`` or below it."""
    from .models import Unit

    return usercache.cached(
        user, "units_in_region",
        lambda: list(Unit.objects.filter(region__path__startswith=path).values_list("pk", flat=True)), path,
    )
