"""Issuing documents (签发), previewing them (草稿) and publishing template versions.

``issue_document`` is the one way a document comes into being: it locks the subject, checks the
permission, the template, whether the kind concerns the subject, whether it was issued already and
every required field (all refusals are Chinese messages naming what is missing), then builds the
context, draws the number, renders the PDF, stores it through the attachment service and writes the
audit rows — in one transaction. ``issue_refusal`` is the same check without writing, for the page.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from zhifa.core import audit
from zhifa.core.gate import can_add_in, can_model
from zhifa.core.models import AuditAction
from zhifa.core.services.attachments import attachment_store
from zhifa.core.services.numbering import NumberingError, next_number

from .contexts import build_context, lookup, missing_fields, subject_kind
from .contexts.formatting import cn_date
from .models import DocumentTemplate, IssuedDocument
from .rendering import compile_body, render_pdf

MSG_NO_TEMPLATE = "文书模板“{kind}”尚未发布，请系统管理员运行 zhifa documents sync"
MSG_NOT_ALLOWED = "您没有在“{unit}”制作文书的权限"
MSG_NOT_VISIBLE = "您无权查看该案件"
MSG_NOT_APPLICABLE = "“{name}”不适用于本案"
MSG_ALREADY_ISSUED = "本案已签发“{name}”（{number}），不能重复签发；如需更正，请走文书纠错"
MSG_MISSING = "“{name}”缺少以下内容，不能签发：{fields}"
MSG_TEMPLATE_NOT_ALLOWED = "您没有发布文书模板的权限"
ISSUED = "签发文书：{title}{number}"


def current_template(kind: str, on_date: dt.date | None = None) -> DocumentTemplate | None:
    """The version of ``kind`` in force on ``on_date`` (today): the newest whose 启用日期 has come."""
    on_date = on_date or timezone.localdate()
    return DocumentTemplate.objects.filter(kind=kind, active_from__lte=on_date).order_by("-version").first()


def current_templates(on_date: dt.date | None = None) -> list[DocumentTemplate]:
    """The version in force of every kind (the table holds a few rows per kind)."""
    on_date = on_date or timezone.localdate()
    newest: dict[str, DocumentTemplate] = {}
    for template in DocumentTemplate.objects.filter(active_from__lte=on_date).order_by("kind", "-version"):
        newest.setdefault(template.kind, template)
    return list(newest.values())


def applies(template: DocumentTemplate, subject, context: dict) -> bool:
    """Whether the kind concerns ``subject``: its procedure, and the ``applies_when``/``applies_unless`` keys."""
    options = template.options
    if subject_kind(subject).procedure(subject) not in options.get("procedures", ["general"]):
        return False
    if "applies_when" in options and not lookup(context, options["applies_when"]):
        return False
    return not ("applies_unless" in options and lookup(context, options["applies_unless"]))


def issued_documents(subject, kind: str | None = None):
    """The documents issued for ``subject`` (of ``kind``), newest first; restrict them before showing them."""
    documents = IssuedDocument.objects.filter(subject_type=ContentType.objects.get_for_model(subject),
                                              subject_id=str(subject.pk))
    return documents.filter(kind=kind) if kind else documents


def preparation_refusal(*, subject, actor) -> str:
    """``""`` when ``actor`` may prepare (preview, issue) documents of ``subject``, else the reason."""
    unit = subject_kind(subject).unit(subject)
    if not can_add_in(actor, IssuedDocument, unit):
        return MSG_NOT_ALLOWED.format(unit=unit)
    if not type(subject)._default_manager.filter(pk=subject.pk).restrict(actor, "view").exists():
        return MSG_NOT_VISIBLE
    return ""


def kind_refusal(*, subject, template: DocumentTemplate, context: dict, earlier: IssuedDocument | None) -> str:
    """The checks of one template against the subject's context: applies, not issued yet (``earlier``), complete."""
    if not applies(template, subject, context):
        return MSG_NOT_APPLICABLE.format(name=template.name)
    if earlier is not None and not template.options.get("repeatable"):
        return MSG_ALREADY_ISSUED.format(name=template.name, number=earlier.number or cn_date(earlier.issued_at))
    missing = missing_fields(context, template.required_fields)
    if missing:
        return MSG_MISSING.format(name=template.name, fields="、".join(missing))
    return ""


def issue_refusal(*, subject, kind: str, actor, context: dict | None = None,
                  template: DocumentTemplate | None = None) -> str:
    """``""`` when ``issue_document`` would issue ``kind`` for ``subject`` now, else the reason it would give."""
    refusal = preparation_refusal(subject=subject, actor=actor)
    if refusal:
        return refusal
    template = template or current_template(kind)
    if template is None:
        return MSG_NO_TEMPLATE.format(kind=kind)
    context = build_context(subject) if context is None else context
    return kind_refusal(subject=subject, template=template, context=context,
                        earlier=issued_documents(subject, kind).first())


def _document_section(template: DocumentTemplate, *, number: str, actor, draft: bool) -> dict:
    return {"title": template.name, "number": number, "issued_on": cn_date(timezone.localdate()),
            "issued_by": actor.display_name or actor.username, "draft": draft, "version": template.version}


@transaction.atomic
def issue_document(*, subject, kind: str, actor) -> IssuedDocument:
    """签发: number, render, store and audit the document ``kind`` of ``subject``; ``ValidationError`` if refused."""
    spec = subject_kind(subject)
    subject = spec.lock(subject)
    template = current_template(kind)
    context = build_context(subject)
    refusal = issue_refusal(subject=subject, kind=kind, actor=actor, context=context, template=template)
    if refusal:
        raise ValidationError(refusal)
    unit = spec.unit(subject)
    number = ""
    if template.number_kind:
        try:
            number = next_number(unit=unit, kind=template.number_kind, on_date=timezone.localdate())
        except NumberingError as error:
            raise ValidationError(str(error)) from None
    context["document"] = _document_section(template, number=number, actor=actor, draft=False)
    pdf = render_pdf(template, context)
    document = IssuedDocument.objects.create(
        template=template, kind=kind, title=template.name, unit=unit,
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk), number=number,
        issued_by=actor, issued_at=timezone.now(), context=context, created_by=actor,
    )
    attachment = attachment_store(uploaded_file=ContentFile(pdf, name=f"{template.name}{number}.pdf"),
                                  target=document, unit=unit, label="文书")
    try:
        document.attachment, document.sha256 = attachment, attachment.sha256
        document.save(update_fields=["attachment", "sha256", "updated_at"])
        audit.record(AuditAction.ACTION, subject, message=ISSUED.format(title=template.name, number=number), user=actor)
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return document


def preview_document(*, subject, kind: str, actor) -> tuple[str, bytes]:
    """The name and draft PDF of ``kind`` for ``subject`` as it stands (watermark 草稿, no number).

    Nothing is written but the read audit row (the draft shows the party's personal data).
    """
    refusal = preparation_refusal(subject=subject, actor=actor)
    template = current_template(kind)
    if not refusal and template is None:
        refusal = MSG_NO_TEMPLATE.format(kind=kind)
    if refusal:
        raise ValidationError(refusal)
    context = build_context(subject)
    context["document"] = _document_section(template, number="", actor=actor, draft=True)
    audit.record(AuditAction.READ, subject, message=f"预览文书：{template.name}", user=actor)
    return template.name, render_pdf(template, context, draft=True)


@transaction.atomic
def template_publish(*, kind: str, name: str, stage: str, body: str, css: str, required_fields: list[dict],
                     active_from: dt.date, number_kind: str = "", number_code: str = "", options: dict | None = None,
                     note: str = "", actor=None) -> DocumentTemplate | None:
    """Publish a new version of ``kind`` unless it equals the newest; ``None`` when nothing changed.

    Issued documents keep the version they were rendered from. ``actor`` is ``None`` for the shipped
    catalogue loaded by the operator's command; a person needs ``documents.add_documenttemplate``.
    """
    if actor is not None and not can_model(actor, "add", DocumentTemplate):
        raise ValidationError(MSG_TEMPLATE_NOT_ALLOWED)
    compile_body(body, name=name)
    values = {"name": name, "stage": stage, "body": body, "css": css, "required_fields": required_fields,
              "number_kind": number_kind, "number_code": number_code, "options": options or {}}
    latest = DocumentTemplate.objects.select_for_update().filter(kind=kind).order_by("-version").first()
    if latest is not None and all(getattr(latest, field) == value for field, value in values.items()):
        return None
    return DocumentTemplate.objects.create(kind=kind, version=latest.version + 1 if latest else 1,
                                           active_from=active_from, note=note, created_by=actor, **values)
