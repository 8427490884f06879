"""Power list (权责清单): each 职权 with its legal basis, holders and time limit, versioned."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.querysets import AuditedManager
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import ScopeSpec

MSG_DUPLICATE_CODE = "职权编码已存在"
MSG_BAD_CODE = "职权编码只能由字母、数字和连字符组成（2至40位）"
#: Chapter headings of the penalty provisions (法律责任 in a law, 罚则 in many regulations): an article
#: there is a 处罚依据 unless stated otherwise.
PENALTY_CHAPTERS = ("法律责任", "罚则")


class PowerKind(models.TextChoices):
    """Type of a power (职权类别) as used in the published 权责清单."""

    PENALTY = "penalty", "行政处罚"
    INSPECTION = "inspection", "行政检查"
    COERCION = "coercion", "行政强制"
    LICENSE = "license", "行政许可"
    LEVY = "levy", "行政征收"
    BENEFIT = "benefit", "行政给付"
    CONFIRMATION = "confirmation", "行政确认"
    ADJUDICATION = "adjudication", "行政裁决"
    REWARD = "reward", "行政奖励"
    OTHER = "other", "其他行政权力"


class BasisRole(models.TextChoices):
    """What an article of a power's legal basis is to a case of that power."""

    VIOLATED = "violated", "违反的规定"
    PENALTY = "penalty", "处罚依据"


def role_by_chapter(article) -> str:
    """The role of an article when none was stated: 处罚依据 in a chapter 法律责任 or 罚则, else 违反的规定."""
    chapter = article.chapter or ""
    return BasisRole.PENALTY if any(name in chapter for name in PENALTY_CHAPTERS) else BasisRole.VIOLATED


class Power(ZhifaModel):
    """A power (职权) in the list of powers and responsibilities.

    ``unit`` is the agency that maintains the entry (its data scope); ``subjects`` are the units
    that exercise the power. Every change goes through ``services.powers`` and leaves a
    ``PowerVersion`` with who, when, why and what changed.
    """

    code = models.CharField(
        "职权编码", max_length=40, unique=True, error_messages={"unique": MSG_DUPLICATE_CODE},
        validators=[RegexValidator(r"^[0-9A-Za-z-]{2,40}$", MSG_BAD_CODE)],
    )
    name = models.CharField("职权名称", max_length=300)
    kind = models.CharField("职权类别", max_length=16, choices=PowerKind.choices)
    basis = models.ManyToManyField("basedata.Article", verbose_name="法律依据", blank=True, related_name="powers",
                                   through="PowerBasis")
    subjects = models.ManyToManyField("org.Unit", verbose_name="实施主体", blank=True, related_name="powers")
    time_limit_days = models.PositiveIntegerField("办理时限（日）", null=True, blank=True)
    unit = models.ForeignKey("org.Unit", verbose_name="维护单位", on_delete=models.PROTECT, related_name="+")
    is_active = models.BooleanField("有效", default=True)
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    scope = ScopeSpec(unit="unit", owner="created_by")

    class Meta:
        verbose_name = "职权"
        verbose_name_plural = "权责清单"
        ordering = ["code"]
        indexes = [models.Index(fields=["kind", "code"], name="basedata_power_kind")]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return pk_reverse("basedata:power_detail", self.pk)


class PowerBasis(models.Model):
    """One article of a power's legal basis with its role: a provision the party violates, or the penalty
    provision. A row linked without a role (``power.basis.add(article)``) takes it from the article's chapter
    (``role_by_chapter``)."""

    power = models.ForeignKey(Power, verbose_name="职权", on_delete=models.CASCADE, related_name="citations")
    article = models.ForeignKey("basedata.Article", verbose_name="法条", on_delete=models.CASCADE,
                                related_name="power_citations")
    role = models.CharField("依据类别", max_length=16, choices=BasisRole.choices, blank=True)

    audited = True
    objects = AuditedManager()

    class Meta:
        db_table = "basedata_power_basis"
        verbose_name = "职权法律依据"
        verbose_name_plural = "职权法律依据"
        unique_together = [("power", "article")]

    def __str__(self):
        return f"{self.article}（{self.stated_role.label}）"

    @property
    def stated_role(self) -> BasisRole:
        """The role as stated, or the one its chapter gives."""
        return BasisRole(self.role or role_by_chapter(self.article))


class PowerVersion(models.Model):
    """A frozen copy of a power after each change, with who changed it, when, why and the field changes."""

    power = models.ForeignKey(Power, verbose_name="职权", on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField("版本")
    data = models.JSONField("内容")
    changes = models.JSONField("变更内容", default=list)
    reason = models.CharField("变更原因", max_length=300)
    changed_by = models.ForeignKey(
        "org.User", verbose_name="变更人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField("变更时间", auto_now_add=True)

    objects = AuditedManager()
    audited = True

    class Meta:
        verbose_name = "职权版本"
        verbose_name_plural = "职权版本"
        ordering = ["power", "-version"]
        constraints = [models.UniqueConstraint(fields=["power", "version"], name="basedata_power_version_unique")]

    def __str__(self):
        return f"{self.power} v{self.version}"
