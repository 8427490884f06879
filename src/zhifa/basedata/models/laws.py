"""The laws library (法律法规库): law versions, their articles, and users' favourites."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from zhifa.core.models import ZhifaModel
from zhifa.core.querysets import AuditedQuerySet
from zhifa.core.scoping import UNSCOPED

from ..choices import LawLevel, LawValidity
from ..lawtext.numerals import int_to_cn


def applicable_regions_q(user, prefix: str = "") -> Q:
    """Laws (``prefix`` = path to the law) that apply where ``user``'s unit is: national ones and those
    of its region or a region above it. A user without a unit (a system administrator) sees every law."""
    region = getattr(getattr(user, "unit", None), "region", None)
    if region is None:
        return Q()
    codes = [code for code in region.path.strip("/").split("/") if code] or [region.code]
    return Q(**{f"{prefix}region__isnull": True}) | Q(**{f"{prefix}region__code__in": codes})


class LawQuerySet(AuditedQuerySet):
    """Laws narrowed to the user's permission and to the regions where they apply."""

    def restrict(self, user, action: str = "view"):
        return super().restrict(user, action).filter(applicable_regions_q(user))


class ArticleQuerySet(AuditedQuerySet):
    """Articles narrowed to the user's permission and to the laws that apply where the user works."""

    def restrict(self, user, action: str = "view"):
        return super().restrict(user, action).filter(applicable_regions_q(user, "law__"))


class Law(ZhifaModel):
    """One version of a law, regulation, rule or normative document.

    A version is identified by its short title and version date (the date in the source file's
    name); importing the same version again updates it in place. Its validity period runs from
    ``effective_on`` to ``expires_on`` (the first day no longer in force); ``superseded_by`` (or
    ``superseded_note`` when the new version is not in the library) names what replaced it.
    Laws are shared reference data: anyone holding ``basedata.view_law`` sees the national ones and
    the local ones whose ``region`` contains their unit's region (``LawQuerySet.restrict``).
    """

    title = models.CharField("名称", max_length=300)
    short_title = models.CharField("简称", max_length=200)
    level = models.CharField("效力级别", max_length=20, choices=LawLevel.choices)
    issuing_body = models.CharField("制定机关", max_length=200, blank=True)
    promulgated_on = models.DateField("公布日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    expires_on = models.DateField("失效日期", null=True, blank=True)
    validity = models.CharField("时效性", max_length=10, choices=LawValidity.choices, default=LawValidity.IN_FORCE)
    superseded_by = models.ForeignKey(
        "self", verbose_name="被以下版本取代", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="supersedes", help_text="取代本版本的新版本（库中已有时选择）",
    )
    superseded_note = models.CharField(
        "取代说明", max_length=300, blank=True,
        help_text="新版本不在库中时填写，例如“2025年6月27日修订的《中华人民共和国治安管理处罚法》，自2026年1月1日起施行”",
    )
    region = models.ForeignKey(
        "org.Region", verbose_name="适用地区", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="地方性法规、地方政府规章的适用地区；为空表示全国适用",
    )
    version_date = models.DateField("版本日期")
    history = models.TextField("制定修订沿革", blank=True)
    preamble = models.TextField("序言", blank=True)
    source_name = models.CharField("来源文件", max_length=300, blank=True)
    source_sha256 = models.CharField("来源文件摘要", max_length=64, blank=True)

    objects = LawQuerySet.as_manager()

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

    objects = ArticleQuerySet.as_manager()

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
