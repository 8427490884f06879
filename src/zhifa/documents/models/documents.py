"""Document templates (文书模板), one row per version, and the documents issued from them (已签发文书)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import UNSCOPED, ScopeSpec


class DocumentTemplate(ZhifaModel):
    """One version of the template of a document kind: A4 HTML/CSS rendered to PDF.

    ``body`` is Django template language rendered in a sandbox that sees only the document's
    context (plain JSON data, no database objects, no other templates, no tag libraries).
    ``required_fields`` lists ``{"key": "party.name", "label": "当事人名称"}``: issuing is refused,
    naming each label, while one of them is empty. A new version is a new row; the rows are never
    changed afterwards, so the documents issued from an older version keep pointing at exactly the
    template they were rendered from. The version in force for a kind is the newest one whose
    ``active_from`` has come.
    """

    kind = models.SlugField("文书种类", max_length=50)
    name = models.CharField("文书名称", max_length=100)
    stage = models.CharField("办案环节", max_length=40)
    version = models.PositiveIntegerField("版本号")
    body = models.TextField("模板正文")
    css = models.TextField("样式（A4）")
    required_fields = models.JSONField("必填内容", default=list, blank=True)
    number_kind = models.CharField("编号类别", max_length=50, blank=True, help_text="空：内部文书，不编文号")
    number_code = models.CharField("文号代字", max_length=20, blank=True)
    options = models.JSONField("适用条件", default=dict, blank=True)
    active_from = models.DateField("启用日期")
    note = models.CharField("版本说明", max_length=300, blank=True)

    scope = UNSCOPED

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="documents_template_version_unique")]

    def __str__(self):
        return f"{self.name}（第{self.version}版）"


class IssuedDocument(ZhifaModel):
    """A document issued for a subject (a case today; clues and inspections later): numbered, frozen, stored.

    ``context`` is the data it was rendered from, frozen at issue; ``attachment`` is the PDF kept by
    the attachment service, whose SHA-256 is repeated in ``sha256``. The unit is the subject's, so
    the permission gate scopes documents like their case.
    """

    template = models.ForeignKey(DocumentTemplate, verbose_name="模板版本", on_delete=models.PROTECT, related_name="+")
    kind = models.SlugField("文书种类", max_length=50)
    title = models.CharField("文书名称", max_length=100)
    unit = models.ForeignKey("org.Unit", verbose_name="制作单位", on_delete=models.PROTECT, related_name="+")
    subject_type = models.ForeignKey(ContentType, verbose_name="所属对象类型", on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField("所属对象", max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    number = models.CharField("文号", max_length=80, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签发人", on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("签发时间")
    context = models.JSONField("文书内容（签发时冻结）", default=dict)
    attachment = models.ForeignKey(
        "core.Attachment", verbose_name="PDF 文件", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)

    scope = ScopeSpec(unit="unit", owner="issued_by")
    personal_data = True

    class Meta:
        verbose_name = "已签发文书"
        verbose_name_plural = "已签发文书"
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "kind"], name="documents_issued_subject")]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~models.Q(number=""), name="documents_issued_number_unique"),
        ]

    def __str__(self):
        return f"{self.title} {self.number}".strip()

    def get_absolute_url(self):
        return pk_reverse("documents:issueddocument_download", self.pk)
