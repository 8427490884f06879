"""The laws library (法律法规库): law versions, their articles, and users' favourites."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from zhifa.core.models import ZhifaModel
from zhifa.core.scoping import UNSCOPED

from ..choices import LawLevel, LawValidity
from ..laws.numerals import int_to_cn


class Law(ZhifaModel):
    """One version of a law, regulation, rule or normative document.

    A version is identified by its short title and version date (the date in the source file's
    name); importing the same version again updates it in place. Laws are shared reference data:
    anyone holding ``basedata.view_law`` sees all of them.
    """

    title = models.CharField("名称", max_length=300)
    short_title = models.CharField("简称", max_length=200)
    level = models.CharField("效力级别", max_length=20, choices=LawLevel.choices)
    issuing_body = models.CharField("制定机关", max_length=200, blank=True)
    promulgated_on = models.DateField("公布日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    expires_on = models.DateField("失效日期", null=True, blank=True)
    validity = models.CharField("时效性", max_length=10, choices=LawValidity.choices, default=LawValidity.IN_FORCE)
    version_date = models.DateField("版本日期")
    history = models.TextField("制定修订沿革", blank=True)
    preamble = models.TextField("序言", blank=True)
    source_name = models.CharField("来源文件", max_length=300, blank=True)
    source_sha256 = models.CharField("来源文件摘要", max_length=64, blank=True)

    scope = UNSCOPED

    class Meta:
        verbose_name = "法律法规"
        verbose_name_plural = "法律法规"
        ordering = ["short_title", "-version_date"]
        constraints = [
            models.UniqueConstraint(fields=["short_title", "version_date"], name="basedata_law_unique_version"),
        ]
        indexes = [models.Index(fields=["level", "validity"], name="basedata_law_level_validity")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("basedata:law_detail", args=[self.pk])

    @property
    def book_title(self) -> str:
        """The short title in title marks, as citations write it: 《行政处罚法》."""
        return f"《{self.short_title}》"


class Article(ZhifaModel):
    """One article (条) of a law version, addressable as 第X条[之Y][第Z款][第W项].

    ``paragraphs`` holds the paragraphs (款) in order, each ``{"text": "...", "items": ["（一）…"]}``
    with its items (项); ``text`` is the same content as plain lines, for display and search.
    """

    law = models.ForeignKey(Law, verbose_name="法律法规", on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveIntegerField("条号")
    sub_number = models.PositiveSmallIntegerField("之几", default=0)
    label = models.CharField("条标", max_length=40)
    chapter = models.CharField("所在章节", max_length=500, blank=True)
    text = models.TextField("条文")
    paragraphs = models.JSONField("款项", default=list)
    order = models.PositiveIntegerField("顺序")

    scope = UNSCOPED

    class Meta:
        verbose_name = "法条"
        verbose_name_plural = "法条"
        ordering = ["law", "order"]
        constraints = [
            models.UniqueConstraint(fields=["law", "number", "sub_number"], name="basedata_article_unique_number"),
        ]

    def __str__(self) -> str:
        return self.citation()

    def get_absolute_url(self) -> str:
        return f"{reverse('basedata:law_detail', args=[self.law_id])}#{self.anchor}"

    @property
    def anchor(self) -> str:
        """The HTML id of the article on its law's page: ``art-64`` or ``art-120-1``."""
        return f"art-{self.number}-{self.sub_number}" if self.sub_number else f"art-{self.number}"

    def citation(self, paragraph: int | None = None, item: int | None = None) -> str:
        """How documents cite it: 《行政处罚法》第六十四条[第一款][第二项]."""
        text = f"{self.law.book_title}{self.label}"
        if paragraph:
            text += f"第{int_to_cn(paragraph)}款"
        if item:
            text += f"第{int_to_cn(item)}项"
        return text


class LawFavourite(models.Model):
    """A user's bookmark on a law or on one article (exactly one of the two).

    Personal and only ever read by its owner, so it carries no unit scope and no audit trail; the
    bookmarked law or article is still shown only through the permission gate.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="law_favourites"
    )
    law = models.ForeignKey(Law, verbose_name="法律法规", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, verbose_name="法条", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField("收藏时间", auto_now_add=True)

    class Meta:
        verbose_name = "法规收藏"
        verbose_name_plural = "法规收藏"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(law__isnull=False, article__isnull=True) | Q(law__isnull=True, article__isnull=False),
                name="basedata_lawfavourite_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "law"], condition=Q(law__isnull=False), name="basedata_lawfavourite_unique_law"
            ),
            models.UniqueConstraint(
                fields=["user", "article"], condition=Q(article__isnull=False), name="basedata_lawfavourite_unique_article"
            ),
        ]

    def __str__(self) -> str:
        return str(self.article or self.law)
