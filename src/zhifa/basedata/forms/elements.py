"""Forms of the element screens: edit, bulk edit and import of phrases, modules, items and checklists."""

from __future__ import annotations

from django import forms

from zhifa.core.forms import BulkEditForm, LookupChoiceField, ZhifaImportForm, ZhifaModelForm
from zhifa.org.choices import Sector
from zhifa.org.models import Unit

from ..models.elements import (
    AnswerType,
    CheckItem,
    Checklist,
    ChecklistItem,
    CheckModule,
    DocumentField,
    Phrase,
)


class UnitDefaultMixin:
    """New rows start with the acting user's unit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and self.user is not None and self.user.unit_id and "unit" in self.fields:
            self.initial.setdefault("unit", self.user.unit_id)


class PhraseForm(UnitDefaultMixin, ZhifaModelForm):
    class Meta:
        model = Phrase
        fields = ("unit", "field_key", "text", "order")
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class PhraseBulkEditForm(BulkEditForm):
    model = Phrase
    field_key = forms.ChoiceField(label="文书栏目", choices=DocumentField.choices)


class PhraseImportForm(ZhifaImportForm):
    unit = LookupChoiceField(Unit.objects.all(), label="单位")

    class Meta:
        model = Phrase
        fields = ("unit", "field_key", "text", "order")


class CheckModuleForm(UnitDefaultMixin, ZhifaModelForm):
    class Meta:
        model = CheckModule
        fields = ("unit", "name", "sector")


class CheckModuleBulkEditForm(BulkEditForm):
    model = CheckModule
    sector = forms.ChoiceField(label="执法领域", choices=Sector.choices)


class CheckModuleImportForm(ZhifaImportForm):
    unit = LookupChoiceField(Unit.objects.all(), label="单位")

    class Meta:
        model = CheckModule
        fields = ("unit", "name", "sector")


class CheckItemForm(ZhifaModelForm):
    class Meta:
        model = CheckItem
        fields = ("module", "content", "basis_article", "answer_type", "photo_required", "order")


class CheckItemBulkEditForm(BulkEditForm):
    model = CheckItem
    answer_type = forms.ChoiceField(label="答题方式", choices=AnswerType.choices)


class CheckItemImportForm(ZhifaImportForm):
    module = LookupChoiceField(CheckModule.objects.all(), label="检查模块")

    class Meta:
        model = CheckItem
        fields = ("module", "content", "answer_type", "photo_required", "order")


class ChecklistForm(UnitDefaultMixin, ZhifaModelForm):
    """A checklist template; the chosen items keep the order in which they are listed."""

    class Meta:
        model = Checklist
        fields = ("unit", "name", "sector", "items")

    def _save_m2m(self):
        super()._save_m2m()
        chosen = list(self.cleaned_data.get("items") or [])
        for position, item in enumerate(sorted(chosen, key=lambda i: (i.module_id, i.order, i.pk)), start=1):
            ChecklistItem.objects.filter(checklist=self.instance, item=item).update(order=position)


class ChecklistBulkEditForm(BulkEditForm):
    model = Checklist
    sector = forms.ChoiceField(label="执法领域", choices=Sector.choices)


class ChecklistImportForm(ZhifaImportForm):
    unit = LookupChoiceField(Unit.objects.all(), label="单位")

    class Meta:
        model = Checklist
        fields = ("unit", "name", "sector")
