"""The FilterSet base shared by the UI lists and the API (one filter definition, two front ends).

``ZhifaFilterSet`` adds a free-text ``q`` over ``search_fields`` and a ``<field>_id`` filter for every
foreign key and many-to-many field of the model. Every related-object filter offers only the
objects the requesting user may view, and refuses an id its column cannot hold (``2**63``) as a
field error (400 in the API, a message under the filter on a list page).
"""

from __future__ import annotations

import copy

import django_filters
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.http import urlencode
from django_filters.fields import ModelMultipleChoiceField
from django_filters.utils import label_for_filter

from . import search_grams, usercache
from .actor import Channel
from .audit_signals import is_audited
from .forms import FilterForm
from .models import AuditAction, AuditEntry
from .widgets import parent_attribute

PAGE_PARAMETERS = frozenset({"page", "sort", "per_page", "count"})
"""Query parameters of a list page that are not filters."""


def restricted_choices(queryset: QuerySet):
    """A django-filter queryset callable: ``queryset`` narrowed to what the request's user may view.

    The narrowed queryset (with each entry's parent joined, for the tree picker) is built once per
    user and day and kept in the per-user cache (``zhifa.core.usercache``); each request gets a clone.
    """
    parent = parent_attribute(queryset.model)

    def choices(request):
        user = getattr(request, "user", None)
        if user is None:
            return queryset.none()

        def build():
            restricted = queryset.all().restrict(user, "view")
            return restricted.select_related(parent) if parent else restricted

        return usercache.cached(user, "filter_choices", build, id(queryset), timezone.localdate()).all()

    return choices


class BoundedModelMultipleChoiceField(ModelMultipleChoiceField):
    """A multiple-object choice that refuses keys the database column cannot hold.

    Django checks each key only by converting it; a number beyond the column's range (e.g.
    ``2**63`` for a big-integer id) then overflows inside the database driver. Such a key is
    reported like any other invalid key: a field error, never a server error.
    """

    def clean(self, value):
        """The chosen objects; nothing chosen is ``[]`` (Django's empty queryset costs a query compilation per test)."""
        if not self.required and not value:
            return []
        return super().clean(value)

    def _check_values(self, value):
        if isinstance(value, (list, tuple)):
            key_field = self.queryset.model._meta.get_field(self.to_field_name or self.queryset.model._meta.pk.name)
            low, high = _column_range(key_field, self.queryset.db)
            for key in value:
                try:
                    number = key_field.to_python(key)
                except ValidationError:
                    number = None
                if isinstance(number, int) and not low <= number <= high:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": key}
                    )
        return super()._check_values(value)


def _column_range(field, alias: str) -> tuple[float, float]:
    """The smallest and largest integer the field's column holds (unbounded for non-integer columns)."""
    internal_type = field.target_field.get_internal_type() if field.is_relation else field.get_internal_type()
    try:
        low, high = connections[alias].ops.integer_field_range(internal_type)
    except KeyError:
        return float("-inf"), float("inf")
    return (float("-inf") if low is None else low), (float("inf") if high is None else high)


def own_copy(filter_: django_filters.Filter) -> django_filters.Filter:
    """A copy of a class's filter for one filterset: its own ``extra`` (django-filters writes the request's
    queryset there), no form field yet, and its ``method`` bound to the copy. Everything else a filter holds
    is read, never changed, so it is shared instead of copied deeply (a deep copy also copies each
    filter's querysets)."""
    copied = copy.copy(filter_)
    copied.__dict__.pop("_field", None)
    copied.extra = dict(filter_.extra)
    if filter_.method is not None:
        copied.method = filter_.method  # a new FilterMethod, calling this copy's filterset
    return copied


class ClassFilters(dict):
    """A filterset class's filters (``base_filters``); ``copy.deepcopy`` of it — what every filterset does
    when it is made — gives each filter's ``own_copy``."""

    def __deepcopy__(self, memo):
        return {name: own_copy(filter_) for name, filter_ in self.items()}


class ZhifaFilterSet(django_filters.FilterSet):
    """Base of every FilterSet.

    ``search_fields`` lists the lookups ``q`` searches (``icontains`` each, OR-ed); ``form_fields``
    lists the filters shown in the list page's filter card (``None``: ``q`` and ``Meta.fields``).
    """

    q = django_filters.CharFilter(method="search", label="搜索")

    search_fields: tuple[str, ...] = ()
    form_fields: tuple[str, ...] | None = None

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        model = cls._meta.model
        if model is None:
            return ClassFilters(filters)
        for field in model._meta.get_fields():
            forward = field.is_relation and not field.auto_created and field.related_model is not None
            if not forward or not (field.many_to_one or field.many_to_many):
                continue
            name = f"{field.name}_id"
            if name not in filters:
                filters[name] = django_filters.ModelMultipleChoiceFilter(
                    field_name=field.name,
                    queryset=field.related_model._default_manager.all(),
                    label=str(field.verbose_name),
                )
        for filter_ in filters.values():
            if filter_._label is None and filter_.field_name:
                # Fix the Chinese label now: a label left to be computed later is lost (falls back to
                # the English field name) if anything builds the class-level filter's form field first.
                filter_.label = label_for_filter(model, filter_.field_name, filter_.lookup_expr, filter_.exclude)
            queryset = getattr(filter_, "queryset", None)
            if isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
                filter_.field_class = BoundedModelMultipleChoiceField
            if isinstance(queryset, QuerySet) and hasattr(queryset, "restrict"):
                filter_.queryset = restricted_choices(queryset)
            if isinstance(filter_, django_filters.ChoiceFilter):
                filter_.extra.setdefault("empty_label", "全部")
        return ClassFilters(filters)

    @property
    def form(self):
        """The filter card's form, holding this filterset's own filter fields (no class made per request)."""
        if not hasattr(self, "_form"):
            fields = {name: filter_.field for name, filter_ in self.filters.items()}
            self._form = FilterForm(self.data if self.is_bound else None, prefix=self.form_prefix, fields=fields)
        return self._form

    def search(self, queryset, name, value):
        """Rows where any of ``search_fields`` contains the text (case-insensitive).

        The model's gram index (``search_grams``: a GIN index on PostgreSQL, an FTS5 side table on
        SQLite, ``zhifa.core.search_grams``) narrows the rows first; the conditions of
        ``search_condition`` then check them exactly.
        """
        value = (value or "").strip()
        if not value or not self.search_fields:
            return queryset
        condition, texts = self.search_condition(value)
        return search_grams.narrowed(queryset, texts).filter(condition)

    def search_condition(self, value: str) -> tuple[Q, list[str]]:
        """The exact condition for ``q=value`` and the texts it looks for (each must occur in a field)."""
        condition = Q()
        for lookup in self.search_fields:
            condition |= Q(**{f"{lookup}__icontains": value})
        return condition, [value]

    def ui_field_names(self) -> list[str]:
        """Names of the filters shown in the filter card, in order."""
        if self.form_fields is not None:
            return list(self.form_fields)
        declared = list(self._meta.fields or []) if isinstance(self._meta.fields, (list, tuple)) else []
        return ["q", *[name for name in declared if name in self.filters]]

    def ui_fields(self, user) -> FilterCard:
        """The filter card's fields (``FilterCard``), built only if the card is rendered."""
        return FilterCard(self, user)

    def sends_filters(self) -> bool:
        """Whether the request gives any filter a value (paging, sorting and empty fields do not count)."""
        if not self.is_bound:
            return False
        if not hasattr(self.data, "getlist"):
            return True
        return any(key not in PAGE_PARAMETERS and any(str(value).strip() for value in self.data.getlist(key))
                   for key in self.data)

    @property
    def qs(self):
        """The filtered rows. A request that filters nothing needs no form: an empty filter never
        narrows the rows and cannot be invalid, so the form is neither built nor cleaned."""
        if not hasattr(self, "_qs") and not self.sends_filters():
            self._qs = self.queryset.all()
        return super().qs

    def describe(self) -> str:
        """The applied filters in words, e.g. for the audit row of an export: ``搜索=张; 所属单位=3``."""
        if not self.is_bound or not self.form.is_valid():
            return "无"
        parts = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", [], ()) or (hasattr(value, "exists") and not value.exists()):
                continue
            if hasattr(value, "__iter__") and not isinstance(value, str):
                value = "、".join(str(v) for v in value)
            parts.append(f"{self.form.fields[name].label or name}={value}")
        return "; ".join(parts) or "无"


class FilterCard:
    """The fields of a list page's filter card, built when the card is rendered.

    The card's HTML is kept per user and ``key()`` (``{% usercached %}`` in the list template), so
    most pages never build the fields: ``key()`` reads the submitted values without the form. Each
    field renders its widget from the per-user cache too: a dropdown of units or regions has
    hundreds of options, and its HTML depends only on the user's scope and the selected values.
    Submitted values are still checked against the restricted queryset when the form is cleaned.
    """

    def __init__(self, filterset: ZhifaFilterSet, user):
        self.filterset = filterset
        self.user = user
        self.names = filterset.ui_field_names()

    def __bool__(self) -> bool:
        return bool(self.names)

    def __iter__(self):
        form, owner = self.filterset.form, type(self.filterset).__qualname__
        return iter([CachedWidgetField(form[name], self.user, owner) for name in self.names])

    def key(self) -> str | None:
        """What the card's HTML depends on besides the user: its filter set and the values its fields were sent.

        None — the card is rendered every time — for a card with errors or with typed text (a search).
        """
        filterset = self.filterset
        if filterset.sends_filters() and filterset.form.errors:
            return None
        prefix = f"{filterset.form_prefix}-" if filterset.form_prefix else ""
        data = filterset.data
        if any(isinstance(filterset.filters.get(name), django_filters.CharFilter) and str(data.get(prefix + name, "")).strip()
               for name in self.names):
            return None  # typed text (a search): every text would be an entry of its own
        pairs = [(prefix + name, value) for name in self.names for value in data.getlist(prefix + name)]
        return f"{type(filterset).__qualname__}?{urlencode([*pairs, ('per_page', data.get('per_page', ''))])}"


class CachedWidgetField:
    """A bound form field whose widget HTML comes from the per-user cache (see ``ui_fields``)."""

    def __init__(self, bound_field, user, owner: str):
        self.bound_field = bound_field
        self.user = user
        self.owner = owner

    def __getattr__(self, name):
        return getattr(self.bound_field, name)

    def __str__(self):
        field = self.bound_field
        selected = tuple(field.form.data.getlist(field.html_name)) if hasattr(field.form.data, "getlist") else ()
        return usercache.cached(self.user, "filter_widget", field.as_widget, self.owner, field.html_name, selected)

    def __html__(self):
        return str(self)


# --- the audit viewer's filters (core's own screen) ---------------------------------------------


def object_type_choices() -> list[tuple[str, str]]:
    """Every audited model as ``("app.model", "名称（模块）")``, by name."""
    choices = [
        (f"{m._meta.app_label}.{m._meta.model_name}", f"{m._meta.verbose_name}（{apps.get_app_config(m._meta.app_label).verbose_name}）")
        for m in apps.get_models()
        if is_audited(m)
    ]
    return sorted(choices, key=lambda choice: choice[1])


class AuditEntryFilterSet(django_filters.FilterSet):
    """Filters of the audit list: time range, user, action, object type and id, request id, channel."""

    since = django_filters.DateTimeFilter(
        field_name="timestamp", lookup_expr="gte", label="起始时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    until = django_filters.DateTimeFilter(
        field_name="timestamp", lookup_expr="lte", label="截止时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    user = django_filters.CharFilter(method="filter_user", label="操作人", help_text="用户名或姓名")
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label="操作", empty_label="全部")
    object_type = django_filters.ChoiceFilter(choices=object_type_choices, label="对象类型", empty_label="全部")
    object_id = django_filters.CharFilter(label="对象ID")
    request_id = django_filters.CharFilter(label="请求号")
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label="渠道", empty_label="全部")

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.error_messages["invalid"] = f"{field.label}格式不正确"
            field.error_messages["invalid_choice"] = f"{field.label}不在可选范围内"

    def filter_user(self, queryset, name, value):
        return queryset.filter(Q(username=value) | Q(user_display__icontains=value))
