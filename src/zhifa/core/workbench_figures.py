"""Figures on the workbench of supervisors and leaders (监督概览 / 本单位概况), registered by the apps.

Each figure counts rows the user may see (its ``rows`` go through ``restrict``) and links to the
filtered list behind the number, so that every number can be opened::

    workbench_figures.register(Figure(label="30日内到期的执法证", order=10, rows=expiring_certificates,
                                      url_name="basedata:officer_list", query="?validity=expiring",
                                      permission="basedata.view_officer"))

A figure is an overview, and a city's figures count hundreds of thousands of rows: each count is kept
for ``ZHIFA_FIGURE_SECONDS`` (default 60 s) in the process, shared by every user whose rows come
from the same statement (the same scope), and the workbench says how old its figures may be.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from zhifa.core import recent_counts

#: Role codes whose workbench shows the figures.
FIGURE_ROLES = ("supervisor", "leader")


@dataclass(frozen=True)
class Figure:
    """A number on the workbench: how many ``rows(user)`` there are (the user's scope) and the list it opens."""

    label: str
    rows: Callable[[object], QuerySet]
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
        rows.append({"label": figure.label, "count": recent_count(figure.rows(user)),
                     "url": reverse(figure.url_name) + figure.query})
    return rows


def figure_seconds() -> int:
    return settings.ZHIFA_FIGURE_SECONDS


def recent_count(queryset: QuerySet) -> int:
    """``queryset.count()``, or the count of the same statement made less than ``figure_seconds()`` ago."""
    return recent_counts.recent_count(queryset, figure_seconds())
