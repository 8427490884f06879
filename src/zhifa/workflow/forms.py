"""Forms of the process pages: they only read input; the services decide."""

from django import forms
from django.contrib.auth import get_user_model

from .choices import SignKind
from .requirements import ProcedureType

TEXTAREA = {"rows": 3, "class": "form-control"}


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name or obj.username}（{obj.unit.name if obj.unit_id else '无单位'}）"


class UsersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name or obj.username}（{obj.unit.name if obj.unit_id else '无单位'}）"


class ItemActionForm(forms.Form):
    """Everything an action on a work item may carry; each action reads the fields it needs."""

    opinion = forms.CharField(label="审批意见", required=False, widget=forms.Textarea(attrs={**TEXTAREA, "list": "opinion-phrases"}))
    reason = forms.CharField(label="理由", required=False, widget=forms.Textarea(attrs=TEXTAREA))
    target = forms.ChoiceField(label="退回到", required=False, widget=forms.Select(attrs={"class": "form-select"}))
    user = UserChoiceField(label="人员", queryset=get_user_model().objects.none(), required=False,
                           empty_label="请选择人员", widget=forms.Select(attrs={"class": "form-select"}))
    users = UsersChoiceField(label="人员", queryset=get_user_model().objects.none(), required=False,
                             widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}))
    position = forms.ChoiceField(label="加签方式", choices=SignKind.choices, required=False,
                                 widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, people=None, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        people = people if people is not None else get_user_model().objects.none()
        self.fields["user"].queryset = people
        self.fields["users"].queryset = people
        self.fields["target"].choices = [("previous", "上一环节"), ("originator", "发起人（第一个环节）"), *targets]


class UploadForm(forms.Form):
    """A BPMN file for a new draft version."""

    file = forms.FileField(label="BPMN 模型文件", error_messages={"required": "请选择模型文件"},
                           widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".bpmn,.xml"}))
    procedure_type = forms.ChoiceField(label="程序类型", choices=ProcedureType.choices,
                                       widget=forms.Select(attrs={"class": "form-select"}))
    note = forms.CharField(label="版本说明", required=False, max_length=300, widget=forms.TextInput(attrs={"class": "form-control"}))


class DeputyForm(forms.Form):
    """A deputy for the signed-in user."""

    deputy = UserChoiceField(label="受托人", queryset=get_user_model().objects.none(), empty_label="请选择受托人",
                             error_messages={"required": "请选择受托人"}, widget=forms.Select(attrs={"class": "form-select"}))
    starts_on = forms.DateField(label="开始日期", error_messages={"required": "请填写开始日期", "invalid": "开始日期格式应为 2026-12-06"},
                                widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))
    ends_on = forms.DateField(label="结束日期", error_messages={"required": "请填写结束日期", "invalid": "结束日期格式应为 2026-12-06"},
                              widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))
    reason = forms.CharField(label="事由", required=False, max_length=200, widget=forms.TextInput(attrs={"class": "form-control"}))

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = people if people is not None else get_user_model().objects.none()
