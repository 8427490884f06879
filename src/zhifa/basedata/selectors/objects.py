"""Reads of the inspection objects: type-ahead search and the city-wide / per-sector overview.

Both go through the permission gate (``restrict(user, "view")``): a user finds and counts only
the objects they may see.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, Value, When

from zhifa.core import search_grams
from zhifa.org.choices import Sector
from zhifa.org.models import Region

from ..models.objects import InspectedObject
from ..services.object_validation import compact

SEARCH_LIMIT = 10
MIN_QUERY_LENGTH = 1


def search_objects(user, text: str, *, limit: int = SEARCH_LIMIT) -> list[InspectedObject]:
    """The objects ``user`` may view matching ``text`` while it is being typed, best matches first.

    Matches: the name contains the text; the credit code starts with it; the pinyin initials
    contain it (``hjct`` finds 海景餐厅). Names starting with the text and exact codes come first.
    """
    text = (text or "").strip()
    if len(text) < MIN_QUERY_LENGTH:
        return []
    code = compact(text)
    latin = code.isascii() and code.isalnum()
    condition = Q(name__icontains=text)
    rank = [When(name__startswith=text, then=Value(1))]
    if latin:
        condition |= Q(credit_code__startswith=code) | Q(pinyin_initials__contains=code.lower())
        rank = [When(credit_code=code, then=Value(0)), *rank, When(pinyin_initials__startswith=code.lower(), then=Value(2))]
    texts = [text, code] if latin else [text]
    queryset = (
        search_grams.narrowed(InspectedObject.objects.restrict(user, "view"), texts)
        .filter(condition)
        .annotate(rank=Case(*rank, default=Value(3), output_field=IntegerField()))
        .select_related("region")
        .order_by("rank", "name", "pk")
    )
    return list(queryset[:limit])


@dataclass
class OverviewRow:
    """One district (or the rest) of the overview: its region and object counts per sector."""

    region: Region | None
    label: str
    counts: dict[str, int] = field(default_factory=dict)
    cells: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Overview:
    """Object counts by district × sector, the sectors that occur, and the totals."""

    rows: list[OverviewRow]
    sectors: list[tuple[str, str]]
    totals: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    by_status: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(count for _sector, count in self.totals)


def _district_code(path: str) -> str:
    """The district-level code of a region path (``/440000/440300/440308/440308001/`` → ``440308``)."""
    codes = [code for code in path.split("/") if code]
    return codes[2] if len(codes) >= 3 else (codes[-1] if codes else "")


def object_overview(user) -> Overview:
    """Counts of the objects ``user`` may view, by district and sector, by kind and by status.

    One grouped query per table; districts are found from the region paths, so a street's
    objects count for its district.
    """
    visible = InspectedObject.objects.restrict(user, "view").order_by()
    cells: dict[str, dict[str, int]] = {}
    for path, sector, count in visible.values_list("region__path", "sector").annotate(n=Count("id")):
        district = _district_code(path)
        cells.setdefault(district, {})
        cells[district][sector] = cells[district].get(sector, 0) + count
    regions = {region.code: region for region in Region.objects.filter(code__in=list(cells))}
    rows = [
        OverviewRow(regions.get(code), regions[code].name if code in regions else "其他", counts)
        for code, counts in sorted(cells.items())
    ]
    used = {sector for counts in cells.values() for sector in counts}
    sectors = [(value, str(label)) for value, label in Sector.choices if value in used]
    for row in rows:
        row.cells = [(value, row.counts.get(value, 0)) for value, _label in sectors]
    totals = [(value, sum(row.counts.get(value, 0) for row in rows)) for value, _label in sectors]
    labels = dict(InspectedObject._meta.get_field("kind").choices)
    by_kind = [(str(labels[k]), n) for k, n in visible.values_list("kind").annotate(n=Count("id")).order_by("kind")]
    status_labels = dict(InspectedObject._meta.get_field("status").choices)
    by_status = [(str(status_labels[s]), n) for s, n in visible.values_list("status").annotate(n=Count("id")).order_by("status")]
    return Overview(rows=rows, sectors=sectors, totals=totals, by_kind=by_kind, by_status=by_status)
