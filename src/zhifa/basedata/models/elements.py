"""Enforcement elements (执法要素): phrases, check modules, check items and checklists.

Every unit maintains its own elements (``ScopeSpec(unit=...)``), so two agencies can word the same
check item differently without affecting each other.
"""

from __future__ import annotations

from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import ScopeSpec
from zhifa.org.choices import Sector


class DocumentField(models.TextChoices):
    """The field of an enforcement document a phrase is offered in."""

    FACTS = "facts", "违法事实"
    INVESTIGATION = "investigation", "调查经过"
    OPINION = "opinion", "处理意见"
    CHECK_RESULT = "check_result", "检查结果"
    RECTIFICATION = "rectification", "整改要求"


class AnswerType(models.TextChoices):
    """How an officer answers a check item on site."""

    YES_NO_NA = "yes_no_na", "是/否/合理缺项"
    VALUE = "value", "填写数值"
    PHOTO = "photo", "拍照取证"


class Phrase(ZhifaModel):
    """A stock phrase (常用语) an officer inserts into one field of a document; each unit keeps its own."""

    unit = models.ForeignKey("org.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    field_key = models.CharField("文书栏目", max_length=20, choices=DocumentField.choices)
    text = models.CharField("内容", max_length=500)
    order = models.PositiveIntegerField("排序", default=0)

    scope = ScopeSpec(unit="unit")

    class Meta:
        verbose_name = "常用语"
        verbose_name_plural = "常用语"
        ordering = ["field_key", "order", "id"]
        indexes = [models.Index(fields=["field_key", "order", "id"], name="basedata_phrase_order")]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return pk_reverse("basedata:phrase_detail", self.pk)


class CheckModule(ZhifaModel):
    """A group of check items (检查模块) of one sector, e.g. “食品经营场所卫生”."""

    unit = models.ForeignKey("org.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("模块名称", max_length=100)
    sector = models.CharField("执法领域", max_length=30, choices=Sector.choices)

    scope = ScopeSpec(unit="unit")

    class Meta:
        verbose_name = "检查模块"
        verbose_name_plural = "检查模块"
        ordering = ["sector", "name"]
        indexes = [models.Index(fields=["sector", "name", "id"], name="basedata_checkmodule_order")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return pk_reverse("basedata:checkmodule_detail", self.pk)


class CheckItem(ZhifaModel):
    """One thing to check (检查项), optionally with the article it is based on, and how it is answered."""

    module = models.ForeignKey(CheckModule, verbose_name="检查模块", on_delete=models.PROTECT, related_name="items")
    content = models.CharField("检查内容", max_length=300)
    basis_article = models.ForeignKey(
        "basedata.Article", verbose_name="检查依据", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer_type = models.CharField("答题方式", max_length=12, choices=AnswerType.choices, default=AnswerType.YES_NO_NA)
    photo_required = models.BooleanField("须拍照", default=False)
    order = models.PositiveIntegerField("排序", default=0)

    scope = ScopeSpec(unit="module__unit")

    class Meta:
        verbose_name = "检查项"
        verbose_name_plural = "检查项"
        ordering = ["module", "order", "id"]

    def __str__(self):
        return self.content

    def get_absolute_url(self):
        return pk_reverse("basedata:checkitem_detail", self.pk)


class Checklist(ZhifaModel):
    """A checklist template (检查单): the ordered check items an officer fills in on site."""

    unit = models.ForeignKey("org.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("检查单名称", max_length=100)
    sector = models.CharField("执法领域", max_length=30, choices=Sector.choices)
    items = models.ManyToManyField(CheckItem, verbose_name="检查项", through="ChecklistItem", related_name="checklists",
                                   blank=True)

    scope = ScopeSpec(unit="unit")

    class Meta:
        verbose_name = "检查单"
        verbose_name_plural = "检查单"
        ordering = ["sector", "name"]
        indexes = [models.Index(fields=["sector", "name", "id"], name="basedata_checklist_order")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return pk_reverse("basedata:checklist_detail", self.pk)

    def ordered_items(self):
        """The template's items in checklist order, with their module and basis article."""
        return (
            CheckItem.objects.filter(checklist_entries__checklist=self)
            .select_related("module", "basis_article", "basis_article__law")
            .order_by("checklist_entries__order", "module__name", "order", "id")
        )


class ChecklistItem(ZhifaModel):
    """The place of one check item in a checklist."""

    checklist = models.ForeignKey(Checklist, verbose_name="检查单", on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(CheckItem, verbose_name="检查项", on_delete=models.PROTECT, related_name="checklist_entries")
    order = models.PositiveIntegerField("排序", default=0)

    scope = ScopeSpec(unit="checklist__unit")

    class Meta:
        verbose_name = "检查单条目"
        verbose_name_plural = "检查单条目"
        ordering = ["checklist", "order"]
        constraints = [models.UniqueConstraint(fields=["checklist", "item"], name="basedata_checklist_item_once")]

    def __str__(self):
        return f"{self.checklist} · {self.item}"
