"""Forms of the case screens: they read and check input; the services decide and write."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.urls import reverse

from zhifa.basedata.models import InspectedObject, Officer
from zhifa.core.forms import ZhifaForm

from ..choices import CaseSource, ProcedureKind

MSG_NO_PARTY = "请至少选择一个当事人"
MSG_CAUSE_REQUIRED = "请填写案由"
MSG_LEAD_REQUIRED = "请选择主办人员"
MSG_AMOUNT_INVALID = "罚款金额应为不小于 0 的数字，如 200 或 50.5"


def officer_label(officer: Officer) -> str:
    return f"{officer.user.display_name or officer.user.username}（{officer.certificate_number}）"


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return officer_label(obj)


class OfficersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return officer_label(obj)


class PartyPickerWidget(forms.Widget):
    """Chips of the chosen parties and a type-ahead box over the objects library (检查对象库).

    The box asks ``basedata:inspectedobject_search`` (name, credit code or pinyin initials) and a
    click on a result adds a chip with a hidden input; nothing is ever copied out of the library.
    """

    template_name = "cases/widgets/party_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.queryset = InspectedObject.objects.none()

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False

    def format_value(self, value):
        values = value if isinstance(value, (list, tuple)) else ([] if value in (None, "") else [value])
        return [str(getattr(v, "pk", v)) for v in values if v not in (None, "")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = [v for v in context["widget"]["value"] if v.isdigit()]
        context["widget"].update(
            selected=list(self.queryset.filter(pk__in=ids)) if ids else [],
            search_url=reverse("basedata:inspectedobject_search"),
            create_url=reverse("basedata:inspectedobject_add"),
        )
        return context


class CaseRegisterForm(ZhifaForm):
    """案件登记: procedure, source, cause, parties from the objects library, the officers."""

    procedure_type = forms.ChoiceField(label="程序类型", choices=ProcedureKind.choices)
    source = forms.ChoiceField(label="案件来源", choices=CaseSource.choices)
    source_note = forms.CharField(label="来源说明", required=False, max_length=300)
    cause = forms.CharField(label="案由", max_length=300, error_messages={"required": MSG_CAUSE_REQUIRED})
    facts = forms.CharField(label="违法事实", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    parties = forms.ModelMultipleChoiceField(
        label="当事人", queryset=InspectedObject.objects.none(), widget=PartyPickerWidget,
        error_messages={"required": MSG_NO_PARTY, "invalid_choice": "所选当事人不在您可查看的检查对象范围内"},
    )
    lead = OfficerChoiceField(label="主办人员", queryset=Officer.objects.none(),
                              error_messages={"required": MSG_LEAD_REQUIRED})
    assistants = OfficersChoiceField(label="协办人员", queryset=Officer.objects.none(), required=False)
    fine_amount = forms.DecimalField(label="拟罚款金额（元）", required=False, min_value=0, decimal_places=2,
                                     max_digits=14, error_messages={"invalid": MSG_AMOUNT_INVALID,
                                                                    "min_value": MSG_AMOUNT_INVALID})
    requires_legal_review = forms.BooleanField(label="须经法制审核（行政处罚法第58条）", required=False)
    requires_collective_discussion = forms.BooleanField(label="须经负责人集体讨论（行政处罚法第57条第2款）",
                                                        required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        objects = InspectedObject.objects.restrict(user, "view")
        self.fields["parties"].queryset = objects
        self.fields["parties"].widget.queryset = objects
        officers = Officer.objects.restrict(user, "view").select_related("user").order_by("user__display_name", "pk")
        if user is not None and user.unit_id:
            officers = officers.filter(user__unit_id=user.unit_id)
        self.fields["lead"].queryset = officers
        self.fields["assistants"].queryset = officers

    def clean_fine_amount(self):
        return self.cleaned_data.get("fine_amount") or Decimal("0")


class SimpleDecideForm(ZhifaForm):
    """简易程序 当场处罚: the fine and whether the party was told of its rights (or waived in writing)."""

    fine_amount = forms.DecimalField(label="罚款金额（元）", min_value=0, decimal_places=2, max_digits=14,
                                     error_messages={"required": "请填写罚款金额（警告填 0）",
                                                     "invalid": MSG_AMOUNT_INVALID, "min_value": MSG_AMOUNT_INVALID})
    notified = forms.BooleanField(label="已告知当事人拟作出的处罚内容及陈述、申辩权利", required=False)
    notice_waived = forms.BooleanField(label="当事人书面放弃陈述、申辩", required=False)
