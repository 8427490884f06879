"""Forms of the officer screens (edit, bulk edit, import) and the adapter to the officer services."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from zhifa.core.forms import BulkEditForm, LookupChoiceField, ZhifaImportForm, ZhifaModelForm
from zhifa.core.views.generic import ModelService, register_model_service
from zhifa.org.choices import Sector
from zhifa.org.models import User

from ..models.officers import CertificateStatus, Officer, category_list
from ..services.officers import officer_create, officer_update

CERTIFICATE_PATTERN = re.compile(r"^[0-9A-Z\u4e00-\u9fa5-]{4,30}$")
LIST_SEPARATORS = re.compile(r"[,，、;；\s]+")

MSG_BAD_CERTIFICATE_NUMBER = "执法证号应为4至30位汉字、字母、数字或连字符"
MSG_UNKNOWN_CATEGORIES = "执法类别“{values}”无法识别，可填：{choices}"


def clean_certificate_number(value: str) -> str:
    """The number in upper case without surrounding spaces; refused unless it looks like a certificate number."""
    number = (value or "").strip().upper()
    if not CERTIFICATE_PATTERN.match(number):
        raise ValidationError(MSG_BAD_CERTIFICATE_NUMBER)
    return number


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@register_model_service(Officer)
class OfficerWrites(ModelService):
    """Every generic write of an officer (form, bulk edit, import, API) goes through the officer services."""

    def create(self, instance, *, data: dict, user):
        return officer_create(officer=instance)

    def update(self, instance, *, data: dict, user):
        return officer_update(officer=instance)


class CategoriesField(forms.MultipleChoiceField):
    """The certificate's enforcement categories as checkboxes; stored comma-separated."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=Sector.choices, required=False, label="执法类别", **kwargs)

    def prepare_value(self, value):
        return category_list(value) if isinstance(value, str) else value

    def clean(self, value):
        return ",".join(super().clean(value))


class OfficerForm(ZhifaModelForm):
    """Register or change an officer's enforcement certificate."""

    categories = CategoriesField()

    class Meta:
        model = Officer
        fields = ("user", "certificate_number", "categories", "issuing_authority", "issued_on", "expires_on", "status",
                  "note")
        widgets = {"issued_on": date_input(), "expires_on": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user_field = self.fields["user"]
        user_field.queryset = user_field.queryset.filter(Q(officer__isnull=True) | Q(pk=self.instance.user_id))
        user_field.label_from_instance = lambda user: f"{user.display_name or user.username}（{user.username}）"

    def clean_certificate_number(self):
        return clean_certificate_number(self.cleaned_data["certificate_number"])


class OfficerBulkEditForm(BulkEditForm):
    """Set the status, the expiry date or the issuing authority of several certificates at once."""

    model = Officer
    status = forms.ChoiceField(label="证件状态", choices=CertificateStatus.choices)
    expires_on = forms.DateField(label="有效期至", widget=date_input())
    issuing_authority = forms.CharField(label="发证机关", max_length=100)


class CategoryLabelsField(forms.CharField):
    """Categories in one import cell by Chinese name or code: ``市场监管、城市管理``."""

    def clean(self, value):
        words = [word for word in LIST_SEPARATORS.split(super().clean(value) or "") if word]
        by_word = {**{str(label): code for code, label in Sector.choices}, **{code: code for code in Sector.values}}
        unknown = [word for word in words if word not in by_word]
        if unknown:
            raise ValidationError(
                MSG_UNKNOWN_CATEGORIES.format(values="、".join(unknown), choices="、".join(str(l) for l in Sector.labels))
            )
        return ",".join(dict.fromkeys(by_word[word] for word in words))


class OfficerImportForm(ZhifaImportForm):
    """One row of an officer import: the user by user name, categories by name."""

    user = LookupChoiceField(User.objects.all(), lookup_field="username", by_pk=False, label="用户名")
    categories = CategoryLabelsField(label="执法类别", required=False, help_text="多个用顿号分隔，例如“市场监管、城市管理”")

    class Meta:
        model = Officer
        fields = ("user", "certificate_number", "categories", "issuing_authority", "issued_on", "expires_on", "status")
        help_texts = {"issued_on": "例如 2024-01-31", "expires_on": "例如 2029-01-30", "status": "正常、暂扣或吊销；空白为正常"}

    def clean_certificate_number(self):
        return clean_certificate_number(self.cleaned_data["certificate_number"])
