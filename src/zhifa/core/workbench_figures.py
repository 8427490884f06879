"""Figures on the workbench of supervisors and leaders (监督概览 / 本单位概况), registered by the apps.

Each figure counts rows the user may see (the provider goes through ``restrict``) and links to the
filtered list behind the number, so that every number can be opened::

    workbench_figures.register(Figure(label="30日内到期的执法证", order=10, count=expiring_count,
                                      url="/basedata/officers/?validity=expiring", permission="basedata.view_officer"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: Role codes whose workbench shows the figures.
FIGURE_ROLES = ("supervisor", "leader")


@dataclass(frozen=True)
class Figure:
    """A number on the workbench: ``count(user)`` over the user's scope and the list it opens."""

    label: str
    count: Callable[[object], int]
    url_name: str
    query: str = ""
    permission: str = ""
    order: int = 100


_registry: list[Figure] = []


def register(*figures: Figure) -> None:
    for figure in figures:
        if figure not in _registry:
            _registry.append(figure)


def figures_for(user) -> list[dict]:
    """The figures ``user`` may open, with their counts, for the users holding a role of ``FIGURE_ROLES``."""
    from django.urls import reverse

    if not user.roles.filter(code__in=FIGURE_ROLES).exists():
        return []
    rows = []
    for figure in sorted(_registry, key=lambda f: (f.order, f.label)):
        if figure.permission and not user.has_perm(figure.permission):
            continue
        rows.append({"label": figure.label, "count": figure.count(user), "url": reverse(figure.url_name) + figure.query})
    return rows
