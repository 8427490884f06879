"""Enforcement officers (执法人员): the 执法证 of a user, its categories, validity and status."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from zhifa.core.models import ZhifaModel
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import ScopeSpec
from zhifa.org.choices import Sector

MSG_USER_HAS_CERTIFICATE = "该用户已登记执法证，请编辑原记录"
MSG_DUPLICATE_CERTIFICATE = "执法证号已被登记"
MSG_EXPIRY_BEFORE_ISSUE = "有效期至不能早于发证日期"
MSG_UNKNOWN_CATEGORY = "执法类别“{value}”无效，可选：{choices}"


class CertificateStatus(models.TextChoices):
    """Administrative state of a 执法证, independent of its dates."""

    ACTIVE = "active", "正常"  # usable while within its validity dates
    SUSPENDED = "suspended", "暂扣"  # withheld for a while (e.g. during an investigation); may come back
    REVOKED = "revoked", "吊销"  # withdrawn for good; a new certificate needs a new record number


def category_list(value: str) -> list[str]:
    """The sector codes of a comma-separated ``categories`` value, in stored order."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def validate_categories(value: str) -> None:
    """Every category must be a known sector code (org ``Sector``)."""
    known = set(Sector.values)
    for code in category_list(value):
        if code not in known:
            raise ValidationError(
                MSG_UNKNOWN_CATEGORY.format(value=code, choices="、".join(str(label) for label in Sector.labels)),
                code="unknown_category",
            )


class Officer(ZhifaModel):
    """An enforcement officer: a user who holds an enforcement certificate (执法证).

    The officer belongs to the unit of their user account, so the data scope follows the user.
    ``unit`` is a copy of the user's unit, written on every save and whenever the user moves
    (``zhifa.basedata.services.officer_units``), so that the list of a unit is one range of the
    ``(unit, certificate_number)`` index instead of a join with every user (issue 9).
    ``categories`` lists the enforcement fields (sector codes) printed on the certificate. Whether
    the officer may handle a case on a given day is decided by
    ``zhifa.basedata.services.officers.officer_can_be_assigned``.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.PROTECT,
        related_name="officer",
        error_messages={"unique": MSG_USER_HAS_CERTIFICATE},
    )
    certificate_number = models.CharField(
        "执法证号", max_length=30, unique=True, error_messages={"unique": MSG_DUPLICATE_CERTIFICATE}
    )
    categories = models.CharField(
        "执法类别", max_length=200, blank=True, validators=[validate_categories], help_text="执法证上载明的执法领域"
    )
    issuing_authority = models.CharField("发证机关", max_length=100, blank=True)
    issued_on = models.DateField("发证日期")
    expires_on = models.DateField("有效期至")
    status = models.CharField("证件状态", max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.ACTIVE)
    note = models.CharField("备注", max_length=300, blank=True)
    unit = models.ForeignKey(
        "org.Unit", verbose_name="所属单位", null=True, blank=True, editable=False, on_delete=models.PROTECT,
        related_name="+", help_text="用户的所属单位（自动保持一致）",
    )

    scope = ScopeSpec(unit="unit", owner="user")
    search_grams = ("certificate_number", "issuing_authority")  # q's gram index (zhifa.core.search_grams)
    search_grams_unit = "unit"  # and its grams per unit; the holder's names are in the users' index

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["certificate_number"]
        indexes = [
            models.Index(fields=["status", "expires_on"], name="basedata_officer_validity"),
            # the list of one unit in its order, with the status filter read from the index (a rare status walked
            # the unit's rows in the table on SQLite)
            models.Index(fields=["unit", "certificate_number", "id", "status"], name="basedata_officer_unit_list"),
        ]

    def __str__(self):
        name = self.user.display_name or self.user.username
        return f"{name}（{self.certificate_number}）"

    def save(self, *args, **kwargs):
        self.unit_id = self.user.unit_id
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "unit"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            raise ValidationError({"expires_on": MSG_EXPIRY_BEFORE_ISSUE})

    def get_absolute_url(self):
        return pk_reverse("basedata:officer_detail", self.pk)

    def category_labels(self) -> list[str]:
        """Chinese names of the certificate's categories."""
        labels = dict(Sector.choices)
        return [str(labels.get(code, code)) for code in category_list(self.categories)]

    def days_to_expiry(self, on_date: dt.date | None = None) -> int:
        """Calendar days from ``on_date`` (default today) to the expiry date; negative once expired."""
        return (self.expires_on - (on_date or timezone.localdate())).days


class CertificateReminder(models.Model):
    """The record that the expiry reminder of one certificate validity was sent.

    Unique per officer and expiry date, and written in the same transaction as the todo and the
    notifications, so that the daily job reminds once even when several workers run it; a renewed
    certificate (a new ``expires_on``) gets its own reminder.
    """

    officer = models.ForeignKey(Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="reminders")
    expires_on = models.DateField("有效期至")
    sent_on = models.DateField("提醒日期")

    class Meta:
        verbose_name = "执法证到期提醒"
        verbose_name_plural = "执法证到期提醒"
        constraints = [
            models.UniqueConstraint(fields=["officer", "expires_on"], name="basedata_certificate_reminder_once"),
        ]

    def __str__(self):
        return f"{self.officer} {self.expires_on:%Y-%m-%d}"
