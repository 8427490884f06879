"""Pages of the documents app: a case's documents, the draft preview, issuing, and the download.

Reads go through the permission gate; every change goes to ``zhifa.documents.services``.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from zhifa.cases.models import Case
from zhifa.core import audit
from zhifa.core.models import AuditAction
from zhifa.core.services.attachments import verified_copy

from .models import IssuedDocument
from .selectors import documents_overview
from .services import issue_document, preview_document

ISSUED = "已签发“{title}”{number}"
TAMPERED = "文书“{name}”的 PDF 与签发时登记的 SHA-256 校验值不符（文件缺失、损坏或被篡改），已拒绝下载"


def _case(request, pk) -> Case:
    return get_object_or_404(Case.objects.restrict(request.user, "view").select_related("unit", "process"), pk=pk)


def _pdf_name(title: str, number: str) -> str:
    return quote(f"{title}{number}.pdf")


class CaseDocumentsView(LoginRequiredMixin, View):
    """The documents of one case: issued copies, and 预览/签发 for the others with the reason when refused."""

    def get(self, request, pk):
        case = _case(request, pk)
        overview = documents_overview(case, request.user)
        if overview is None:
            raise PermissionDenied
        return render(request, "documents/case_documents.html", {**overview, "case": case})


class CasePreviewView(LoginRequiredMixin, View):
    """The draft PDF (watermark 草稿, no number) of one kind for a case, shown in the browser."""

    def get(self, request, pk, kind):
        case = _case(request, pk)
        try:
            title, pdf = preview_document(subject=case, kind=kind, actor=request.user)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("documents:case_documents", pk=case.pk)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f"inline; filename*=UTF-8''{_pdf_name(title, '（草稿）')}"
        return response


class CaseIssueView(LoginRequiredMixin, View):
    """签发 one kind for a case (POST), then back to the case's documents with the outcome."""

    def post(self, request, pk, kind):
        case = _case(request, pk)
        try:
            document = issue_document(subject=case, kind=kind, actor=request.user)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, ISSUED.format(title=document.title, number=document.number))
        return redirect(reverse("documents:case_documents", args=[case.pk]))


class IssuedDownloadView(LoginRequiredMixin, View):
    """The stored PDF of an issued document the user may view, only while it still matches its SHA-256."""

    def get(self, request, pk):
        document = get_object_or_404(
            IssuedDocument.objects.restrict(request.user, "view").select_related("attachment"), pk=pk
        )
        copy = verified_copy(document.attachment) if document.attachment_id else None
        if copy is None:
            message = TAMPERED.format(name=document)
            audit.record(AuditAction.ACTION, document, message=message)
            return render(request, "core/attachments/tampered.html",
                          {"attachment": document.attachment, "message": message}, status=409)
        audit.record_read(document)
        return FileResponse(copy, as_attachment=True, filename=f"{document.title}{document.number}.pdf",
                            content_type="application/pdf")
