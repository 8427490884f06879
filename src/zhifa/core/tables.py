"""The base table of every list page: selection checkboxes, column choice, masking, pagination.

A model's table declares its columns like any django-tables2 table and inherits ``ZhifaTable.Meta``::

    class UserTable(ZhifaTable):
        username = tables.Column(linkify=True)

        class Meta(ZhifaTable.Meta):
            model = User
            fields = ("pk", "username", "display_name", "unit")
            default_columns = ("username", "display_name", "unit")

Which columns a user sees is saved per user and table in ``UserTablePreference``.
"""

from __future__ import annotations

import copy
from html import escape as html_escape

import django_tables2 as tables
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.template import Context
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django_tables2.rows import BoundRows

from . import masking, usercache
from .cells import cell_renderer
from .models.preferences import UserTablePreference
from .paging import AFTER_PARAM, IdFirstPaginator, wants_exact_count

TABLE_TEMPLATE = "generic/table.html"
TABLE_ATTRS = {"class": "table table-vcenter card-table table-striped", "id": "object-list"}
YES_NO = ("是", "否")
PER_PAGE_CHOICES = (25, 50, 100)
DEFAULT_PER_PAGE = 50

_registry: dict[str, type["ZhifaTable"]] = {}


def table_by_name(name: str) -> type["ZhifaTable"] | None:
    """The table class registered under ``name`` (``"org.UserTable"``), or None."""
    return _registry.get(name)


def per_page_from(request) -> int:
    """The page size the request asks for, limited to the offered choices."""
    try:
        value = int(request.GET.get("per_page", DEFAULT_PER_PAGE))
    except ValueError:
        return DEFAULT_PER_PAGE
    return value if value in PER_PAGE_CHOICES else DEFAULT_PER_PAGE


class SelectionColumn(tables.CheckBoxColumn):
    """The first column: a checkbox per row (``name="pk"``) and a select-all box in the header."""

    def __init__(self, **kwargs):
        attrs = {
            "th": {"class": "w-1"},
            "th__input": {"class": "form-check-input", "aria-label": "全选", "data-select-all": "pk"},
            "td__input": {"class": "form-check-input", "aria-label": "选择"},
        }
        super().__init__(accessor="pk", attrs=attrs, verbose_name="选择", exclude_from_export=True, **kwargs)

    def cell_html(self, record) -> str:
        """The row's checkbox, written directly (the list body's fast path)."""
        return f'<input type="checkbox" name="pk" value="{html_escape(str(record.pk))}" class="form-check-input" aria-label="选择">'


class ColumnDefinitions(dict):
    """A table class's columns. Each table object gets its own copy of every column, as
    django-tables2 wants, but a shallow one: a table changes its columns only by setting their
    attributes (visibility, accessor, a masking ``render``), and the deep copy of about twenty
    columns with their attributes and links was a fifth of a list page's own work."""

    def __deepcopy__(self, memo):
        return ColumnDefinitions({name: copy.copy(column) for name, column in self.items()})


class ZhifaTable(tables.Table):
    """Base of every list table.

    ``Meta.default_columns`` names the columns shown until the user chooses (``None``: all);
    ``exempt_columns`` are always shown and never offered in the column chooser or exported.
    """

    pk = SelectionColumn()

    exempt_columns: tuple[str, ...] = ("pk",)

    class Meta:
        template_name = TABLE_TEMPLATE
        attrs = TABLE_ATTRS
        empty_text = "没有符合条件的记录"
        order_by_field = "sort"
        page_field = "page"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.base_columns = ColumnDefinitions(cls.base_columns)
        if cls._meta.model is not None:
            _registry[cls.table_name()] = cls

    def __init__(self, data, *, user=None, rows=None, **kwargs):
        kwargs.setdefault("template_name", TABLE_TEMPLATE)
        super().__init__(data, **kwargs)
        self._available_columns = None
        self.user = user
        self.rows = rows  # where the page's rows are read by key (see ``paging.IdFirstPaginator``)
        if not self.attrs.get("class"):
            self.attrs.update(TABLE_ATTRS)
        self._mask_personal_data()
        self._localise_booleans()
        self.chosen_columns = self._load_column_choice()
        for name, _header in self.available_columns():
            if name in self.chosen_columns:
                self.columns.show(name)
            else:
                self.columns.hide(name)

    @classmethod
    def table_name(cls) -> str:
        """The registry and preference key, e.g. ``"org.UserTable"``."""
        return f"{cls._meta.model._meta.app_label}.{cls.__name__}"

    def available_columns(self) -> list[tuple[str, str]]:
        """``(name, header)`` of every column the user may choose, in table order (worked out once per table)."""
        if self._available_columns is None:
            self._available_columns = [
                (column.name, str(column.header))
                for column in self.columns.iterall()
                if column.name not in self.exempt_columns
            ]
        return self._available_columns

    def default_column_names(self) -> list[str]:
        default = getattr(getattr(type(self), "Meta", None), "default_columns", None)
        names = [name for name, _header in self.available_columns()]
        return [name for name in names if name in default] if default else names

    def _load_column_choice(self) -> list[str]:
        names = {name for name, _header in self.available_columns()}
        if self.user is not None and self.user.is_authenticated:
            saved = usercache.cached(self.user, "table_columns", self._saved_columns, self.table_name())
            chosen = [name for name in saved or [] if name in names]
            if chosen:
                return chosen
        return self.default_column_names()

    def _saved_columns(self) -> list[str] | None:
        return (
            UserTablePreference.objects.filter(user=self.user, table=self.table_name())
            .values_list("columns", flat=True)
            .first()
        )

    def export_columns(self) -> list:
        """The bound columns an export writes: what the user sees, without the exempt ones."""
        return [column for column in self.columns if column.name not in self.exempt_columns]

    def _mask_personal_data(self) -> None:
        """Render masked fields (``id_number`` …) through the masking rules, row by row."""
        model = self._meta.model
        self._unmasking = masking.Unmasking(self.user, model)
        for column in self.columns.iterall():
            name = str(column.accessor)
            if name in self._unmasking.fields:
                render = self._masked_render(name)
                column.column.render = render
                column.render = render  # the bound column keeps the render it captured at build time

    def _masked_render(self, name: str):
        def render(value, record):
            unmasking = self._unmasking
            if not unmasking.decided(record):
                page = getattr(self, "page", None)
                if page is not None:
                    unmasking.prime(row.record for row in page.object_list)
                elif hasattr(self.data.data, "values_list"):
                    unmasking.prime_queryset(self.data.data)
                else:
                    unmasking.prime(self.data.data)
            return unmasking.value(record, name, value)

        return render

    def _localise_booleans(self) -> None:
        """Show yes/no columns as 是/否, on screen and in exports."""
        for column in self.columns.iterall():
            if isinstance(column.column, tables.BooleanColumn):
                column.column.yesno = YES_NO
                column.column.value = _yes_no_value(column.column)

    def configure(self, request) -> None:
        """Sort by the request's ``sort`` and paginate with its ``page`` and ``per_page`` (25/50/100).

        Counts stop at ``paging.COUNT_CAP`` unless ``?count=exact``; pages are fetched keys first
        (``paging.IdFirstPaginator``), from where the page before ended when the request carries its cursor
        (``?after=``, the 下一页 link's). Unknown sort columns are ignored and a page past the end
        shows the last page.
        """
        self.request = request
        sort = request.GET.getlist(self.order_by_field)
        if sort:
            self.order_by = sort
        per_page = per_page_from(request)
        self.per_page_choices = PER_PAGE_CHOICES
        exact = wants_exact_count(request)
        try:
            self.paginate_by_keys(page=request.GET.get(self.page_field, 1), per_page=per_page, exact=exact,
                                  after=request.GET.get(AFTER_PARAM))
        except PageNotAnInteger:
            self.paginate_by_keys(page=1, per_page=per_page, exact=exact)
        except EmptyPage:
            self.paginate_by_keys(page="last", per_page=per_page, exact=True)

    def paginate_by_keys(self, *, page, per_page: int, exact: bool, after: str | None = None) -> None:
        """Paginate the (sorted) queryset with ``IdFirstPaginator``; ``page="last"`` is the last page, ``after``
        the cursor of the page before (keyset)."""
        self.paginator = IdFirstPaginator(
            self.data.data, per_page, wrap=lambda records: BoundRows(records, table=self), exact=exact, rows=self.rows
        )
        self.page = self.paginator.page(self.paginator.num_pages if page == "last" else page, after=after)

    def page_links(self) -> list:
        """Page numbers (and ``"..."``) for the pager of the current page."""
        return self.paginator.page_links(self.page.number)

    @cached_property
    def _encoded_params(self) -> dict[str, str]:
        """The request's query parameters but the page cursor, each key's values already URL-encoded."""
        request = getattr(self, "request", None)
        params = dict(request.GET.lists()) if request is not None else {}
        params.pop(AFTER_PARAM, None)
        return {key: urlencode({key: values}, doseq=True) for key, values in params.items()}

    def _query(self, **updates) -> str:
        """The current address's query with ``updates`` (``None`` removes a key), as ``?…`` escaped for HTML.
        The page cursor (``after``) is kept only when given: it belongs to one page of one order."""
        encoded = dict(self._encoded_params)
        for key, value in updates.items():
            if value is None:
                encoded.pop(key, None)
            else:
                encoded[key] = urlencode({key: value}, doseq=True)
        return html_escape("?" + "&".join(part for part in encoded.values() if part))

    def head_html(self) -> str:
        """The header cells: each sortable column's header links to the list sorted by it (htmx)."""
        cells = []
        for column in self.columns:
            content = conditional_escape(column.header)
            if column.orderable:
                link = self._query(**{self.prefixed_order_by_field: column.order_by_alias.next})
                direction = ""
                if column.is_ordered:
                    direction = " desc" if column.order_by_alias.is_descending else " asc"
                content = hx_link(link, content, f"table-sort{direction}")
            cells.append(f'<th {column.attrs["th"].as_html()} scope="col">{content}</th>')
        return mark_safe("".join(cells))

    def pager_html(self) -> str:
        """The footer: the count (capped at ``paging.COUNT_CAP`` with an exact-count link), page sizes and pages."""
        paginator, page = self.paginator, self.page
        if paginator.capped:
            exact = hx_link(self._query(count="exact"), "精确计数", "ms-1", test_id="exact-count")
            summary = (f'共 <span data-testid="row-count">{paginator.count_display}</span> 条，第 {page.number} 页\n'
                       f'    {exact}')
        else:
            summary = (f'共 <span data-testid="row-count">{paginator.count_display}</span> 条，'
                       f'第 {page.number} / {paginator.num_pages} 页')
        sizes = []
        for size in self.per_page_choices:
            if size == paginator.per_page:
                sizes.append(f'<strong class="mx-1">{size}</strong>')
            else:
                sizes.append(hx_link(self._query(per_page=size, **{self.prefixed_page_field: None}), size, "mx-1"))
        parts = ['<div class="card-footer d-flex align-items-center flex-wrap gap-2">\n'
                 f'  <p class="m-0 text-secondary">{summary}</p>\n'
                 f'  <div class="ms-3 text-secondary">每页{"".join(sizes)}条</div>']
        if paginator.num_pages > 1 or page.has_next():
            links = []
            if page.has_previous():
                links.append(self._page_item(page.previous_page_number(), "上一页"))
            for number in self.page_links():
                if number == "...":
                    links.append('<li class="page-item disabled"><span class="page-link">…</span></li>')
                else:
                    links.append(self._page_item(number, number, active=number == page.number))
            if page.has_next():
                links.append(self._page_item(page.next_page_number(), "下一页", after=page.next_cursor))
            parts.append(f'\n  <ul class="pagination m-0 ms-auto">{"".join(links)}</ul>')
        parts.append("\n</div>")
        return mark_safe("".join(parts))

    def _page_item(self, number, text, *, active: bool = False, after: str | None = None) -> str:
        link = self._query(**{self.prefixed_page_field: number, AFTER_PARAM: after})
        return f'<li class="page-item{" active" if active else ""}">{hx_link(link, text, "page-link")}</li>'

    def body_html(self) -> str:
        """The ``<tr>`` rows of the current page, built directly (no per-cell template or attrs rendering).

        Plain columns are read and formatted here (``cell_renderer``); columns with their own
        rendering (checkboxes, 是/否, masks, ``render_<name>`` methods) go through django-tables2.
        Every ``<td>`` carries ``data-label`` (the column header) for the card layout on phones.
        """
        columns = list(self.columns)
        if not self.page.object_list:
            return format_html(
                '<tr><td colspan="{}" class="text-center text-secondary py-4">{}</td></tr>',
                len(columns), self.empty_text,
            )
        context = Context(autoescape=True)
        cells = [(f'<td data-label="{conditional_escape(column.verbose_name)}">', cell_renderer(self, column, context))
                 for column in columns]
        parts = []
        for row in self.page.object_list:
            parts.append("<tr>")
            for opener, render in cells:
                parts.append(opener)
                parts.append(render(row))
                parts.append("</td>")
            parts.append("</tr>")
        return mark_safe("".join(parts))


def hx_link(href: str, text, css_class: str, *, test_id: str = "") -> str:
    """A link of the table's header or pager, followed with htmx into ``#object-table`` and kept in the address bar.
    ``href`` is already escaped (``ZhifaTable._query``); ``text`` is escaped unless marked safe."""
    marker = f' data-testid="{html_escape(test_id)}"' if test_id else ""
    return (f'<a href="{href}" hx-get="{href}" hx-target="#object-table" hx-push-url="true" '
            f'class="{html_escape(css_class)}"{marker}>{conditional_escape(text)}</a>')


def _yes_no_value(column):
    def value(record, value, bound_column):
        return YES_NO[int(not column._get_bool_value(record, value, bound_column))]

    return value

