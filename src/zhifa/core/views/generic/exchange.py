"""Excel export and spreadsheet import of a model's list.

Export writes what the list shows (same filters, sort, visible columns, masking) for every
matching row the user may view, and one audit row. Import is two steps: the upload is kept in
storage under a random token bound to the user's session and checked in a dry run that lists
every bad row; confirming imports all rows in one transaction, or nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

from django.contrib import messages
from django.core.files.storage import default_storage
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from zhifa.core.audit import ObjectRef, record
from zhifa.core.exports import export_filename, queryset_records, write_header_only, write_table, xlsx_response
from zhifa.core.forms import ImportFileForm
from zhifa.core.imports import run_import
from zhifa.core.models import AuditAction

from .base import GenericView
from .registry import model_url
from .writes import save_form, with_service_fields

IMPORT_SESSION_KEY = "zhifa_imports"
UPLOAD_DIR = "imports"
STALE_UPLOAD_AGE = dt.timedelta(days=1)

MSG_EXPORTED = "导出{noun}{count}行；筛选条件：{filters}"
MSG_IMPORTED = "从文件“{filename}”导入{noun}{count}行"
MSG_IMPORT_DONE = "已导入 {count} 条{noun}"
MSG_IMPORT_EXPIRED = "导入文件已失效，请重新上传"


class ObjectExportView(GenericView):
    """The list as an .xlsx download; ``list_view`` supplies queryset, filterset and table."""

    list_view = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.list_view is not None and cls.queryset is None:
            cls.queryset = cls.list_view.queryset

    def get(self, request, *args, **kwargs):
        filterset = self.list_view.filterset(request.GET, queryset=self.get_queryset(), request=request)
        table = self.list_view.table(filterset.qs, user=request.user)
        sort = request.GET.getlist(table.order_by_field)
        if sort:
            table.order_by = sort
        handle, count = write_table(table, queryset_records(table.data.data))
        meta = self.model._meta
        record(
            AuditAction.EXPORT,
            ObjectRef(f"{meta.app_label}.{meta.model_name}", "", str(meta.verbose_name_plural)),
            message=MSG_EXPORTED.format(noun=meta.verbose_name, count=count, filters=filterset.describe()),
        )
        return xlsx_response(handle, export_filename(self.model))


def purge_stale_uploads() -> None:
    """Delete uploads abandoned between preview and confirm for more than a day."""
    try:
        _dirs, files = default_storage.listdir(UPLOAD_DIR)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - STALE_UPLOAD_AGE
    for name in files:
        path = f"{UPLOAD_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


class ObjectImportView(GenericView):
    """Upload an .xlsx/.csv, preview every error (row, column, message), confirm to import all or nothing.

    ``form`` is the model's import form; its fields are the accepted columns.
    """

    permission_action = "add"
    form = None
    template_name = "generic/object_import.html"

    def get_form_class(self):
        return with_service_fields(self.form, self.model, creating=True)

    def columns(self) -> list[dict]:
        """The accepted columns with whether they are required and how to fill them."""
        form = self.get_form_class()(user=self.request.user)
        return [
            {"name": name, "label": str(f.label or name), "required": f.required, "help": str(f.help_text or "")}
            for name, f in form.fields.items()
        ]

    def render(self, **context):
        context = {**self.base_context(), "columns": self.columns(), **context}
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            headers = [c["label"] + ("*" if c["required"] else "") for c in self.columns()]
            handle = write_header_only(str(self.model._meta.verbose_name), headers)
            return xlsx_response(handle, "{noun}导入模板.xlsx".format(noun=self.model._meta.verbose_name))
        return self.render(upload_form=ImportFileForm(user=request.user))

    def post(self, request, *args, **kwargs):
        token = request.POST.get("token", "")
        if "_confirm" in request.POST:
            return self.confirm(token)
        if "_cancel" in request.POST:
            self.discard(token)
            return redirect(model_url(self.model, "list") or "/")
        upload_form = ImportFileForm(request.POST, request.FILES, user=request.user)
        if not upload_form.is_valid():
            return self.render(upload_form=upload_form)
        token = self.store(upload_form.cleaned_data["file"])
        entry = self.pending(token)
        outcome = self.run(entry, commit=False)
        if not outcome.ok:
            self.discard(token)
        return self.render(outcome=outcome, token=token if outcome.ok else "", filename=entry["filename"],
                           upload_form=ImportFileForm(user=request.user))

    def confirm(self, token: str):
        entry = self.pending(token)
        if entry is None:
            messages.error(self.request, MSG_IMPORT_EXPIRED)
            return redirect(model_url(self.model, "import") or "/")
        meta = self.model._meta
        with transaction.atomic():
            outcome = self.run(entry, commit=True)
            if outcome.ok:
                record(
                    AuditAction.IMPORT,
                    ObjectRef(f"{meta.app_label}.{meta.model_name}", "", str(meta.verbose_name_plural)),
                    message=MSG_IMPORTED.format(filename=entry["filename"], noun=meta.verbose_name, count=outcome.rows),
                )
        self.discard(token)
        if not outcome.ok:
            return self.render(outcome=outcome, filename=entry["filename"], upload_form=ImportFileForm(user=self.request.user))
        messages.success(self.request, MSG_IMPORT_DONE.format(count=outcome.rows, noun=meta.verbose_name))
        return redirect(model_url(self.model, "list") or "/")

    def run(self, entry: dict, *, commit: bool):
        user = self.request.user
        with default_storage.open(entry["name"], "rb") as handle:
            return run_import(
                handle=handle,
                filename=entry["filename"],
                form_class=self.get_form_class(),
                user=user,
                save_row=lambda form: save_form(form, user=user, action="add"),
                commit=commit,
            )

    def object_type(self) -> str:
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"

    def store(self, upload) -> str:
        """Keep the upload under a random token bound to this session and model; return the token."""
        purge_stale_uploads()
        token = secrets.token_urlsafe(16)
        name = default_storage.save(f"{UPLOAD_DIR}/{token}{Path(upload.name).suffix.lower()}", upload)
        pending = self.request.session.get(IMPORT_SESSION_KEY, {})
        pending[token] = {"name": name, "filename": upload.name, "object_type": self.object_type()}
        self.request.session[IMPORT_SESSION_KEY] = pending
        return token

    def pending(self, token: str) -> dict | None:
        """The stored upload of ``token`` if it belongs to this session and this model."""
        entry = self.request.session.get(IMPORT_SESSION_KEY, {}).get(token)
        if entry is None or entry.get("object_type") != self.object_type():
            return None
        return entry

    def discard(self, token: str) -> None:
        pending = self.request.session.get(IMPORT_SESSION_KEY, {})
        entry = pending.pop(token, None)
        if entry is not None:
            default_storage.delete(entry["name"])
            self.request.session[IMPORT_SESSION_KEY] = pending
