"""Inspection objects (检查对象库): enterprises, other organisations and individuals."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from zhifa.core.models import ZhifaModel
from zhifa.core.reversing import pk_reverse
from zhifa.core.scoping import ScopeSpec
from zhifa.org.choices import Sector

from ..pinyin import pinyin_initials
from ..services.object_validation import (
    compact,
    validate_credit_code,
    validate_id_number,
    validate_industry_code,
    validate_latitude,
    validate_longitude,
    validate_phone,
)

MSG_CREDIT_CODE_REQUIRED = "企业和其他组织必须填写统一社会信用代码"
MSG_ID_NUMBER_REQUIRED = "个人必须填写身份证号"
MSG_NO_CREDIT_CODE_FOR_PERSON = "个人不填写统一社会信用代码；个体工商户请选择“企业”类别"
MSG_NO_ID_NUMBER_FOR_ORGANISATION = "企业和其他组织不填写身份证号"
MSG_COORDINATES_PAIR = "经度和纬度须同时填写"
MSG_DUPLICATE_CREDIT_CODE = "该统一社会信用代码已登记，一个代码只能有一条检查对象记录"
MSG_DUPLICATE_ID_NUMBER = "该身份证号已登记，一个人只能有一条检查对象记录"
VIEW_PERSONAL_DATA = "basedata.view_personal_data"


class ObjectKind(models.TextChoices):
    """What an inspection object is; decides which identifier it must carry."""

    ENTERPRISE = "enterprise", "企业"  # companies and 个体工商户: 统一社会信用代码 from market registration
    ORGANISATION = "organisation", "其他组织"  # public institutions, social organisations…: 统一社会信用代码
    INDIVIDUAL = "individual", "个人"  # a natural person: 身份证号, personal data


class ObjectStatus(models.TextChoices):
    """Registration state (登记状态) as the market-registration data reports it."""

    ACTIVE = "active", "存续"  # in business (在业/开业/在营)
    SUSPENDED = "suspended", "停业"
    REVOKED = "revoked", "吊销"  # business licence revoked; the subject still exists until cancelled
    CANCELLED = "cancelled", "注销"
    MOVED_OUT = "moved_out", "迁出"


class InspectedObject(ZhifaModel):
    """A party that may be inspected or punished: an enterprise, another organisation or a person.

    One record per 统一社会信用代码 (and per 身份证号 for individuals): both are unique when set and
    empty (NULL) otherwise. The owning ``unit`` decides who sees the record; ``region`` is where
    it is located. ``pinyin_initials`` is kept in step with ``name`` for type-ahead search. The
    three counts are maintained by the inspection, case and complaint modules through
    ``zhifa.basedata.services.objects.object_counts_add``. ``id_number`` and ``phone`` are shown
    in full only where the holder's ``basedata.view_personal_data`` reaches the object (its role's scope).
    """

    kind = models.CharField("类别", max_length=16, choices=ObjectKind.choices, default=ObjectKind.ENTERPRISE)
    name = models.CharField("名称/姓名", max_length=200)
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code],
        error_messages={"unique": MSG_DUPLICATE_CREDIT_CODE},
    )
    id_number = models.CharField(
        "身份证号",
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_id_number],
        error_messages={"unique": MSG_DUPLICATE_ID_NUMBER},
    )
    legal_representative = models.CharField("法定代表人/负责人", max_length=50, blank=True)
    registration_authority = models.CharField("登记机关", max_length=100, blank=True)
    established_on = models.DateField("成立日期", null=True, blank=True)
    registered_address = models.CharField("住所（注册地址）", max_length=300, blank=True)
    business_address = models.CharField("经营场所", max_length=300, blank=True)
    longitude = models.DecimalField(
        "经度", max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_longitude]
    )
    latitude = models.DecimalField(
        "纬度", max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_latitude]
    )
    industry_code = models.CharField(
        "行业代码", max_length=5, blank=True, validators=[validate_industry_code], help_text="GB/T 4754，例如 H6210"
    )
    status = models.CharField("登记状态", max_length=16, choices=ObjectStatus.choices, default=ObjectStatus.ACTIVE)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True, validators=[validate_phone])
    sector = models.CharField("监管领域", max_length=32, choices=Sector.choices, default=Sector.MARKET_REGULATION)
    region = models.ForeignKey("org.Region", verbose_name="所在区划", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", verbose_name="管辖单位", on_delete=models.PROTECT, related_name="+")
    pinyin_initials = models.CharField("拼音首字母", max_length=100, blank=True, editable=False)
    inspections_count = models.PositiveIntegerField("检查次数", default=0, editable=False)
    cases_count = models.PositiveIntegerField("案件数", default=0, editable=False)
    complaints_count = models.PositiveIntegerField("投诉举报数", default=0, editable=False)

    scope = ScopeSpec(unit="unit", owner="created_by")
    search_grams = ("name", "credit_code", "pinyin_initials", "legal_representative")  # q's gram index
    search_grams_unit = "unit"  # and its grams per unit (zhifa.core.search_grams)
    personal_data = True
    masked_fields = {"id_number": "id_number", "phone": "phone"}
    unmask_permission = VIEW_PERSONAL_DATA

    class Meta:
        verbose_name = "检查对象"
        verbose_name_plural = "检查对象"
        ordering = ["name", "pk"]
        permissions = [("view_personal_data", "查看检查对象个人信息（身份证号、联系电话）")]
        # The list's order (name, id): whole city, and per owning unit with the status filter read
        # from the index (issue 9: a rare status walked 239,000 rows of the name index).
        indexes = [
            models.Index(fields=["name", "id"], name="basedata_object_name_id"),
            models.Index(fields=["unit", "name", "id", "status"], name="basedata_object_unit_name"),
            models.Index(fields=["created_by", "name", "id"], name="basedata_object_owner_name"),
            models.Index(fields=["sector", "status"], name="basedata_object_sector"),
        ]

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        self.normalise()
        super().clean_fields(exclude=exclude)

    def clean(self):
        """Check that the identifiers match the kind (codes are normalised first, in ``clean_fields``)."""
        super().clean()
        errors = {}
        if self.kind == ObjectKind.INDIVIDUAL:
            if not self.id_number:
                errors["id_number"] = MSG_ID_NUMBER_REQUIRED
            if self.credit_code:
                errors["credit_code"] = MSG_NO_CREDIT_CODE_FOR_PERSON
        else:
            if not self.credit_code:
                errors["credit_code"] = MSG_CREDIT_CODE_REQUIRED
            if self.id_number:
                errors["id_number"] = MSG_NO_ID_NUMBER_FOR_ORGANISATION
        if (self.longitude is None) != (self.latitude is None):
            errors["latitude" if self.latitude is None else "longitude"] = MSG_COORDINATES_PAIR
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.normalise()
        self.pinyin_initials = pinyin_initials(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "pinyin_initials"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return pk_reverse("basedata:inspectedobject_detail", self.pk)

    def normalise(self) -> None:
        """Codes in their compact upper-case form; an empty code is NULL so that uniqueness holds."""
        self.name = (self.name or "").strip()
        self.credit_code = compact(self.credit_code) or None
        self.id_number = compact(self.id_number) or None
        self.industry_code = compact(self.industry_code)
        self.phone = (self.phone or "").strip()
