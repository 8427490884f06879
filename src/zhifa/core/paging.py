"""Pagination of the generic lists at a million rows: capped counts and id-first pages.

``IdFirstPaginator`` never counts more than ``COUNT_CAP + 1`` rows unless the user asks for the
exact number (``?count=exact``) — a count that reached the cap is kept for a minute — and reads a
page keys first. While the count is not known, one statement reads the keys of the first
``COUNT_CAP + 1`` rows in the list's order, counts them and cuts the page from them
(``counted_keys``; for a scope of one unit), so a search or a filter finds its rows once. Otherwise a
sub-select sorts and cuts the primary keys of the page (over keys only, which an index can answer)
and the outer query reads the rows of those keys with the joins the table needs. Pages past the
capped count stay reachable: whether a next page exists is learnt from one extra row.

When the user's scope is a few units (a district agency and its street teams: ``unit_partition``
from the permission gate), the keys are read unit by unit and merged: one ``(… WHERE unit = u
ORDER BY … LIMIT n)`` per unit, ``UNION ALL``, ordered and cut. Each part is a short range of the
``(unit, <order>)`` index and PostgreSQL merges them (Merge Append); without this the planner
walks the list's global order index and discards the other units' rows — 159,000 of them for a
district whose names all sort together (issue 9). SQLite cannot order and cut the parts of a
compound query; it reads the ``IN`` list from the unit index by itself.

A page's 下一页 link also carries where the page ended (``?after=``: the last row's values of the
list's order, as JSON): the next page then starts there (keyset) instead of skipping every earlier
row with ``OFFSET`` — page 501 after page 500 reads 26 keys, not 12,526. It applies when every term of
the order is a column of the list's own table that is never NULL (the default orders of the lists are);
a cursor for another order or a value that does not parse is ignored and the page is read by its number.
"""

from __future__ import annotations

import json
import math

from django.conf import settings
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, ValidationError
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import Q
from django.utils.functional import cached_property

from zhifa.core import recent_counts

COUNT_CAP = 10_000
EXACT_COUNT_PARAM = "count"
EXACT_COUNT_VALUE = "exact"
AFTER_PARAM = "after"
ELLIPSIS = "..."
MAX_UNIT_PARTS = 16
"""Scopes of more units are read in the list's order directly: a region or the city holds most rows, so the
walk of the list's order index soon finds a page of them, while planning one part per unit of a region
(26 units, each part repeating the scope's list of units) cost PostgreSQL 3 ms."""
UNIT_PLACEHOLDER = -2_000_000_001
"""The unit key the part of one unit is compiled with before each unit's key takes its place (no unit has it)."""


def wants_exact_count(request) -> bool:
    """Whether the request asks for the exact row count (``?count=exact``)."""
    return request.GET.get(EXACT_COUNT_PARAM) == EXACT_COUNT_VALUE


def with_key_tiebreak(queryset):
    """``queryset`` ordered as before and then by primary key, so that pages never overlap."""
    ordering = ordering_terms(queryset)
    if any(isinstance(term, str) and term.lstrip("-") in ("pk", "id") for term in ordering):
        return queryset
    return queryset.order_by(*ordering, "pk")


def ordering_terms(queryset) -> list:
    return list(queryset.query.order_by) or list(queryset.model._meta.ordering)


def is_local_column(model, name: str) -> bool:
    """Whether ``name`` is ``pk`` or a concrete, non-relation field of ``model``."""
    if name == "pk":
        return True
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.concrete and not field.is_relation


def keyset_fields(queryset) -> list | None:
    """``(descending, lookup, field)`` for each term of ``queryset``'s order, or ``None`` when a term is not a
    never-NULL column of the list's own table (then pages are read by number only)."""
    terms = []
    for term in ordering_terms(queryset):
        if not isinstance(term, str):
            return None
        name = term.lstrip("-")
        if not is_local_column(queryset.model, name):
            return None
        field = queryset.model._meta.pk if name == "pk" else queryset.model._meta.get_field(name)
        if field.null:
            return None
        terms.append((term.startswith("-"), name, field))
    return terms


def keyset_cursor(queryset, record) -> str | None:
    """The ``after`` value that continues ``queryset``'s order after ``record`` (JSON of its order values),
    or ``None`` when keyset pages do not apply or ``record`` was read without one of those values."""
    fields = keyset_fields(queryset)
    if fields is None or any(field.attname not in record.__dict__ for _desc, _name, field in fields):
        return None
    return json.dumps([field.value_to_string(record) for _desc, _name, field in fields], ensure_ascii=False,
                      separators=(",", ":"))


def after_cursor(queryset, cursor: str):
    """``queryset`` cut to the rows its order puts after ``cursor`` (``keyset_cursor``), or ``None`` when the
    cursor does not fit the order. The first term's bound (``<=`` or ``>=``) is repeated beside the exact
    condition so that the database starts its index range there."""
    fields = keyset_fields(queryset)
    try:
        raw = json.loads(cursor)
        if fields is None or not isinstance(raw, list) or len(raw) != len(fields):
            return None
        values = [field.to_python(value) for (_desc, _name, field), value in zip(fields, raw)]
    except (ValueError, TypeError, ValidationError):
        return None
    if any(value is None for value in values):
        return None
    first_descending, first_name, _field = fields[0]
    bound = Q(**{f"{first_name}__{'lte' if first_descending else 'gte'}": values[0]})
    after = Q()
    for index, (descending, name, _field) in enumerate(fields):
        equal = {earlier: value for (_d, earlier, _f), value in zip(fields[:index], values)}
        after |= Q(**equal, **{f"{name}__{'lt' if descending else 'gt'}": values[index]})
    return queryset.filter(bound, after)


def key_columns(queryset) -> tuple[list[str], str] | None:
    """The columns a page's keys are read with — ``pk`` first, then the other columns of ``queryset``'s order —
    and that order as an ``ORDER BY`` of their positions; ``None`` when a term of the order is not a column of
    the list's own table (a related or computed one)."""
    terms = ordering_terms(queryset)
    names = [term.lstrip("-") for term in terms if isinstance(term, str)]
    if len(names) != len(terms) or not all(is_local_column(queryset.model, name) for name in names):
        return None
    key_names = ("pk", queryset.model._meta.pk.name)
    columns = ["pk", *dict.fromkeys(name for name in names if name not in key_names)]
    positions = [1 if name in key_names else columns.index(name) + 1 for name in names]
    order = ", ".join(f"{position} DESC" if term.startswith("-") else f"{position} ASC"
                      for position, term in zip(positions, terms))
    return columns, order


def keys_by_unit(queryset, bottom: int, size: int) -> list | None:
    """Keys ``bottom`` … ``bottom + size`` of ``queryset``, read unit by unit (see the module), or
    ``None`` when that does not apply (no unit partition, too many units, an order by a related or
    computed column, or a database that cannot order the parts of a compound query).

    The part of one unit is compiled once, with a placeholder unit, and repeated with each unit's key
    in its place: compiling one queryset per unit cost more than the database's work (26 units of a
    region: ≈ 8 ms of Python for a 0.4 ms query)."""
    partition = getattr(queryset, "unit_partition", None)
    if not partition or not 1 < len(partition[1]) <= MAX_UNIT_PARTS:
        return None
    query = queryset.query
    if query.combinator or query.distinct or not connections[queryset.db].features.supports_slicing_ordering_in_compound:
        return None
    shape = key_columns(queryset)
    if shape is None:
        return None
    columns, order = shape
    lookup, units = partition
    part = queryset.filter(**{lookup: UNIT_PLACEHOLDER}).values_list(*columns).order_by(*ordering_terms(queryset))
    part = part[: bottom + size]
    try:
        sql, params = part.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:  # a condition that matches nothing, such as ``pk__in=[]``
        return []
    slots = [index for index, value in enumerate(params) if value == UNIT_PLACEHOLDER]
    if len(slots) != 1:
        return None
    merged_params = []
    for unit in units:
        merged_params += [*params[: slots[0]], unit, *params[slots[0] + 1 :]]
    merged = " UNION ALL ".join([f"({sql})"] * len(units)) + f" ORDER BY {order} LIMIT {int(size)} OFFSET {int(bottom)}"
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(merged, merged_params)
        return [row[0] for row in cursor.fetchall()]


class IdFirstPage(Page):
    """A page whose ``has_next`` comes from the extra key fetched with it (works past the cap); ``next_cursor``
    is the ``after`` value of its 下一页 link (``None``: the next page is read by number)."""

    def __init__(self, object_list, number, paginator, *, more: bool, next_cursor: str | None = None):
        super().__init__(object_list, number, paginator)
        self.more = more
        self.next_cursor = next_cursor

    def has_next(self):
        return self.more


class IdFirstPaginator(Paginator):
    """Capped count; a page's keys sorted and cut first, then its rows read by key (one statement).

    ``queryset`` is the filtered, restricted and ordered queryset of the list; ``wrap`` turns the
    fetched records into what the page holds (the table's bound rows). ``rows`` (optional) is the
    queryset the page's rows are read from by key, with the joins the table needs: the keys already
    passed the filters and the permission gate, so repeating those conditions (a name search, a
    scope) on the rows query would only cost time.
    """

    def __init__(self, queryset, per_page, *, wrap=list, exact: bool = False, cap: int | None = None, rows=None):
        super().__init__(with_key_tiebreak(queryset), per_page)
        self.rows = rows
        self.wrap = wrap
        self.exact = exact
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:
        """The exact row count, or at most ``cap + 1`` (then ``capped`` is true). A count that reached the cap
        is kept for ``ZHIFA_CAPPED_COUNT_SECONDS`` and shared by the users of the same statement
        (``zhifa.core.recent_counts``): it reads "10,000+" until thousands of rows go."""
        if self.exact:
            return self.object_list.order_by().values("pk").count()
        cap = self.cap
        return recent_counts.count_under(self.capped_key, self.capped_keys(), settings.ZHIFA_CAPPED_COUNT_SECONDS,
                                         keep=lambda count: count > cap)

    def capped_keys(self):
        """The keys of the first ``cap + 1`` rows in no order: what the capped count counts (and is kept under)."""
        return self.object_list.order_by().values("pk")[: self.cap + 1]

    @cached_property
    def capped_key(self) -> tuple[str, str, str] | None:
        """``capped_keys()``'s statement key (``recent_counts.statement_key``), compiled once per paginator: the
        page asks for it before reading (``counted_keys``) and the pager again for the count."""
        return recent_counts.statement_key(self.capped_keys())

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

    def page(self, number, *, after: str | None = None) -> IdFirstPage:
        """Page ``number``; with ``after`` (a cursor of the page before it) read from there instead of skipping
        the earlier rows (the number is then only shown)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        listed, skip = self.object_list, bottom
        continued = after_cursor(listed, after) if after and number > 1 else None
        if continued is not None:
            listed, skip = continued, 0
        keys = self.counted_keys(skip) if continued is None else None
        if keys is None:
            keys = keys_by_unit(listed, skip, self.per_page + 1)
        source = self.object_list if self.rows is None else self.rows
        if keys is None:
            rows = self.rows_in_one_statement(source, listed, skip)
            if rows is not None:
                return self.page_of(rows, number, bottom, keys=None)
            keys = list(listed.values_list("pk", flat=True)[skip : skip + self.per_page + 1])
        by_key = {record.pk: record for record in source.filter(pk__in=keys[: self.per_page]).order_by()}
        return self.page_of([by_key[key] for key in keys[: self.per_page] if key in by_key], number, bottom, keys=keys)

    def page_of(self, records: list, number: int, bottom: int, *, keys: list | None) -> IdFirstPage:
        """The page ``number`` holding ``records``; ``keys`` are the page's keys plus one when they were read
        apart, else ``records`` holds that extra row. The last page gives the exact count without a query."""
        found = len(keys) if keys is not None else len(records)
        more = found > self.per_page
        records = records[: self.per_page]
        if not more and (found or number == 1):
            self.exact = True
            self.__dict__["count"] = bottom + min(found, self.per_page)
        if not found and number > 1:
            raise EmptyPage("该页没有记录")
        cursor = keyset_cursor(self.object_list, records[-1]) if more and records else None
        return IdFirstPage(self.wrap(records), number, self, more=more, next_cursor=cursor)

    def counted_keys(self, skip: int) -> list | None:
        """The keys of the page skipping ``skip`` rows (plus one), counting the rows in the same statement, when
        the count is not known yet (none kept, none asked for): a sub-select reads the keys and order values of
        the first ``cap + 1`` rows in the list's order (so that an index of that order can serve it, as it
        serves a page), and the outer query counts them (``COUNT(*) OVER ()``), sorts them again and cuts the
        page. A search or a rare filter thus finds its rows once instead of once for the count and once for the
        page (a search matching 1,811 of a million cases: two bitmap scans of 12 ms each on PostgreSQL).

        Only for a scope of one unit, whose rows its ``(unit, <order>)`` index lists in order. For a wider scope
        the first 10,001 matches in the list's order can lie far along the global order index, while the
        capped count stops at any 10,001: a district's four units cost PostgreSQL 894 ms (2 ms to count), the
        city's search for 油烟 325 ms more than before, once a minute (the count is then kept).

        ``None`` — the page is then read the other ways — for a wider scope, when the order is not the list's
        own columns, when more than ``cap`` rows match (that count is kept, as the capped count keeps it, and the
        page is read along the list's order, which stops at the page) and past the last row (no row carries the
        count)."""
        listed = self.object_list
        if self.exact or "count" in self.__dict__ or listed.query.combinator:
            return None
        partition = getattr(listed, "unit_partition", None)
        if not partition or len(partition[1]) != 1:
            return None  # a wider scope: see the docstring
        shape = key_columns(listed)
        if shape is None:
            return None
        key = self.capped_key
        if key is None or recent_counts.kept_count(key, settings.ZHIFA_CAPPED_COUNT_SECONDS) is not None:
            return None
        columns, order = shape
        rows = listed.values_list(*columns)[: self.cap + 1]
        sql, params = rows.query.get_compiler(using=listed.db).as_sql()
        statement = (f"SELECT *, COUNT(*) OVER () FROM ({sql}) AS listed ORDER BY {order} "
                     f"LIMIT {int(self.per_page) + 1} OFFSET {int(skip)}")
        with connections[listed.db].cursor() as cursor:
            cursor.execute(statement, params)
            found = cursor.fetchall()
        if not found:
            if skip:
                return None
            self.__dict__["count"] = 0
            return []
        total = found[0][-1]
        if total > self.cap:
            recent_counts.remember(key, total)
            return None
        self.__dict__["count"] = total
        return [row[0] for row in found]

    def rows_in_one_statement(self, source, listed, skip: int) -> list | None:
        """The page's rows plus one, in one statement: the keys as a sub-select of ``listed`` (the list's query,
        sorted and cut there over the keys only, skipping ``skip`` rows) and the rows read by those keys in the
        list's order. ``None`` when the list's order names something the rows' query does not have (an
        annotation of the filters): then the keys are read first."""
        terms = ordering_terms(self.object_list)
        annotations = self.object_list.query.annotations
        if not all(isinstance(term, str) and term.lstrip("-").split("__")[0] not in annotations for term in terms):
            return None
        window = listed.values("pk")[skip : skip + self.per_page + 1]
        return list(source.filter(pk__in=window).order_by(*terms))

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
