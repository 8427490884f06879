"""Bulk edit and bulk delete of the rows selected in a list (all or nothing)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .base import GenericView
from .objects import protected_message
from .registry import model_url
from .writes import DeleteRefused, delete_refusal, delete_with_service, save_changes, with_service_fields

MSG_NOTHING_SELECTED = "请先在列表中勾选要操作的记录"
MSG_NOTHING_TO_CHANGE = "请至少填写一项要修改的内容"
MSG_BULK_EDITED = "已修改 {count} 条{noun}"
MSG_BULK_DELETED = "已删除 {count} 条{noun}"
MSG_BULK_FAILED = "没有修改任何记录：{errors}"


class BulkViewMixin:
    """The selected rows (``pk`` values of the list's checkboxes), limited to what the user may act on."""

    def selected(self):
        pks = [pk for pk in self.request.POST.getlist("pk") if pk.isdigit()]
        return self.get_queryset().filter(pk__in=pks)

    def list_url(self) -> str:
        return self.return_url(model_url(self.model, "list") or "/")

    def get(self, request, *args, **kwargs):
        return redirect(self.list_url())


class BulkEditView(BulkViewMixin, GenericView):
    """Set one or more fields on every selected row; empty fields are left unchanged.

    ``form`` is a ``BulkEditForm`` subclass. Each row is saved through the model's service when it
    has one and re-checked against the user's scope; if any row fails nothing is changed.
    """

    permission_action = "change"
    form = None
    template_name = "generic/bulk_edit.html"

    def get_form_class(self):
        return with_service_fields(self.form, self.model, creating=False)

    def render_form(self, objects, form):
        context = {**self.base_context(), "objects": objects, "form": form, "return_url": self.list_url()}
        return TemplateResponse(self.request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        objects = list(self.selected())
        if not objects:
            messages.warning(request, MSG_NOTHING_SELECTED)
            return redirect(self.list_url())
        form_class = self.get_form_class()
        if "_apply" not in request.POST:
            return self.render_form(objects, form_class(user=request.user))
        form = form_class(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_form(objects, form)
        field_names = {f.name for f in self.model._meta.fields}
        values = {name: value for name, value in form.changed_values().items() if name in field_names}
        if not values:
            form.add_error(None, MSG_NOTHING_TO_CHANGE)
            return self.render_form(objects, form)
        failures = []
        with transaction.atomic():
            for obj in objects:
                try:
                    save_changes(obj, values, data=form.cleaned_data, user=request.user)
                except ValidationError as exc:
                    failures.append("{obj}：{errors}".format(obj=obj, errors="；".join(exc.messages)))
            if failures:
                transaction.set_rollback(True)
        if failures:
            form.add_error(None, MSG_BULK_FAILED.format(errors="　".join(failures)))
            return self.render_form(objects, form)
        messages.success(request, MSG_BULK_EDITED.format(count=len(objects), noun=self.model._meta.verbose_name))
        return redirect(self.list_url())


class BulkDeleteView(BulkViewMixin, GenericView):
    """Confirm, then delete every selected row; if any row may not be deleted, none is."""

    permission_action = "delete"
    template_name = "generic/bulk_delete.html"

    def refusal(self, obj) -> str:
        """A reason why ``obj`` must not be deleted, or ``""`` (the model service's rule, as for the single delete)."""
        return delete_refusal(obj, user=self.request.user)

    def post(self, request, *args, **kwargs):
        objects = list(self.selected())
        if not objects:
            messages.warning(request, MSG_NOTHING_SELECTED)
            return redirect(self.list_url())
        refusals = [msg for msg in (self.refusal(obj) for obj in objects) if msg]
        if "_confirm" not in request.POST or refusals:
            context = {**self.base_context(), "objects": objects, "refusals": refusals,
                       "return_url": self.list_url()}
            return TemplateResponse(request, self.template_name, context)
        failures = []
        with transaction.atomic():
            for obj in objects:
                try:
                    with transaction.atomic():
                        delete_with_service(obj, user=request.user)
                except DeleteRefused as exc:
                    failures.append(exc.messages[0])
                except (ProtectedError, RestrictedError) as exc:
                    failures.append(protected_message(obj, exc))
            if failures:
                transaction.set_rollback(True)
        if failures:
            messages.error(request, "没有删除任何记录：" + "　".join(failures))
            return redirect(self.list_url())
        messages.success(request, MSG_BULK_DELETED.format(count=len(objects), noun=self.model._meta.verbose_name))
        return redirect(self.list_url())
