"""List, detail, create/edit and delete pages of one model."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from zhifa.core.audit import record_read
from zhifa.core.tables import PER_PAGE_CHOICES

from .base import GenericView
from .display import default_field_names, field_rows
from .registry import model_url
from .writes import (
    DeleteRefused,
    attach_errors,
    delete_refusal,
    delete_with_service,
    save_form,
    with_service_fields,
)

MSG_SAVED = "已保存{noun}“{obj}”"
MSG_DELETED = "已删除{noun}“{obj}”"
MSG_PROTECTED = "无法删除“{obj}”：仍有其他记录引用它（{refs}）"


def protected_message(obj, exc: ProtectedError | RestrictedError) -> str:
    """A Chinese explanation naming what still refers to ``obj``."""
    objects = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
    kinds = sorted({str(o._meta.verbose_name) for o in objects})
    return MSG_PROTECTED.format(obj=obj, refs="、".join(kinds))


class ObjectListView(GenericView):
    """A filterable, sortable, paginated table with column choice, bulk actions and export.

    Subclasses set ``queryset`` (with the joins the table needs), ``filterset`` and ``table``; ``rows_queryset``,
    when set, is what the page's rows are read from by key instead (annotations of what the columns show, which
    would otherwise weigh on the filtered key and count queries too).
    An htmx request aimed at ``#object-table`` (filter, sort, page) gets only the table partial.
    """

    filterset = None
    table = None
    rows_queryset = None
    template_name = "generic/object_list.html"
    table_partial = "generic/object_list.html#table"
    htmx_target = "object-table"

    def get_table(self, queryset):
        rows = self.queryset if self.rows_queryset is None else self.rows_queryset
        table = self.table(queryset, user=self.request.user, rows=rows)
        table.configure(self.request)
        return table

    def get(self, request, *args, **kwargs):
        filterset = self.filterset(request.GET, queryset=self.get_queryset(), request=request)
        table = self.get_table(filterset.qs)
        filter_fields = filterset.ui_fields(request.user)
        context = {
            **self.base_context(),
            "filterset": filterset,
            "filter_fields": filter_fields,
            "filter_card_key": filter_fields.key(),
            "table": table,
            "table_name": table.table_name(),
            "available_columns": table.available_columns(),
            "chosen_columns": table.chosen_columns,
            "per_page_choices": PER_PAGE_CHOICES,
            "query": request.GET.urlencode(),
        }
        if request.htmx and request.htmx.target == self.htmx_target:
            return TemplateResponse(request, self.table_partial, context)
        return TemplateResponse(request, self.template_name, context)


class ObjectDetailView(GenericView):
    """One object: its fields in a card, extra cards from subclasses, and its history.

    ``fields`` names the rows of the card (default: every editable field). Reading an object of
    a model with ``personal_data = True`` writes a read audit row.
    """

    template_name = "generic/object_detail.html"
    fields: tuple[str, ...] | None = None

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_extra_context(self, obj) -> dict:
        """Additional template context for subclasses' cards."""
        return {}

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        record_read(obj)
        names = self.fields if self.fields is not None else default_field_names(self.model)
        context = {
            **self.base_context(obj),
            "object": obj,
            "rows": field_rows(obj, names, request.user),
            **self.get_extra_context(obj),
        }
        return TemplateResponse(request, self.template_name, context)


class ObjectEditView(GenericView):
    """Create (no ``pk``) or edit one object with ``form``; the gate action is add or change.

    Writes go through the model's service when it has one; the scope is re-checked inside the
    transaction. On errors the form comes back with everything the user typed.
    """

    form = None
    template_name = "generic/object_edit.html"

    def gate_action(self) -> str:
        return "change" if "pk" in self.kwargs else "add"

    def get_object(self):
        if "pk" in self.kwargs:
            return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self.model()

    def get_form_class(self, obj):
        return with_service_fields(self.form, self.model, creating=obj.pk is None)

    def get_initial(self, form_class) -> dict:
        """Initial values from the query string (e.g. ``?parent=3`` from a parent's page)."""
        return {key: value for key, value in self.request.GET.items() if key in form_class.base_fields}

    def render_form(self, obj, form):
        context = {**self.base_context(obj), "object": obj, "form": form, "creating": obj.pk is None}
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        form_class = self.get_form_class(obj)
        form = form_class(instance=obj, initial=self.get_initial(form_class), user=request.user)
        return self.render_form(obj, form)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.get_form_class(obj)(request.POST, request.FILES, instance=obj, user=request.user)
        if form.is_valid():
            try:
                saved = save_form(form, user=request.user, action=self.gate_action())
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, MSG_SAVED.format(noun=self.model._meta.verbose_name, obj=saved))
                return redirect(self.return_url(saved.get_absolute_url()))
        return self.render_form(obj, form)


class ObjectDeleteView(GenericView):
    """Confirm, then delete one object (a row other records still use is refused, nothing deleted)."""

    permission_action = "delete"
    template_name = "generic/object_delete.html"

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def refusal(self, obj) -> str:
        """A reason why ``obj`` must not be deleted (the model service's rule, e.g. a built-in role), or ``""``."""
        return delete_refusal(obj, user=self.request.user)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        context = {**self.base_context(obj), "object": obj, "refusal": self.refusal(obj)}
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        refusal = self.refusal(obj)
        if refusal:
            messages.error(request, refusal)
            return redirect(obj.get_absolute_url())
        name = str(obj)
        try:
            delete_with_service(obj, user=request.user)
        except DeleteRefused as exc:
            messages.error(request, exc.messages[0])
            return redirect(obj.get_absolute_url())
        except (ProtectedError, RestrictedError) as exc:
            messages.error(request, protected_message(obj, exc))
            return redirect(obj.get_absolute_url())
        messages.success(request, MSG_DELETED.format(noun=self.model._meta.verbose_name, obj=name))
        return redirect(self.return_url(model_url(self.model, "list") or "/"))
