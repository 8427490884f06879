"""Pagination of the generic lists at a million rows: capped counts and id-first pages.

``IdFirstPaginator`` never counts more than ``COUNT_CAP + 1`` rows unless the user asks for the
exact number (``?count=exact``), and fetches a page in two steps: first the primary keys of the
page (the database sorts and skips over keys only, which an index can answer), then the rows of
those keys with the joins the table needs. Pages past the capped count stay reachable: whether a
next page exists is learnt from one extra key.
"""

from __future__ import annotations

import math

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

COUNT_CAP = 10_000
EXACT_COUNT_PARAM = "count"
EXACT_COUNT_VALUE = "exact"
ELLIPSIS = "..."


def wants_exact_count(request) -> bool:
    """Whether the request asks for the exact row count (``?count=exact``)."""
    return request.GET.get(EXACT_COUNT_PARAM) == EXACT_COUNT_VALUE


def with_key_tiebreak(queryset):
    """``queryset`` ordered as before and then by primary key, so that pages never overlap."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    if any(isinstance(term, str) and term.lstrip("-") in ("pk", "id") for term in ordering):
        return queryset
    return queryset.order_by(*ordering, "pk")


class IdFirstPage(Page):
    """A page whose ``has_next`` comes from the extra key fetched with it (works past the cap)."""

    def __init__(self, object_list, number, paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self):
        return self.more


class IdFirstPaginator(Paginator):
    """Capped count, page by keys first, then rows by key.

    ``queryset`` is the filtered, restricted and ordered queryset of the list; ``wrap`` turns the
    fetched records into what the page holds (the table's bound rows).
    """

    def __init__(self, queryset, per_page, *, wrap=list, exact: bool = False, cap: int | None = None):
        super().__init__(with_key_tiebreak(queryset), per_page)
        self.wrap = wrap
        self.exact = exact
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:
        """The exact row count, or at most ``cap + 1`` (then ``capped`` is true)."""
        keys = self.object_list.order_by().values("pk")
        if self.exact:
            return keys.count()
        return keys[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return not self.exact and self.count > self.cap

    @property
    def count_display(self) -> str:
        """``"1,234"`` or ``"10,000+"``."""
        return f"{self.cap:,}+" if self.capped else f"{self.count:,}"

    @cached_property
    def num_pages(self) -> int:
        """Known pages (past the cap: the pages up to the cap)."""
        known = self.cap if self.capped else self.count
        return max(1, math.ceil(known / self.per_page))

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("页码不是整数") from None
        if number < 1:
            raise EmptyPage("页码小于 1")
        return number  # a page past the end is found empty when its keys are fetched

    def page(self, number) -> IdFirstPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page + 1])
        more = len(keys) > self.per_page
        keys = keys[: self.per_page]
        if not keys and number > 1:
            raise EmptyPage("该页没有记录")
        by_key = {record.pk: record for record in self.object_list.filter(pk__in=keys).order_by()}
        records = [by_key[key] for key in keys if key in by_key]
        return IdFirstPage(self.wrap(records), number, self, more=more)

    def page_links(self, number: int, *, around: int = 2) -> list:
        """Page numbers to link around ``number``, with ``"..."`` for gaps (no last page past the cap)."""
        last = self.num_pages if not self.capped else max(self.num_pages, number + around)
        wanted = {1, 2, *range(number - around, number + around + 1)}
        if not self.capped:
            wanted |= {last - 1, last}
        links: list = []
        previous = 0
        for page in sorted(p for p in wanted if 1 <= p <= last):
            if page - previous > 1:
                links.append(ELLIPSIS)
            links.append(page)
            previous = page
        if self.capped:
            links.append(ELLIPSIS)
        return links
