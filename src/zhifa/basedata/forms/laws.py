"""The administrator's edit form of a law version (validity period, successor, region) and its service adapter."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from zhifa.core.forms import ZhifaModelForm
from zhifa.core.views.generic import ModelService, register_model_service

from ..models import Law
from ..services.laws import LAW_EDITABLE_FIELDS, law_update


@register_model_service(Law)
class LawWrites(ModelService):
    """Laws are created by the import only; an edit goes through ``law_update`` (checks, validity refresh)."""

    def create(self, instance, *, data: dict, user):
        raise ValidationError("法规只能通过导入新增")

    def update(self, instance, *, data: dict, user):
        return law_update(law=instance, user=user)


class LawForm(ZhifaModelForm):
    """Validity period (施行日期–失效日期), the version that superseded it, and where it applies."""

    class Meta:
        model = Law
        fields = LAW_EDITABLE_FIELDS
        widgets = {
            "effective_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"expires_on": "自该日起不再施行（新版本施行之日）；到期后显示为“已被修订”或“已废止”"}
