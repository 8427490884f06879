"""Reads of the power list other than its list page."""

from __future__ import annotations

from ..models.powers import BasisRole, Power


def citations_by_role(power: Power) -> list[tuple[str, list]]:
    """The power's articles under each role's label, in the order of the roles."""
    rows = list(power.citations.select_related("article__law").order_by("article__law", "article__order"))
    return [(role.label, [row.article for row in rows if row.stated_role == role]) for role in BasisRole]
