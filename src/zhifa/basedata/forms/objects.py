"""Forms of the inspection-object screens and the adapter to the object services."""

from __future__ import annotations

from django import forms

from zhifa.core import masking
from zhifa.core.forms import BulkEditForm, ZhifaModelForm
from zhifa.core.views.generic import ModelService, register_model_service
from zhifa.org.choices import Sector

from ..models.objects import InspectedObject, ObjectStatus
from ..services.objects import object_create, object_update

PERSONAL_FIELDS = ("id_number", "phone")


@register_model_service(InspectedObject)
class InspectedObjectWrites(ModelService):
    """Every generic write of an object (form, bulk edit, API) goes through the object services."""

    def create(self, instance, *, data: dict, user):
        return object_create(inspected_object=instance)

    def update(self, instance, *, data: dict, user):
        return object_update(inspected_object=instance)


class InspectedObjectForm(ZhifaModelForm):
    """Register (登记) or change an inspection object.

    New objects default to the user's unit and its region. Someone who may not read personal data
    edits an existing object without its 身份证号 and 联系电话 fields, which then stay as they are:
    the form never puts the full values in front of them.
    """

    class Meta:
        model = InspectedObject
        fields = ("kind", "name", "credit_code", "id_number", "legal_representative", "registration_authority",
                  "established_on", "registered_address", "business_address", "longitude", "latitude",
                  "industry_code", "status", "contact_person", "phone", "sector", "region", "unit")
        widgets = {"established_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "credit_code": "企业和其他组织必填，18位",
            "id_number": "个人必填，18位",
            "longitude": "例如 114.236512",
            "latitude": "例如 22.557421",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        if self.instance.pk is None and user is not None and user.unit_id:
            self.initial["unit"] = self.initial.get("unit") or user.unit_id
            self.initial["region"] = self.initial.get("region") or user.unit.region_id
            self.initial["sector"] = self.initial.get("sector") or user.unit.sector
        if self.instance.pk is not None and not masking.sees_unmasked(user, self.instance):
            for name in PERSONAL_FIELDS:
                self.fields.pop(name, None)


class InspectedObjectBulkEditForm(BulkEditForm):
    """Set the registration status or the supervising sector of several objects."""

    model = InspectedObject
    status = forms.ChoiceField(label="登记状态", choices=ObjectStatus.choices)
    sector = forms.ChoiceField(label="监管领域", choices=Sector.choices)
